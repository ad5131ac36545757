//! One failed attempt: what it ran into ([`Failure`], the client's and the log's) and what an
//! observer is told about it ([`FailedAttempt`]).

use std::sync::Arc;

use super::classify;
use super::error::{ClientError, ClientErrorKind};
use super::timeout::AttemptTimeout;
use crate::{Decision, ErrorCode, RetryClass, Retryable};

/// One failed attempt and what the client decided about it, as
/// [`Client::on_failed_attempt`](super::Client::on_failed_attempt) reports it.
///
/// Non-exhaustive: later versions may report more; to build one (say, to test an observer),
/// use [`new`](Self::new) and the `with_*` methods.
///
/// ```
/// use error_contract::reqwest::FailedAttempt;
/// use error_contract::{Decision, RetryClass};
/// use error_contract::http::StatusCode;
/// use std::time::Duration;
///
/// let retry = Decision::Retry { after: Duration::from_secs(1) };
/// let attempt = FailedAttempt::new(1, RetryClass::Throttled, retry)
///     .with_status(StatusCode::SERVICE_UNAVAILABLE)
///     .with_error_code("service_unavailable");
/// assert_eq!(attempt.error_code.as_deref(), Some("service_unavailable"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct FailedAttempt {
    /// 1 for the first request, 2 for the next, …
    pub attempt: u32,
    /// The status the server answered with (also when its error body was cut off by a
    /// timeout); `None` for a transport failure or no response in time.
    pub status: Option<http::StatusCode>,
    /// The `error_code` the server sent, known to the contract or not.
    pub error_code: Option<String>,
    /// The failure's class.
    pub class: RetryClass,
    /// What the client does next: wait and retry, refresh the token, or stop.
    pub decision: Decision,
}

impl FailedAttempt {
    /// Attempt number `attempt` (1 for the first request) failed with `class`, and the client
    /// decided `decision`; no status or code, as for a transport failure.
    pub fn new(attempt: u32, class: RetryClass, decision: Decision) -> Self {
        Self {
            attempt,
            status: None,
            error_code: None,
            class,
            decision,
        }
    }

    /// The same attempt, answered with `status`.
    #[must_use]
    pub fn with_status(mut self, status: http::StatusCode) -> Self {
        self.status = Some(status);
        self
    }

    /// The same attempt, whose response carried `error_code`.
    #[must_use]
    pub fn with_error_code(mut self, error_code: impl Into<String>) -> Self {
        self.error_code = Some(error_code.into());
        self
    }
}

/// What one attempt ran into.
pub(super) enum Failure<C: ErrorCode> {
    Api(crate::ErrorResponse<C>),
    Transport(reqwest::Error),
    /// The attempt's time ran out: no response head, or an unfinished error body.
    TimedOut(AttemptTimeout),
}

impl<C: ErrorCode> Failure<C> {
    pub(super) fn report(&self, attempt: u32, decision: Decision) -> FailedAttempt {
        let (status, error_code) = match self {
            Failure::Api(response) => (
                Some(response.status()),
                response.error_code().map(str::to_owned),
            ),
            Failure::Transport(_) => (None, None),
            Failure::TimedOut(timeout) => (timeout.status, None),
        };
        FailedAttempt {
            attempt,
            status,
            error_code,
            class: self.retry_class(),
            decision,
        }
    }

    pub(super) fn into_error(self, attempts: u32, outcome: Decision) -> ClientError<C> {
        let last_class = self.retry_class();
        let kind = match self {
            Failure::Api(response) => ClientErrorKind::Api(response),
            Failure::Transport(error) => ClientErrorKind::Transport(Arc::new(error)),
            Failure::TimedOut(timeout) => ClientErrorKind::TimedOut(timeout),
        };
        ClientError {
            kind,
            attempts,
            last_class,
            outcome,
        }
    }
}

impl<C: ErrorCode> Retryable for Failure<C> {
    fn retry_class(&self) -> RetryClass {
        match self {
            Failure::Api(response) => response.retry_class(),
            Failure::Transport(error) => classify::transport_class(error),
            // It may have reached the server, as a read timeout may.
            Failure::TimedOut(_) => RetryClass::Transient,
        }
    }

    fn retry_after(&self) -> Option<std::time::Duration> {
        match self {
            Failure::Api(response) => response.retry_after(),
            // A cut-off error body is not an answer to obey.
            Failure::Transport(_) | Failure::TimedOut(_) => None,
        }
    }
}
