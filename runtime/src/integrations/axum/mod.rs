//! axum 0.8 integration (feature `axum`): no plain-text error leaves the server.
//!
//! - Derived errors are [`IntoResponse`](::axum::response::IntoResponse): status,
//!   `Content-Type: application/json`, `WWW-Authenticate` on a 401, `Retry-After` when set,
//!   and the envelope.
//! - [`Json`], [`Query`], [`Form`] and [`Path`] are axum's extractors of the same names whose
//!   rejections answer in the envelope with a [`CommonError`](crate::CommonError) code; with
//!   the `validator` feature, `Valid<Json<T>>` (and of `Query`, `Form`) also checks `T`'s
//!   `validator` rules and answers every failing field at once.
//! - [`ApiRouterExt::with_error_contract`] installs the [`fallback`] for unknown routes (404
//!   `not_found`), the [`method_not_allowed_fallback`] (405 `method_not_allowed`, with axum's
//!   `Allow` header), the [`catch_panic_layer`] (500 `internal_error`, the panic message
//!   only in the log) and the [`catch_all`], which puts every other error response in the
//!   envelope: axum's own extractors' rejections, tower-http's timeout and body limit
//!   layers, a bare `StatusCode`.
//!
//! With the `tracing` feature, every response built here is logged once: 5xx at `ERROR` with
//! the private cause, 4xx at `DEBUG` (the `tracing` module, with that feature).
//!
//! ```
//! use axum::Router;
//! use axum::routing::post;
//! use error_contract::axum::{ApiRouterExt, Json};
//! use error_contract::{ApiError, CommonError};
//!
//! #[derive(Debug, thiserror::Error, ApiError)]
//! enum InvoiceError {
//!     /// A resource with this external_id already exists.
//!     #[error("duplicate external id {0}")]
//!     #[api(status = 409, retry = "already_exists")]
//!     DuplicateExternalId(String),
//!
//!     #[error(transparent)]
//!     #[api(transparent)]
//!     Common(CommonError),
//! }
//!
//! #[derive(serde::Deserialize, serde::Serialize)]
//! struct NewInvoice {
//!     external_id: String,
//!     amount: f64,
//! }
//!
//! async fn create(Json(invoice): Json<NewInvoice>) -> Result<Json<NewInvoice>, InvoiceError> {
//!     if invoice.external_id == "taken" {
//!         return Err(InvoiceError::DuplicateExternalId(invoice.external_id));
//!     }
//!     Ok(Json(invoice))
//! }
//!
//! let app: Router = Router::new()
//!     .route("/invoices", post(create))
//!     .with_error_contract(); // last: it covers the routes added before it
//! // serve `app` with `axum::serve` as usual
//! ```

mod catch_all;
mod fallback;
mod form;
mod format;
mod json;
mod panic;
mod params;
mod rejection;
#[cfg(feature = "validator")]
mod valid;

use ::axum::body::Body;
use ::axum::response::Response;

use crate::server::format::chosen;
use crate::{ApiError, CommonError};

pub use catch_all::{catch_all, catch_all_using};
pub use fallback::{ApiRouterExt, fallback, method_not_allowed_fallback};
pub use form::Form;
pub use format::error_format;
pub use json::Json;
pub use panic::{PanicHandler, catch_panic_layer};
pub use params::{Path, Query};
#[cfg(feature = "validator")]
#[cfg_attr(docsrs, doc(cfg(feature = "validator")))]
pub use valid::Valid;

/// The axum response for `error`: its status, headers and JSON envelope.
///
/// Derived types call this from their `IntoResponse`; it is public for hand-written
/// `ApiError` impls. It does not log: call `error_contract::tracing::report_response`
/// (feature `tracing`) first if you want the response in the log, as the derived impls do.
///
/// ```
/// use error_contract::{ApiError, CommonError};
///
/// let response = error_contract::axum::into_response(&CommonError::NotFound);
/// assert_eq!(response.status(), 404);
/// assert_eq!(response.headers()["content-type"], "application/json");
/// ```
pub fn into_response<E: ApiError + ?Sized>(error: &E) -> Response {
    chosen::respond(error).map(Body::from)
}

/// The whole body, within axum's [`DefaultBodyLimit`](::axum::extract::DefaultBodyLimit):
/// 413 `payload_too_large` past it, 400 `malformed_json` when it cannot be read to its end.
async fn body_bytes<S: Send + Sync>(
    request: ::axum::extract::Request,
    state: &S,
) -> Result<::axum::body::Bytes, crate::Rejection> {
    use ::axum::extract::FromRequest as _;

    ::axum::body::Bytes::from_request(request, state)
        .await
        .map_err(|refused| {
            if refused.status() == http::StatusCode::PAYLOAD_TOO_LARGE {
                crate::Rejection::payload_too_large()
            } else {
                crate::Rejection::unreadable_body(&refused)
            }
        })
}

/// Logs `error` with a private `cause` (with the `tracing` feature) and builds its response:
/// one log event per response, as the derived impls do.
fn respond(error: &CommonError, cause: &dyn std::fmt::Display) -> Response {
    #[cfg(feature = "tracing")]
    crate::tracing::report_response(error, crate::PrivateCause::Display(cause));
    #[cfg(not(feature = "tracing"))]
    let _ = cause;
    into_response(error)
}
