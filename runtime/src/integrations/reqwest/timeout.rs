//! [`AttemptTimeout`]: an attempt abandoned because its time ran out, and [`within`], which
//! bounds each step of an attempt by the same end.

use std::fmt;
use std::future::Future;
use std::time::Duration;

use http::StatusCode;
use tokio::time::Instant;

/// An attempt the client abandoned because its time ran out: the policy's
/// [`attempt_timeout`](crate::RetryPolicy::attempt_timeout), or the time left before its
/// [`deadline`](crate::RetryPolicy::deadline). Not a server's answer: the server said
/// nothing in time, or did not finish its error body. Its class is `Transient`: the request
/// may have reached the server.
///
/// ```
/// use std::time::Duration;
/// use error_contract::reqwest::AttemptTimeout;
/// use error_contract::http::StatusCode;
///
/// let waiting = AttemptTimeout::new(Duration::from_secs(1)).by_deadline();
/// assert_eq!(waiting.to_string(), "no response within 1s, when the deadline ran out");
/// let reading = AttemptTimeout::new(Duration::from_millis(300)).reading_body(StatusCode::SERVICE_UNAVAILABLE);
/// assert_eq!(reading.to_string(), "the 503 error body was not read within the attempt timeout of 300ms");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct AttemptTimeout {
    /// How long the attempt was given, to the nearest millisecond.
    pub limit: Duration,
    /// Whether the policy's deadline ran out; otherwise the per-attempt timeout did.
    pub deadline: bool,
    /// The status of the error response whose body was still being read; `None` when no
    /// response head arrived in time.
    pub status: Option<StatusCode>,
}

impl AttemptTimeout {
    /// An attempt given `limit` (rounded to the nearest millisecond) that got no response
    /// head in it, cut by the per-attempt timeout.
    pub fn new(limit: Duration) -> Self {
        let rounded = limit.saturating_add(Duration::from_micros(500)).as_millis();
        let millis = u64::try_from(rounded).unwrap_or(u64::MAX);
        Self {
            limit: Duration::from_millis(millis),
            deadline: false,
            status: None,
        }
    }

    /// The same timeout, cut by the policy's deadline.
    #[must_use]
    pub fn by_deadline(mut self) -> Self {
        self.deadline = true;
        self
    }

    /// The same timeout, while the body of an error response with `status` was being read.
    #[must_use]
    pub fn reading_body(mut self, status: StatusCode) -> Self {
        self.status = Some(status);
        self
    }
}

/// `no response within 1s, when the deadline ran out`, `the 503 error body was not read
/// within the attempt timeout of 300ms`.
impl fmt::Display for AttemptTimeout {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.status {
            Some(status) => write!(f, "the {} error body was not read", status.as_u16())?,
            None => f.write_str("no response")?,
        }
        if self.deadline {
            write!(f, " within {:?}, when the deadline ran out", self.limit)
        } else {
            write!(f, " within the attempt timeout of {:?}", self.limit)
        }
    }
}

impl std::error::Error for AttemptTimeout {}

/// The end of an attempt given `limit` from now; `None` if it is too far to represent (no end).
pub(super) fn end_after(limit: Duration) -> Option<Instant> {
    Instant::now().checked_add(limit)
}

/// `step`'s output, or `None` if `end` came first.
pub(super) async fn within<T>(end: Option<Instant>, step: impl Future<Output = T>) -> Option<T> {
    match end {
        Some(end) => tokio::time::timeout_at(end, step).await.ok(),
        None => Some(step.await),
    }
}
