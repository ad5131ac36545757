//! actix-web 4 integration (feature `actix-web`): derived errors are `ResponseError`.
//!
//! actix-web 4 uses `http` 0.2 types, so statuses and headers are converted here.

use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use actix_web::http::header::{HeaderName, HeaderValue};

use crate::ApiError;

/// The actix-web status of `error`.
pub fn status_code<E: ApiError + ?Sized>(error: &E) -> StatusCode {
    StatusCode::from_u16(error.status().as_u16()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

/// The actix-web response for `error`: its status, headers and JSON envelope.
///
/// Derived types call this from their `ResponseError`; it is public for hand-written
/// `ApiError` impls.
pub fn error_response<E: ApiError + ?Sized>(error: &E) -> HttpResponse {
    let (parts, body) = error.to_response().into_parts();
    let mut response = HttpResponse::build(status_code(error));
    for (name, value) in &parts.headers {
        if let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(name.as_str().as_bytes()),
            HeaderValue::from_bytes(value.as_bytes()),
        ) {
            response.insert_header((name, value));
        }
    }
    response.body(body)
}
