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

/// `tracing::event!` at a level known only at run time.
macro_rules! event_at {
    ($level:expr, $($event:tt)+) => {
        match $level {
            $crate::LogLevel::Off => {}
            $crate::LogLevel::Error => tracing::event!(target: crate::tracing::TARGET, tracing::Level::ERROR, $($event)+),
            $crate::LogLevel::Warn => tracing::event!(target: crate::tracing::TARGET, tracing::Level::WARN, $($event)+),
            $crate::LogLevel::Info => tracing::event!(target: crate::tracing::TARGET, tracing::Level::INFO, $($event)+),
            $crate::LogLevel::Debug => tracing::event!(target: crate::tracing::TARGET, tracing::Level::DEBUG, $($event)+),
            $crate::LogLevel::Trace => tracing::event!(target: crate::tracing::TARGET, tracing::Level::TRACE, $($event)+),
        }
    };
}

// The reqwest client's log uses it too.
#[cfg_attr(not(feature = "reqwest"), allow(unused_imports))]
pub(crate) use event_at;

/// Logs that a response is being built for `error`, under [`TARGET`], at its
/// [`log_level`](ApiError::log_level) (by default `ERROR` for a 5xx, `DEBUG` for anything
/// else; nothing for `LogLevel::Off`).
///
/// Fields: `status_code`, `error_code`, `error` (the public message) and `cause` (private:
/// the log's, never the client's); and under OpenTelemetry's names for a collector,
/// `http.response.status_code` and `error.type` (the `error_code`).
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
    let status = error.status().as_u16();
    let error_code = error.error_code();
    event_at!(
        error.log_level(),
        status_code = status,
        error_code,
        error = %error.message(),
        cause = %cause,
        http.response.status_code = status,
        error.type = error_code,
        "error response",
    );
}
