//! The actix-web response of an [`ApiError`]: actix-web 4 uses `http` 0.2 types, so the
//! status and headers of [`ApiError::to_response`] are converted here.

use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use actix_web::http::header::{HeaderName, HeaderValue};

use crate::ApiError;
use crate::server::format::chosen;

/// The actix-web status of `error`, the same number as [`ApiError::status`].
///
/// Derived types call this from their `ResponseError::status_code`; it is public for
/// hand-written `ApiError` impls.
///
/// ```
/// use error_contract::CommonError;
///
/// let status = error_contract::actix::status_code(&CommonError::PayloadTooLarge);
/// assert_eq!(status, actix_web::http::StatusCode::PAYLOAD_TOO_LARGE);
/// ```
pub fn status_code<E: ApiError + ?Sized>(error: &E) -> StatusCode {
    StatusCode::from_u16(error.status().as_u16()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

/// The actix-web response for `error`: the status, headers and JSON body of
/// [`ApiError::to_response`], byte for byte; or those of
/// [`ApiError::to_problem_response`] when the app's [`ErrorFormat`](crate::ErrorFormat)
/// says so for this request (see [`error_format`](super::error_format)).
///
/// Derived types call this from their `ResponseError::error_response`; it is public for
/// hand-written `ApiError` impls.
///
/// ```
/// use error_contract::CommonError;
///
/// let response = error_contract::actix::error_response(&CommonError::InvalidToken);
/// assert_eq!(response.status(), actix_web::http::StatusCode::UNAUTHORIZED);
/// let header = |name: &str| response.headers().get(name).unwrap().to_str().unwrap();
/// assert_eq!(header("www-authenticate"), r#"Bearer error="invalid_token""#);
/// assert_eq!(header("content-type"), "application/json");
/// ```
pub fn error_response<E: ApiError + ?Sized>(error: &E) -> HttpResponse {
    let (parts, body) = chosen::respond(error).into_parts();
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
