//! The retry simulation: one fixed workload against a scripted loopback server, run by four
//! clients at once, each against a fresh server of its own, in a few rounds; it prints what
//! each client did and whether the targets of the issue hold (exit status 1 if one does not).
//!
//! ```sh
//! cargo run -p error-contract-benches --bin retry-sim            # 3 rounds, about 90 s
//! cargo run -p error-contract-benches --bin retry-sim -- --rounds 1
//! ```
//!
//! See `BENCHMARKS.md` ("Retry simulation") and `benches/src/sim/`.

use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::Ordering;

use error_contract::reqwest::Client;
use error_contract_benches::sim::clients::SimClient;
use error_contract_benches::sim::report::{self, Row};
use error_contract_benches::sim::server::Server;
use error_contract_benches::sim::{Script, Workload, workload};
use tokio::runtime::{Builder, Handle, Runtime};

/// Seeds the jitter of error-contract's clients (`fastrand`, on the one thread that runs
/// each), so that they draw the same delays in the same order in every round; reqwest-retry
/// draws from `rand`'s thread-local generator, which cannot be seeded from outside.
const SEED: u64 = 0x5eed;

/// Rounds run unless `--rounds N` says otherwise: the table gives each figure's median and
/// range over them.
const ROUNDS: usize = 3;

/// The clients of the table, in its order, each made afresh for each round.
const CLIENTS: [fn() -> SimClient; 4] = [
    SimClient::no_retries,
    SimClient::reqwest_retry,
    || SimClient::contract("error-contract Client", |client| client),
    || {
        SimClient::contract(
            "error-contract Client, paced",
            Client::with_rate_limit_pacing,
        )
    },
];

fn main() -> ExitCode {
    let rounds = match rounds() {
        Ok(rounds) => rounds,
        Err(message) => {
            eprintln!("retry-sim: {message}\nusage: retry-sim [--rounds N]");
            return ExitCode::from(2);
        }
    };
    let script = Script::DEFAULT;
    let workload = Workload::DEFAULT;
    // Every server of a round on one thread, each client on a thread of its own.
    let server_runtime = runtime(Builder::new_multi_thread().worker_threads(1));

    println!(
        "retry-sim: {} GET requests from {} tasks (one every {:?} each) against a bucket of {}/s, burst {};",
        workload.requests(),
        workload.tasks,
        workload.spacing,
        script.rate,
        script.burst,
    );
    println!(
        "admitted {}-{} answered 503, every {}th 500, every {}th {:?} slow; {:?} without a listener after arrival {}.",
        script.unavailable.0,
        script.unavailable.1,
        script.internal_every,
        script.slow_every,
        script.slow_by,
        script.down_for,
        script.down_after_arrival,
    );
    println!(
        "{rounds} rounds; in each, the {} clients run at once, each against a fresh server of its own.\n",
        CLIENTS.len(),
    );

    let mut all = Vec::new();
    for round in 1..=rounds {
        let rows: Vec<Row> = std::thread::scope(|scope| {
            let runs: Vec<_> = CLIENTS
                .iter()
                .map(|&make| {
                    let server = server_runtime.handle();
                    scope.spawn(move || run(make, script, workload, server))
                })
                .collect();
            runs.into_iter()
                .map(|run| match run.join() {
                    Ok(row) => row,
                    Err(panic) => std::panic::resume_unwind(panic),
                })
                .collect()
        });
        println!("Round {round}:\n\n{}", report::table(&rows));
        all.push(rows);
    }

    if rounds > 1 {
        println!(
            "Median of {rounds} rounds (min–max):\n\n{}",
            report::summary(&all)
        );
    }
    let mut holds = true;
    for target in report::targets(&all) {
        println!(
            "{} {}",
            if target.holds { "holds:" } else { "FAILS:" },
            target.text
        );
        holds &= target.holds;
    }
    if holds {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// One client's run: a fresh server on `server`, the client made by `make` on a runtime of
/// this thread alone, and what both counted.
fn run(make: fn() -> SimClient, script: Script, workload: Workload, server: &Handle) -> Row {
    let client_runtime = runtime(&mut Builder::new_current_thread());
    fastrand::seed(SEED);
    let server = match Server::start(script, server) {
        Ok(server) => server,
        Err(error) => panic!("the server could not start: {error}"),
    };
    let client = Arc::new(make());
    let outcome =
        client_runtime.block_on(workload::run(workload, Arc::clone(&client), &server.url()));
    let counts = server.counts();
    server.stop();
    eprintln!("{}: done in {:.1?}", client.name(), outcome.total);
    Row {
        name: client.name(),
        sent: client.sent().attempts.load(Ordering::Relaxed),
        refused: client.sent().refused.load(Ordering::Relaxed),
        server: counts,
        outcome,
    }
}

fn runtime(builder: &mut Builder) -> Runtime {
    match builder.enable_all().build() {
        Ok(runtime) => runtime,
        Err(error) => panic!("no Tokio runtime: {error}"),
    }
}

/// `--rounds N` (at least 1), or [`ROUNDS`].
fn rounds() -> Result<usize, String> {
    let mut args = std::env::args().skip(1);
    let mut rounds = ROUNDS;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--rounds" => {
                rounds = args
                    .next()
                    .and_then(|n| n.parse().ok())
                    .filter(|&n| n > 0)
                    .ok_or("--rounds takes a number above 0")?;
            }
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    Ok(rounds)
}
