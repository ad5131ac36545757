//! Shared by the `retry_*` tests (each includes it as `mod support`): a failure with a fixed
//! class and `Retry-After`, and short names for durations, decisions and requests.

#![allow(dead_code, reason = "each test file uses a part of it")]

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use error_contract::{
    AttemptState, Decision, RequestFacts, RetryAfter, RetryClass, Retryable, Stop,
};
use http::{Method, StatusCode};

/// A failure with a fixed class and `Retry-After`, as a decoded response would report them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Failure {
    pub class: RetryClass,
    pub retry_after: Option<Duration>,
}

impl Failure {
    pub const fn class(class: RetryClass) -> Self {
        Self {
            class,
            retry_after: None,
        }
    }

    /// The class the status table gives `status`.
    pub fn status(status: u16) -> Self {
        let status = StatusCode::from_u16(status).expect("the tests use valid statuses");
        Self::class(status.retry_class())
    }

    pub const fn retry_after(self, retry_after: Duration) -> Self {
        Self {
            retry_after: Some(retry_after),
            ..self
        }
    }

    /// `Retry-After` as the header `value` says it, counted from `now`.
    pub fn retry_after_header(self, value: &str, now: SystemTime) -> Self {
        Self {
            retry_after: RetryAfter::parse(value).map(|after| after.delay_from(now)),
            ..self
        }
    }
}

impl Retryable for Failure {
    fn retry_class(&self) -> RetryClass {
        self.class
    }

    fn retry_after(&self) -> Option<Duration> {
        self.retry_after
    }
}

pub const fn secs(seconds: u64) -> Duration {
    Duration::from_secs(seconds)
}

pub const fn millis(millis: u64) -> Duration {
    Duration::from_millis(millis)
}

pub const fn retry(after: Duration) -> Decision {
    Decision::Retry { after }
}

pub const fn stop(stop: Stop) -> Decision {
    Decision::Stop(stop)
}

pub const fn after_retries(retries: u32) -> AttemptState {
    AttemptState::new().with_retries(retries)
}

pub fn get() -> RequestFacts {
    RequestFacts::new(Method::GET)
}

pub fn post() -> RequestFacts {
    RequestFacts::new(Method::POST)
}

/// `random` for the table: with the default equal jitter it gives 3/4 of the nominal delay,
/// 750 ms before the first retry, 1.5 s before the second, 3 s before the third.
pub const HALF: f64 = 0.5;

/// Sun, 06 Nov 1994 08:49:37 GMT, the date of RFC 9110's examples.
pub fn rfc_date() -> SystemTime {
    UNIX_EPOCH + secs(784_111_777)
}
