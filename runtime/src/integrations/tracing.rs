//! Logging of error responses with `tracing` (feature `tracing`).
//!
//! Every response the integrations build for an error is reported once, under the target
//! [`TARGET`]: a 5xx at `ERROR` with its private cause (the `Display` and `source()` chain the
//! client never sees), a 4xx at `DEBUG`. Each event has the fields `status_code`,
//! `error_code`, `error` (the public message) and `cause`. Request headers are never logged,
//! so neither is `Authorization`; a request body only when the caller logs one, through
//! [`redact_json`](crate::redact_json).
//!
//! The cause of a derived error is its `Error` source chain, else its `Display`, else its
//! `Debug`, whichever the type has. For a generic type this is decided from the bounds the
//! type declares: `enum E<S> { Db(#[source] S) }` logs `(no Display)`, while
//! `enum E<S: std::error::Error + 'static>` logs the chain. Put the bound on the type to get
//! the cause.
//!
//! ```
//! use error_contract::tracing::report_response;
//! use error_contract::{CommonError, PrivateCause};
//!
//! // What the axum and actix-web integrations do for every error response:
//! let cause = std::io::Error::other("connection pool exhausted");
//! report_response(&CommonError::InternalError, PrivateCause::Error(&cause));
//! ```

use crate::{ApiError, PrivateCause};

/// The target of the events of this module, for filters such as
/// `RUST_LOG=error_contract=debug`.
pub const TARGET: &str = "error_contract";

/// Logs that a response is being built for `error`, under [`TARGET`]: at `ERROR` for a 5xx,
/// at `DEBUG` for anything else; fields `status_code`, `error_code`, `error` (the public
/// message) and `cause` (private: the log's, never the client's).
///
/// The derived `IntoResponse` (axum) and `ResponseError` (actix-web) call it; call it
/// yourself before answering with a hand-built response.
///
/// ```
/// use error_contract::tracing::report_response;
/// use error_contract::{CommonError, PrivateCause};
///
/// report_response(&CommonError::NotFound, PrivateCause::Display(&"no invoice 42 for business 7"));
/// ```
pub fn report_response<E: ApiError + ?Sized>(error: &E, cause: PrivateCause<'_>) {
    let status = error.status();
    if status.is_server_error() {
        tracing::error!(
            target: TARGET,
            status_code = status.as_u16(),
            error_code = error.error_code(),
            error = %error.message(),
            cause = %cause,
            "error response",
        );
    } else {
        tracing::debug!(
            target: TARGET,
            status_code = status.as_u16(),
            error_code = error.error_code(),
            error = %error.message(),
            cause = %cause,
            "error response",
        );
    }
}
