//! The one translation of a request a framework refused — a body that is not JSON, or JSON,
//! a query string or path parameters that do not fit the handler's type — into the
//! [`CommonError`] the client gets and a cause for the log. axum and actix-web both call it,
//! so the same bad input gets the same bytes from either.
//!
//! - `media_type`: which `Content-Type` is JSON;
//! - `json`: a JSON body, deserialised, and where in it a failure is;
//! - `collect`: every value of a JSON body that does not fit, read once the body has failed;
//! - `query`: a query string, deserialised, and which parameter failed;
//! - `mismatch`: a value that does not fit, as `details` and as a cause;
//! - `problem`: serde's error message, read once into a [`Problem`](problem::Problem).
//!
//! A cause names where the input failed and how, never the value: a value under a key such
//! as `password` must not reach a log, and serde's text quotes values.

mod collect;
pub(crate) mod json;
pub(crate) mod media_type;
pub(crate) mod mismatch;
mod problem;
pub(crate) mod query;

use std::borrow::Cow;
use std::fmt;
use std::time::Duration;

use crate::contract::api_error::forward_api_error;
use crate::{CommonError, CommonErrorCode, RetryClass, Retryable};

/// Why an extractor of this crate (or a framework's own, through this crate's error
/// handlers) refused a request: the [`CommonError`] the client gets, and a private account of
/// what went wrong, which only goes to the log.
///
/// As a response (axum's `IntoResponse`, actix-web's `ResponseError`) it answers with the
/// error's envelope; with the `tracing` feature it is logged once, with its cause (4xx at
/// `DEBUG`, 5xx at `ERROR`). Its `Display` is that private cause. The causes this crate writes
/// say where the input failed and how (`JSON body at items.1.amount: expected f64, got a
/// string`), never the rejected value, with or without the `tracing` feature.
///
/// Turn it into your own error enum through its [`CommonError`]:
///
/// ```
/// use error_contract::{ApiError, CommonError, Rejection};
///
/// #[derive(Debug, thiserror::Error, ApiError)]
/// enum MyError {
///     #[error(transparent)]
///     #[api(transparent)]
///     Common(CommonError),
/// }
///
/// impl From<Rejection> for MyError {
///     fn from(rejection: Rejection) -> Self {
///         MyError::Common(rejection.into_error())
///     }
/// }
///
/// // e.g. `async fn handler(body: Result<Json<T>, Rejection>) -> Result<_, MyError> { let Json(t) = body?; … }`
/// let rejection = Rejection::new(CommonError::MalformedJson, "EOF while parsing a value");
/// assert_eq!(MyError::from(rejection).error_code(), "malformed_json");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejection {
    error: CommonError,
    cause: Cow<'static, str>,
}

impl Rejection {
    /// A rejection answering with `error`, logging `cause`.
    pub fn new(error: CommonError, cause: impl Into<Cow<'static, str>>) -> Self {
        Self {
            error,
            cause: cause.into(),
        }
    }

    /// What the client is told.
    pub fn error(&self) -> &CommonError {
        &self.error
    }

    /// What the client is told, by value.
    pub fn into_error(self) -> CommonError {
        self.error
    }

    /// The private account, for the log only.
    pub fn cause(&self) -> &str {
        &self.cause
    }

    /// A body over the server's size limit.
    pub(crate) fn payload_too_large() -> Self {
        Self::new(
            CommonError::PayloadTooLarge,
            "request body over the size limit",
        )
    }

    /// A body that could not be read to its end (the client went away, a broken chunk):
    /// there is no JSON to parse. `reason` is the framework's account of the transport,
    /// which holds nothing of the body.
    pub(crate) fn unreadable_body(reason: &dyn fmt::Display) -> Self {
        Self::new(
            CommonError::MalformedJson,
            format!("request body could not be read: {reason}"),
        )
    }

    /// A route whose parameters cannot fill the handler's type at all: the server's bug, not
    /// the client's. `reason` is the framework's account, which names types and counts only.
    /// (axum tells this case apart; actix-web reports it as any other path failure.)
    #[cfg(feature = "axum")]
    pub(crate) fn route_mismatch(reason: &dyn fmt::Display) -> Self {
        Self::new(
            CommonError::InternalError,
            format!("path parameters cannot fill the handler's type: {reason}"),
        )
    }
}

impl From<Rejection> for CommonError {
    fn from(rejection: Rejection) -> Self {
        rejection.error
    }
}

/// The private cause.
impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.cause)
    }
}

impl std::error::Error for Rejection {}

impl Retryable for Rejection {
    fn retry_class(&self) -> RetryClass {
        self.error.retry_class()
    }

    fn retry_after(&self) -> Option<Duration> {
        self.error.retry_after()
    }
}

forward_api_error!(impl [] Rejection => CommonErrorCode, |this| &this.error);
