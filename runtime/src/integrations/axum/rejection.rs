//! [`Rejection`]: why an extractor of this crate refused a request.

use std::borrow::Cow;
use std::fmt;
use std::time::Duration;

use ::axum::response::{IntoResponse, Response};
use http::StatusCode;

use crate::{
    ApiError, CommonError, CommonErrorCode, Details, ErrorEnvelope, RetryClass, Retryable,
};

/// The rejection of [`Json`](super::Json), [`Query`](super::Query) and [`Path`](super::Path):
/// the [`CommonError`] the client gets, and the framework's private account of what went
/// wrong, which only goes to the log.
///
/// As a response it answers with the error's envelope; with the `tracing` feature it is logged
/// once, with its cause (4xx at `DEBUG`, 5xx at `ERROR`). Its `Display` is that private cause.
/// Turn it into your own error enum through its [`CommonError`]:
///
/// ```
/// use error_contract::axum::{Json, Rejection};
/// use error_contract::{ApiError, CommonError};
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

    /// The framework's private account, for the log only.
    pub fn cause(&self) -> &str {
        &self.cause
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

impl IntoResponse for Rejection {
    fn into_response(self) -> Response {
        super::respond(&self.error, &self.cause)
    }
}

impl Retryable for Rejection {
    fn retry_class(&self) -> RetryClass {
        self.error.retry_class()
    }

    fn retry_after(&self) -> Option<Duration> {
        self.error.retry_after()
    }
}

impl ApiError for Rejection {
    type Code = CommonErrorCode;

    fn code(&self) -> CommonErrorCode {
        self.error.code()
    }

    fn status(&self) -> StatusCode {
        self.error.status()
    }

    fn error_code(&self) -> &'static str {
        self.error.error_code()
    }

    fn message(&self) -> Cow<'_, str> {
        self.error.message()
    }

    fn details(&self) -> Details {
        self.error.details()
    }

    fn envelope(&self) -> ErrorEnvelope {
        self.error.envelope()
    }

    fn to_json(&self) -> Vec<u8> {
        self.error.to_json()
    }
}
