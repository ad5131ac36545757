//! [`ClientError`]: how a request failed, and what the client did about it.

use std::error::Error;
use std::fmt;
use std::sync::Arc;

use crate::{Decision, ErrorCode, ErrorResponse, RetryClass, Stop};

/// A request that did not succeed: the last failure, how many attempts were made, the last
/// failure's class and the decision that ended the loop (`UseExisting` or a `Stop`).
#[derive(Debug, Clone, PartialEq)]
pub struct ClientError<C: ErrorCode> {
    pub(super) kind: ClientErrorKind<C>,
    pub(super) attempts: u32,
    pub(super) last_class: RetryClass,
    pub(super) outcome: Decision,
}

/// What the last attempt ran into.
#[derive(Debug, Clone)]
pub enum ClientErrorKind<C: ErrorCode> {
    /// The server answered with an error status; the body decoded as far as it could be.
    Api(ErrorResponse<C>),
    /// The request failed in transit: connect, DNS, timeout, reset, body.
    Transport(Arc<reqwest::Error>),
    /// The token source failed, so the request was not (re-)sent.
    Token(Arc<dyn Error + Send + Sync>),
    /// The request could not be built (a bad URL or header); nothing was sent.
    Build(Arc<reqwest::Error>),
}

impl<C: ErrorCode> ClientError<C> {
    /// What the last attempt ran into.
    pub fn kind(&self) -> &ClientErrorKind<C> {
        &self.kind
    }

    /// The server's error response, if the last attempt got one.
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

    /// Requests sent, the first one included (a credential refresh re-sends too).
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
}

/// `"{what happened}; {outcome} ({n} attempts)"`, e.g. `"Service unavailable
/// (service_unavailable); gave up: retries exhausted after 4 attempts (4 attempts)"`.
impl<C: ErrorCode> fmt::Display for ClientError<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ClientErrorKind::Api(response) => write!(f, "{response}")?,
            ClientErrorKind::Transport(error) => write!(f, "request failed: {error}")?,
            ClientErrorKind::Token(error) => write!(f, "token source failed: {error}")?,
            ClientErrorKind::Build(error) => write!(f, "request could not be built: {error}")?,
        }
        let plural = if self.attempts == 1 { "" } else { "s" };
        write!(f, "; {} ({} attempt{plural})", self.outcome, self.attempts)
    }
}

impl<C: ErrorCode> Error for ClientError<C> {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        match &self.kind {
            ClientErrorKind::Api(response) => Some(response),
            ClientErrorKind::Transport(error) | ClientErrorKind::Build(error) => Some(&**error),
            ClientErrorKind::Token(error) => Some(&**error),
        }
    }
}

/// Responses compare by value; transport and token errors, which are not comparable, by
/// identity (clones of one `ClientError` are equal).
impl<C: ErrorCode> PartialEq for ClientErrorKind<C> {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Self::Api(a), Self::Api(b)) => a == b,
            (Self::Transport(a), Self::Transport(b)) | (Self::Build(a), Self::Build(b)) => {
                Arc::ptr_eq(a, b)
            }
            (Self::Token(a), Self::Token(b)) => Arc::ptr_eq(a, b),
            _ => false,
        }
    }
}
