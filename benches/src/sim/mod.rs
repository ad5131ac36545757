//! The retry simulation of `src/bin/retry-sim.rs`: a scripted server on loopback
//! ([`server`]), the clients compared ([`clients`]), one fixed workload ([`workload`]) and the
//! table of what each client did ([`report`]).
//!
//! Everything the server does is a function of the order in which requests reach it, except
//! the token bucket, which refills with the clock: two runs differ only where the timing of
//! the requests moves a request across a refill.

pub mod clients;
pub mod report;
pub mod server;
pub mod workload;

use std::time::Duration;

/// What the server does, by the order of the requests it sees.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Script {
    /// Tokens the bucket gains a second.
    pub rate: f64,
    /// Tokens the bucket holds at most, and holds at the start.
    pub burst: f64,
    /// The `Retry-After` (and the `RateLimit` reset) of a 429 and of a 503, in seconds.
    pub retry_after_secs: u64,
    /// The admitted requests (by their number among those the bucket let through, from 1)
    /// answered 503 with `Retry-After`.
    pub unavailable: (u64, u64),
    /// Every admitted request whose number is a multiple of this, outside the 503 burst, is
    /// answered 500.
    pub internal_every: u64,
    /// Every admitted request whose number is `slow_offset` modulo `slow_every` is answered
    /// 200 after `slow_by`.
    pub slow_every: u64,
    /// See [`slow_every`](Self::slow_every).
    pub slow_offset: u64,
    /// How long a slow answer takes.
    pub slow_by: Duration,
    /// After answering the request that arrives with this number (counting every request that
    /// reaches it, from 1), the server closes its listener and its connections…
    pub down_after_arrival: u64,
    /// …for this long, then listens on the same port again.
    pub down_for: Duration,
}

impl Script {
    /// The script of the simulation: a bucket of 20 requests a second with a burst of 10,
    /// admitted requests 100 to 110 answered 503, every 25th admitted request 500, every
    /// 10th (3, 13, 23, …) 200 ms slow, and 300 ms without a listener after the 150th arrival.
    pub const DEFAULT: Self = Self {
        rate: 20.0,
        burst: 10.0,
        retry_after_secs: 1,
        unavailable: (100, 110),
        internal_every: 25,
        slow_every: 10,
        slow_offset: 3,
        slow_by: Duration::from_millis(200),
        down_after_arrival: 150,
        down_for: Duration::from_millis(300),
    };
}

/// The workload every client runs: `tasks` concurrent tasks, each sending `per_task` GET
/// requests one after the other, task `k`'s request `j` due at `k·spacing/tasks + j·spacing`
/// from the start (or at once, if the task's previous request ended later than that).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Workload {
    /// Concurrent tasks.
    pub tasks: u32,
    /// Requests each task sends.
    pub per_task: u32,
    /// The time between two requests of one task.
    pub spacing: Duration,
}

impl Workload {
    /// 300 requests from 6 tasks, each task one every 200 ms: 30 requests a second offered
    /// to a bucket that refills 20.
    pub const DEFAULT: Self = Self {
        tasks: 6,
        per_task: 50,
        spacing: Duration::from_millis(200),
    };

    /// The logical requests of the workload.
    pub fn requests(&self) -> u32 {
        self.tasks * self.per_task
    }
}

/// The header that names a logical request, the same on each of its retries, so the server
/// can tell a retry from a new request.
pub const REQUEST_ID: &str = "x-request-id";
