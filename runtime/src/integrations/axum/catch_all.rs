//! [`catch_all`]: every error response of a router in the envelope, whoever wrote it.

use ::axum::body::{Body, HttpBody as _};
use ::axum::response::{IntoResponse, Response};
use http::HeaderValue;
use http::header::CONTENT_TYPE;

use crate::CatchAll;
use crate::server::catch_all::{self, KEPT_HEADERS, Verdict};

/// Replaces a response with status ≥ 400 that is not already in the envelope by the
/// [`CommonError`](crate::CommonError) for its status
/// ([`CommonError::for_status`](crate::CommonError::for_status)), for
/// [`axum::middleware::map_response`](::axum::middleware::map_response).
/// [`ApiRouterExt::with_error_contract`](super::ApiRouterExt::with_error_contract)
/// installs it.
///
/// It catches what no extractor of this crate answers: axum's own `Json`, `Form`, `Query`,
/// `Path` and `Multipart` rejections (plain text), tower-http's timeout (408) and body limit
/// (413) layers, a handler returning a bare `StatusCode`. The status is kept, and so are the
/// `Allow`, `Retry-After` and `WWW-Authenticate` headers; the replaced body goes to the log
/// (with the `tracing` feature: at `DEBUG` for a 4xx, `ERROR` for a 5xx), with whatever it
/// quotes withheld, and never to the client.
///
/// axum itself, with its `tracing` feature (a default one), logs each of its own rejections
/// at `TRACE` under the target `axum::rejection`, with serde's text and so the rejected
/// value: keep that target off in production (`RUST_LOG=…,axum::rejection=off`), or use this
/// crate's [`Json`](super::Json), [`Query`](super::Query) and [`Path`](super::Path), which
/// never log a value.
///
/// Kept as they are: responses below 400 (untouched and unread, so a streamed success is
/// never buffered), `application/problem+json`, and JSON whose body is already an envelope
/// (an object with a string `error` and `error_code`). Deciding the last reads the body, all
/// of it when its size is known and 64 KiB of a stream.
///
/// ```
/// use axum::Router;
/// use axum::http::StatusCode;
/// use axum::routing::get;
///
/// let app: Router = Router::new()
///     .route("/legacy", get(|| async { StatusCode::CONFLICT }))
///     .layer(axum::middleware::map_response(error_contract::axum::catch_all));
/// # let _ = app;
/// ```
pub async fn catch_all(response: Response) -> Response {
    catch_all_using(CatchAll::new(), response).await
}

/// [`catch_all`] with settings other than the defaults, such as validation failures at 422.
///
/// ```
/// use axum::Router;
/// use axum::routing::get;
/// use error_contract::CatchAll;
/// use error_contract::http::StatusCode;
///
/// let settings = CatchAll::new().validation_status(StatusCode::UNPROCESSABLE_ENTITY);
/// let app: Router = Router::new()
///     .route("/health", get(|| async { "ok" }))
///     .layer(axum::middleware::map_response(move |response| {
///         error_contract::axum::catch_all_using(settings, response)
///     }));
/// # let _ = app;
/// ```
pub async fn catch_all_using(settings: CatchAll, response: Response) -> Response {
    let status = response.status();
    let content_type = response
        .headers()
        .get(CONTENT_TYPE)
        .map(HeaderValue::as_bytes);
    if catch_all::kept_unread(status, content_type) {
        return response;
    }
    let (parts, body) = response.into_parts();
    let limit = catch_all::read_limit(body.size_hint().exact());
    let bytes = ::axum::body::to_bytes(body, limit).await.ok();
    let content_type = parts.headers.get(CONTENT_TYPE).map(HeaderValue::as_bytes);
    let rejection = match settings.verdict(status, content_type, bytes.as_deref()) {
        Verdict::Replace(rejection) => rejection,
        verdict => {
            // Kept: a JSON envelope, read whole.
            let mut kept = Response::from_parts(parts, bytes.map_or_else(Body::empty, Body::from));
            if let Verdict::Restatus(status) = verdict {
                *kept.status_mut() = status;
            }
            return kept;
        }
    };
    let mut replaced = rejection.into_response();
    *replaced.status_mut() = status;
    for name in KEPT_HEADERS {
        if parts.headers.contains_key(&name) {
            replaced.headers_mut().remove(&name);
            for value in parts.headers.get_all(&name) {
                replaced.headers_mut().append(name.clone(), value.clone());
            }
        }
    }
    replaced
}
