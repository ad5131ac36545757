//! [`ClientError`]: how a request failed, and what the client did about it.

use std::error::Error;
use std::fmt;
use std::sync::Arc;

use super::timeout::AttemptTimeout;
use crate::{Decision, ErrorCode, ErrorResponse, RetryClass, Stop};

/// A request that did not succeed: the last failure, how many attempts were made, the last
/// failure's class and the decision that ended the loop (`UseExisting` or a `Stop`).
///
/// # `Display` and `source()`
///
/// `Display` says what the client did, then the last failure's own text; `source()` is that
/// failure's *cause* (the next error down), never the failure itself, so printing the whole
/// chain, as anyhow's `{:#}` does, says each fact once:
///
/// | what happened | `Display` | then `source()`, … |
/// |---|---|---|
/// | 503 four times | `API request gave up after 4 attempts (retries exhausted): Service unavailable (service_unavailable)` | — |
/// | 404 | `API request gave up after 1 attempt (the failure is permanent): Not found. (not_found)` | — |
/// | 409 `already_exists` | `API request stopped after 1 attempt (use the existing resource): Invoice ext-1 already exists. (duplicate_external_id)` | — |
/// | no answer before a 1 s deadline | `API request gave up after 1 attempt (deadline exceeded): no response within 1s, when the deadline ran out` | — |
/// | no answer within a 300 ms attempt timeout, four times | `API request gave up after 4 attempts (retries exhausted): no response within the attempt timeout of 300ms` | — |
/// | connection refused | `API request gave up after 4 attempts (retries exhausted): error sending request` | `client error (Connect)`, `tcp connect error`, `Connection refused (os error 111)` |
/// | token source failed | `API request not sent (token source failed): vault sealed` | the token error's causes |
/// | bad header | `API request not sent (invalid request): builder error` | `invalid HTTP header name` |
///
/// The failure itself is [`kind`](Self::kind) (or [`response`](Self::response)). Neither
/// `Display` nor a log event contains the url's query string: reqwest's url is removed from
/// its errors.
#[derive(Debug, Clone, PartialEq)]
pub struct ClientError<C: ErrorCode> {
    pub(super) kind: ClientErrorKind<C>,
    pub(super) attempts: u32,
    pub(super) last_class: RetryClass,
    pub(super) outcome: Decision,
}

/// What the last attempt ran into.
///
/// Non-exhaustive: later versions may tell more kinds of failure apart, so a `match` needs a
/// wildcard arm. The variants can be built directly.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum ClientErrorKind<C: ErrorCode> {
    /// The server answered with an error status; the body decoded as far as it could be.
    Api(ErrorResponse<C>),
    /// The request failed in transit: connect, DNS, timeout, reset, body.
    Transport(Arc<reqwest::Error>),
    /// The token source failed, so the request was not (re-)sent.
    Token(Arc<dyn Error + Send + Sync>),
    /// The request could not be built (a bad URL or header); nothing was sent.
    Build(Arc<reqwest::Error>),
    /// The attempt's time ran out — the policy's
    /// [`attempt_timeout`](crate::RetryPolicy::attempt_timeout) or its
    /// [`deadline`](crate::RetryPolicy::deadline) — before the response's head arrived or
    /// while its error body was being read. Not a server's answer, even if a status came.
    TimedOut(AttemptTimeout),
}

impl<C: ErrorCode> ClientError<C> {
    /// What the last attempt ran into.
    pub fn kind(&self) -> &ClientErrorKind<C> {
        &self.kind
    }

    /// The server's error response, if the last attempt got one whole (not for a body cut
    /// off by a timeout: see [`ClientErrorKind::TimedOut`]).
    pub fn response(&self) -> Option<&ErrorResponse<C>> {
        match &self.kind {
            ClientErrorKind::Api(response) => Some(response),
            _ => None,
        }
    }

    /// The typed code of the server's error, if it sent one this contract knows.
    pub fn code(&self) -> Option<C> {
        self.response().and_then(ErrorResponse::code)
    }

    /// Requests sent, the first one included (a credential refresh re-sends too); 0 when
    /// nothing was sent. When the retries ran out, it equals the policy's
    /// [`Stop::Exhausted { attempts }`](Stop::Exhausted).
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// The class of the last failure.
    pub fn last_class(&self) -> RetryClass {
        self.last_class
    }

    /// The policy's last word: [`Decision::UseExisting`] or a [`Decision::Stop`].
    pub fn outcome(&self) -> Decision {
        self.outcome
    }

    /// Why the client gave up, unless it was told to use the existing resource.
    pub fn stop(&self) -> Option<Stop> {
        match self.outcome {
            Decision::Stop(stop) => Some(stop),
            _ => None,
        }
    }

    /// Whether the server said the resource already exists (a 409 marked `already_exists`):
    /// fetch and use it instead of creating it again.
    pub fn is_use_existing(&self) -> bool {
        self.outcome == Decision::UseExisting
    }

    /// The last failure as an error: the response, the transport or build error, or the
    /// token source's error. `Display` prints it; `source()` returns its cause.
    pub(super) fn failure(&self) -> &(dyn Error + 'static) {
        match &self.kind {
            ClientErrorKind::Api(response) => response,
            ClientErrorKind::Transport(error) | ClientErrorKind::Build(error) => &**error,
            ClientErrorKind::Token(error) => &**error,
            ClientErrorKind::TimedOut(timeout) => timeout,
        }
    }
}

/// `"API request {what the client did}: {the last failure}"`; the failure's causes are its
/// [`source()`](Error::source) chain. See [`ClientError`] for examples.
impl<C: ErrorCode> fmt::Display for ClientError<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let attempts = Attempts(self.attempts);
        f.write_str("API request ")?;
        match (&self.kind, self.outcome) {
            (ClientErrorKind::Build(_), _) => f.write_str("not sent (invalid request)"),
            (ClientErrorKind::Token(_), _) if self.attempts == 0 => {
                f.write_str("not sent (token source failed)")
            }
            (ClientErrorKind::Token(_), _) => {
                write!(f, "gave up after {attempts} (token refresh failed)")
            }
            // The count is said here, so not again by `Stop`'s "… after 4 attempts".
            (_, Decision::Stop(Stop::Exhausted { .. })) => {
                write!(f, "gave up after {attempts} (retries exhausted)")
            }
            // The attempt under way was cut when the deadline ran out: it *was* exceeded.
            (ClientErrorKind::TimedOut(timeout), Decision::Stop(Stop::DeadlineExceeded))
                if timeout.deadline =>
            {
                write!(f, "gave up after {attempts} (deadline exceeded)")
            }
            (_, Decision::Stop(stop)) => write!(f, "gave up after {attempts} ({stop})"),
            (_, outcome) => write!(f, "stopped after {attempts} ({outcome})"),
        }?;
        write!(f, ": {}", self.failure())
    }
}

/// The failure's `Display` is part of ours, so its cause comes next.
impl<C: ErrorCode> Error for ClientError<C> {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        self.failure().source()
    }
}

/// "1 attempt", "4 attempts".
struct Attempts(u32);

impl fmt::Display for Attempts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            1 => f.write_str("1 attempt"),
            n => write!(f, "{n} attempts"),
        }
    }
}

/// Responses and timeouts compare by value; transport and token errors, which are not comparable, by
/// identity (clones of one `ClientError` are equal).
impl<C: ErrorCode> PartialEq for ClientErrorKind<C> {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Self::Api(a), Self::Api(b)) => a == b,
            (Self::Transport(a), Self::Transport(b)) | (Self::Build(a), Self::Build(b)) => {
                Arc::ptr_eq(a, b)
            }
            (Self::Token(a), Self::Token(b)) => Arc::ptr_eq(a, b),
            (Self::TimedOut(a), Self::TimedOut(b)) => a == b,
            _ => false,
        }
    }
}
