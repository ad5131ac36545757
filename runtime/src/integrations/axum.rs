//! axum 0.8 integration (feature `axum`): derived errors are `IntoResponse`.

use axum::body::Body;
use axum::response::{IntoResponse, Response};

use crate::ApiError;

/// The axum response for `error`: its status, headers and JSON envelope.
///
/// Derived types call this from their `IntoResponse`; it is public for hand-written
/// `ApiError` impls.
pub fn into_response<E: ApiError + ?Sized>(error: &E) -> Response {
    error.to_response().map(Body::from)
}

impl IntoResponse for crate::ErrorEnvelope {
    /// An envelope on its own answers 500; prefer answering with an `ApiError`.
    fn into_response(self) -> Response {
        let mut response = Response::new(Body::from(self.to_json()));
        *response.status_mut() = http::StatusCode::INTERNAL_SERVER_ERROR;
        response.headers_mut().insert(
            http::header::CONTENT_TYPE,
            http::HeaderValue::from_static("application/json"),
        );
        response
    }
}
