//! The fixed workload, run by one client against one server.

use std::sync::Arc;
use std::time::Duration;

use tokio::task::JoinSet;
use tokio::time::Instant;

use super::Workload;
use super::clients::SimClient;

/// What the workload saw of its logical requests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// Logical requests that ended in a 2xx.
    pub successes: u64,
    /// Logical requests the client gave up on (an error, or a failed response it returned).
    pub give_ups: u64,
    /// From the start of the workload to the end of its last request.
    pub total: Duration,
    /// Each logical request's time, from its first attempt to its outcome, sorted.
    pub latencies: Vec<Duration>,
}

impl Outcome {
    /// The `p`-th quantile (0 < p ≤ 1) of the latencies, by nearest rank; zero without any.
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss,
        reason = "a rank among a few hundred latencies"
    )]
    pub fn quantile(&self, p: f64) -> Duration {
        let n = self.latencies.len();
        if n == 0 {
            return Duration::ZERO;
        }
        let rank = ((p * n as f64).ceil() as usize).clamp(1, n);
        self.latencies[rank - 1]
    }
}

/// Runs `workload` with `client` against `base`: every task at once, each request at its time.
///
/// # Panics
///
/// If a task of the workload panicked.
pub async fn run(workload: Workload, client: Arc<SimClient>, base: &str) -> Outcome {
    let start = Instant::now();
    let mut tasks = JoinSet::new();
    for task in 0..workload.tasks {
        let client = Arc::clone(&client);
        let base = base.to_owned();
        tasks.spawn(async move {
            let offset = workload.spacing * task / workload.tasks;
            let mut results = Vec::new();
            for request in 0..workload.per_task {
                tokio::time::sleep_until(start + offset + workload.spacing * request).await;
                let id = format!("{task}-{request}");
                let url = format!("{base}/v1/items/{id}");
                let began = Instant::now();
                let ok = client.get(&url, &id).await;
                results.push((ok, began.elapsed()));
            }
            results
        });
    }
    let mut outcome = Outcome {
        successes: 0,
        give_ups: 0,
        total: Duration::ZERO,
        latencies: Vec::new(),
    };
    while let Some(results) = tasks.join_next().await {
        let results = match results {
            Ok(results) => results,
            Err(error) => panic!("a workload task failed: {error}"),
        };
        for (ok, latency) in results {
            if ok {
                outcome.successes += 1;
            } else {
                outcome.give_ups += 1;
            }
            outcome.latencies.push(latency);
        }
    }
    outcome.total = start.elapsed();
    outcome.latencies.sort_unstable();
    outcome
}
