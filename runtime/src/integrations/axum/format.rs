//! [`error_format`]: a router's errors in the envelope, as problem documents, or by `Accept`.

use ::axum::extract::{Request, State};
use ::axum::middleware::Next;
use ::axum::response::Response;
use http::header::ACCEPT;

use crate::ErrorFormat;
use crate::server::format::chosen::{self, Chosen};

/// Answers the errors of the routes it wraps in the form `format` names for each request,
/// for [`axum::middleware::from_fn_with_state`](::axum::middleware::from_fn_with_state):
/// every response this crate builds inside it (derived errors, the extractors' rejections,
/// the fallbacks, the catch-all's replacements) is the envelope or the RFC 9457 problem
/// document. [`ApiRouterExt::with_error_contract_using`](super::ApiRouterExt::with_error_contract_using)
/// installs it, outermost, from [`CatchAll::error_format`](crate::CatchAll::error_format).
///
/// An error response built elsewhere — a plain `Json` body, another crate's — is not
/// rewritten.
///
/// ```
/// use axum::Router;
/// use axum::routing::get;
/// use error_contract::{CommonError, ErrorFormat};
///
/// let app: Router = Router::new()
///     .route("/gone", get(|| async { CommonError::NotFound }))
///     .layer(axum::middleware::from_fn_with_state(
///         ErrorFormat::ByAccept,
///         error_contract::axum::error_format,
///     ));
/// # let _ = app;
/// ```
pub async fn error_format(
    State(format): State<ErrorFormat>,
    request: Request,
    next: Next,
) -> Response {
    let chosen = Chosen::for_request(format, request.headers().get(ACCEPT));
    chosen::within(chosen, next.run(request)).await
}
