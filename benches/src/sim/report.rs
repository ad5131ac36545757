//! The table of the simulation and its targets.

use std::fmt::Write as _;
use std::time::Duration;

use super::server::ServerCounts;
use super::workload::Outcome;

/// What one client did in its run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The client's name.
    pub name: &'static str,
    /// Requests the client sent, by its own count.
    pub sent: u64,
    /// Of those, connections refused.
    pub refused: u64,
    /// What the server counted.
    pub server: ServerCounts,
    /// What the workload saw.
    pub outcome: Outcome,
}

/// The head of both tables.
const HEADER: &str = "| client | sent | refused | 429s | 503s | 500s | successes | give-ups | Retry-After violations | inside any Retry-After | total | p50 | p99 |\n\
    |---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n";

/// The rows of one round as a Markdown table.
pub fn table(rows: &[Row]) -> String {
    let mut out = String::from(HEADER);
    for row in rows {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            row.name,
            row.sent,
            row.refused,
            row.server.throttled,
            row.server.unavailable,
            row.server.internal,
            row.outcome.successes,
            row.outcome.give_ups,
            row.server.violations,
            row.server.inside_any_retry_after,
            seconds(row.outcome.total),
            millis(row.outcome.quantile(0.5)),
            millis(row.outcome.quantile(0.99)),
        );
    }
    out
}

/// The median and range of each figure over `rounds` (each a row per client, in the same
/// order), as a Markdown table: `41 (38–57)`, or `41` when every round agrees.
pub fn summary(rounds: &[Vec<Row>]) -> String {
    let mut out = String::from(HEADER);
    let Some(first) = rounds.first() else {
        return out;
    };
    for (client, row) in first.iter().enumerate() {
        let rows: Vec<&Row> = rounds
            .iter()
            .filter_map(|round| round.get(client))
            .collect();
        let count = |figure: fn(&Row) -> u64| spread(&rows, figure, |n| n.to_string());
        let time = |figure: fn(&Row) -> Duration, show: fn(Duration) -> String| {
            spread(&rows, figure, show)
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            row.name,
            count(|row| row.sent),
            count(|row| row.refused),
            count(|row| row.server.throttled),
            count(|row| row.server.unavailable),
            count(|row| row.server.internal),
            count(|row| row.outcome.successes),
            count(|row| row.outcome.give_ups),
            count(|row| row.server.violations),
            count(|row| row.server.inside_any_retry_after),
            time(|row| row.outcome.total, seconds),
            time(|row| row.outcome.quantile(0.5), millis),
            time(|row| row.outcome.quantile(0.99), millis),
        );
    }
    out
}

/// `median (min–max)` of `figure` over `rows`, each shown by `show`.
fn spread<T: Ord + Copy>(rows: &[&Row], figure: fn(&Row) -> T, show: fn(T) -> String) -> String {
    let mut values: Vec<T> = rows.iter().map(|row| figure(row)).collect();
    values.sort_unstable();
    let (Some(&min), Some(&max)) = (values.first(), values.last()) else {
        return String::new();
    };
    let median = values[(values.len() - 1) / 2];
    if min == max {
        show(median)
    } else {
        format!("{} ({}–{})", show(median), show(min), show(max))
    }
}

/// The median of `figure` over the rows of client `client` in `rounds`.
fn median(rounds: &[Vec<Row>], client: usize, figure: fn(&Row) -> u64) -> u64 {
    let mut values: Vec<u64> = rounds
        .iter()
        .filter_map(|round| round.get(client).map(figure))
        .collect();
    values.sort_unstable();
    values
        .get(values.len().saturating_sub(1) / 2)
        .copied()
        .unwrap_or(0)
}

/// One target of the issue, and whether the run met it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// What it asks, with the figures.
    pub text: String,
    /// Whether it holds.
    pub holds: bool,
}

/// Where the clients the targets name are in each round's rows.
const RETRY: usize = 1;
const CONTRACT: usize = 2;
const PACED: usize = 3;

/// The targets, on the medians over `rounds` (rows in the order of the binary's clients: no
/// retries, reqwest-retry, error-contract, error-contract paced): with pacing on, at least
/// 50 % fewer 429s than reqwest-retry and at least as many successes; and in no round a
/// request of error-contract's clients sent before a `Retry-After` allowed.
pub fn targets(rounds: &[Vec<Row>]) -> Vec<Target> {
    let in_rounds = |holds: fn(&Row, &Row) -> bool| {
        let held = rounds
            .iter()
            .filter(|round| match (round.get(PACED), round.get(RETRY)) {
                (Some(paced), Some(retry)) => holds(paced, retry),
                _ => false,
            })
            .count();
        format!("{held} of {} rounds", rounds.len())
    };
    let throttled = |row: &Row| row.server.throttled;
    let successes = |row: &Row| row.outcome.successes;
    let (paced_429, retry_429) = (
        median(rounds, PACED, throttled),
        median(rounds, RETRY, throttled),
    );
    let (paced_ok, retry_ok) = (
        median(rounds, PACED, successes),
        median(rounds, RETRY, successes),
    );
    let mut targets = vec![
        Target {
            text: format!(
                "429s with pacing at most half of reqwest-retry's: median {paced_429} against {retry_429} ({}); held in {}",
                fewer(paced_429, retry_429),
                in_rounds(|paced, retry| paced.server.throttled * 2 <= retry.server.throttled),
            ),
            holds: paced_429 * 2 <= retry_429,
        },
        Target {
            text: format!(
                "successes with pacing at least reqwest-retry's: median {paced_ok} against {retry_ok}; held in {}",
                in_rounds(|paced, retry| paced.outcome.successes >= retry.outcome.successes),
            ),
            holds: paced_ok >= retry_ok,
        },
    ];
    for client in [CONTRACT, PACED] {
        let rows: Vec<&Row> = rounds
            .iter()
            .filter_map(|round| round.get(client))
            .collect();
        let Some(name) = rows.first().map(|row| row.name) else {
            continue;
        };
        let violations: u64 = rows.iter().map(|row| row.server.violations).sum();
        let worst = rows
            .iter()
            .map(|row| row.server.worst_violation)
            .max()
            .unwrap_or_default();
        let worst = if violations == 0 {
            String::new()
        } else {
            format!(", the earliest {} early", millis(worst))
        };
        targets.push(Target {
            text: format!(
                "no request of {name} before its Retry-After allowed: {violations} violations in {} rounds{worst}",
                rows.len(),
            ),
            holds: violations == 0,
        });
    }
    targets
}

/// `-57 %`: how much fewer `ours` is than `theirs`.
#[expect(
    clippy::cast_precision_loss,
    reason = "counts of a few hundred requests"
)]
fn fewer(ours: u64, theirs: u64) -> String {
    if theirs == 0 {
        return "reqwest-retry had none".to_owned();
    }
    let change = (ours as f64 - theirs as f64) / theirs as f64 * 100.0;
    format!("{change:+.0} %")
}

fn seconds(duration: Duration) -> String {
    format!("{:.1} s", duration.as_secs_f64())
}

fn millis(duration: Duration) -> String {
    let millis = duration.as_secs_f64() * 1000.0;
    if millis < 10.0 {
        format!("{millis:.1} ms")
    } else {
        format!("{millis:.0} ms")
    }
}
