//! `invoice-api`: a partner API server and a client sharing one error enum.
//!
//! - `invoice-api` walks a client through every scenario of the Standard Error Response guide against an in-process
//!   server and prints what happened;
//! - `invoice-api serve --addr 127.0.0.1:8080` runs the server;
//! - `invoice-api catalog [--json]` prints the error catalogue.

use std::net::SocketAddr;
use std::process::ExitCode;

use error_contract::Catalog;
use invoice_api::contract::PartnerError;
use invoice_api::{server, tour};

const USAGE: &str = "\
invoice-api: error-contract's demo, a partner API and a client sharing one error enum

Usage:
  invoice-api [--slow]                 walk the client through every scenario of the Standard Error Response guide
  invoice-api serve [--addr ADDR]      serve the API (default 127.0.0.1:8080)
  invoice-api catalog [--json]         print the error catalogue
  invoice-api --help

--slow waits the guide's real 1 s, 2 s, 4 s between retries; by default they are scaled down
twenty times so the tour takes a few seconds.
";

/// What the command line asks for.
#[derive(Debug, PartialEq, Eq)]
enum Command {
    Tour { slow: bool },
    Serve { addr: SocketAddr },
    Catalog { json: bool },
    Help,
}

fn parse(args: &[String]) -> Result<Command, String> {
    let words: Vec<&str> = args.iter().map(String::as_str).collect();
    match words.as_slice() {
        [] => Ok(Command::Tour { slow: false }),
        ["--slow"] => Ok(Command::Tour { slow: true }),
        ["--help" | "-h" | "help"] => Ok(Command::Help),
        ["serve"] => Ok(Command::Serve {
            addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
        }),
        ["serve", "--addr", addr] => addr
            .parse()
            .map(|addr| Command::Serve { addr })
            .map_err(|error| format!("--addr {addr}: {error}; write it as 127.0.0.1:8080")),
        ["catalog"] => Ok(Command::Catalog { json: false }),
        ["catalog", "--json"] => Ok(Command::Catalog { json: true }),
        _ => Err(format!("unknown arguments: {}", words.join(" "))),
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let command = match parse(&args) {
        Ok(command) => command,
        Err(error) => {
            eprintln!("invoice-api: {error}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match command {
        Command::Help => {
            print!("{USAGE}");
            ExitCode::SUCCESS
        }
        Command::Catalog { json } => {
            let catalog = Catalog::of::<PartnerError>();
            if let Err(error) = catalog.check() {
                eprintln!("invoice-api: the contract is inconsistent: {error}");
                return ExitCode::FAILURE;
            }
            if json {
                println!("{}", catalog.to_json());
            } else {
                print!("{}", catalog.markdown());
            }
            ExitCode::SUCCESS
        }
        Command::Serve { addr } => run(serve(addr)),
        Command::Tour { slow } => run(tour::run(slow)),
    }
}

/// Runs `future` on a fresh tokio runtime; an error is printed and fails the process.
fn run(
    future: impl std::future::Future<Output = Result<(), Box<dyn std::error::Error>>>,
) -> ExitCode {
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("invoice-api: cannot start the async runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(future) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("invoice-api: {error}");
            ExitCode::FAILURE
        }
    }
}

async fn serve(addr: SocketAddr) -> Result<(), Box<dyn std::error::Error>> {
    // The server's log: 5xx with their private cause at ERROR, 4xx at DEBUG.
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .init();
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|error| format!("cannot listen on {addr}: {error}"))?;
    let local = listener.local_addr()?;
    tracing::info!("invoice-api listening on http://{local}");
    // Tests and scripts wait for this line on stdout.
    println!("listening on http://{local}");
    tokio::select! {
        served = server::serve(listener) => served?,
        _ = tokio::signal::ctrl_c() => tracing::info!("stopped"),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(line: &str) -> Vec<String> {
        line.split_whitespace().map(str::to_owned).collect()
    }

    #[test]
    fn commands() {
        assert_eq!(parse(&words("")), Ok(Command::Tour { slow: false }));
        assert_eq!(parse(&words("--slow")), Ok(Command::Tour { slow: true }));
        assert_eq!(
            parse(&words("serve --addr 127.0.0.1:9000")),
            Ok(Command::Serve {
                addr: "127.0.0.1:9000".parse().unwrap()
            })
        );
        assert_eq!(
            parse(&words("catalog --json")),
            Ok(Command::Catalog { json: true })
        );
        assert!(
            parse(&words("serve --addr nowhere"))
                .unwrap_err()
                .contains("127.0.0.1:8080")
        );
        assert!(parse(&words("deploy")).is_err());
    }

    #[test]
    fn the_contract_declares_each_code_once() {
        // The gateway route's enum too: the partner's codes forwarded, the common ones its own.
        Catalog::of::<invoice_api::server::gateway::GatewayError>()
            .check()
            .unwrap();
        let catalog = Catalog::of::<PartnerError>();
        catalog.check().unwrap();
        let codes: Vec<&str> = catalog.specs().iter().map(|spec| &*spec.code).collect();
        for guide_code in [
            "authentication_required",
            "invalid_token",
            "permission_denied",
            "validation_error",
            "business_not_found",
            "invoice_not_found",
            "duplicate_external_id",
        ] {
            assert!(
                codes.contains(&guide_code),
                "{guide_code} is missing from {codes:?}"
            );
        }
    }
}
