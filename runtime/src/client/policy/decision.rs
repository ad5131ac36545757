//! [`Decision`] and [`Stop`]: what the policy tells the client to do about a failure.

use std::fmt;
use std::time::Duration;

/// What to do about a failed attempt, as [`RetryPolicy::decide`](super::RetryPolicy::decide)
/// answers it.
///
/// `Display` gives a short reason for people: "retry in 2s", "gave up: retries exhausted after
/// 4 attempts".
///
/// Non-exhaustive: later versions may add variants, so a `match` needs a wildcard arm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Decision {
    /// Wait `after`, then send the same request again.
    Retry {
        /// How long to wait before the next attempt.
        after: Duration,
    },
    /// Refresh the credentials, then send the request again at once. Not counted as a retry.
    RefreshCredentialsThenRetry,
    /// The resource already exists: fetch and use it instead of creating it again.
    UseExisting,
    /// Give up and report the failure.
    Stop(Stop),
}

/// Why the policy gave up.
///
/// `Display` gives a short reason for people, such as "retries exhausted after 4 attempts".
///
/// Non-exhaustive: later versions may add variants, so a `match` needs a wildcard arm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Stop {
    /// The failure cannot pass by repeating the request (a 4xx, 501, 505, …).
    Permanent,
    /// The policy's `max_retries` are used up.
    Exhausted {
        /// Requests sent in all: the first one, the retries and the resends after a
        /// credential refresh (`retries + auth_refreshes + 1` of the
        /// [`AttemptState`](super::AttemptState)).
        attempts: u32,
    },
    /// The failure might pass, but repeating the request is not safe: it may have reached
    /// the server and its method is not safe to repeat (a `POST` without an
    /// `Idempotency-Key`, say), or its body cannot be sent again (a stream,
    /// [`RequestFacts::not_replayable`](super::RequestFacts::not_replayable)).
    NotSafeToRetry,
    /// The server asked for a wait (`Retry-After`) longer than the policy's `max_retry_after`;
    /// the value is what it asked for.
    RetryAfterTooLong(Duration),
    /// The next attempt would start after the policy's deadline.
    DeadlineExceeded,
    /// The client's shared [`RetryBudget`](super::RetryBudget) is empty.
    BudgetExhausted,
    /// The credentials were rejected again after they had been refreshed.
    AuthRejectedAfterRefresh,
    /// The server asked for new credentials (a 401) and the client has no way to get them
    /// ([`RequestFacts::without_refresh`](super::RequestFacts::without_refresh)).
    CannotRefresh,
}

impl fmt::Display for Decision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Retry { after } => write!(f, "retry in {after:?}"),
            Self::RefreshCredentialsThenRetry => f.write_str("refresh credentials, then retry"),
            Self::UseExisting => f.write_str("use the existing resource"),
            Self::Stop(stop) => write!(f, "gave up: {stop}"),
        }
    }
}

impl fmt::Display for Stop {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Permanent => f.write_str("the failure is permanent"),
            Self::Exhausted { attempts: 1 } => f.write_str("retries exhausted after 1 attempt"),
            Self::Exhausted { attempts } => {
                write!(f, "retries exhausted after {attempts} attempts")
            }
            Self::NotSafeToRetry => f.write_str("the request is not safe to repeat"),
            Self::RetryAfterTooLong(wait) => {
                write!(f, "the server asked to wait {wait:?}, longer than allowed")
            }
            Self::DeadlineExceeded => f.write_str("the retry deadline would be exceeded"),
            Self::BudgetExhausted => f.write_str("the client's retry budget is exhausted"),
            Self::AuthRejectedAfterRefresh => {
                f.write_str("credentials rejected again after a refresh")
            }
            Self::CannotRefresh => f.write_str(
                "the server asked for new credentials and the client has no way to refresh them",
            ),
        }
    }
}
