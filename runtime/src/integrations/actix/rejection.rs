//! Which [`Rejection`](crate::Rejection) answers each rejection of actix-web's own extractors, and
//! [`Rejection`](crate::Rejection) as an actix-web error: its envelope, logged once with its cause.

use actix_web::error::{JsonPayloadError, PathError, PayloadError, QueryPayloadError};
use actix_web::http::StatusCode;
use actix_web::http::header::{CONTENT_TYPE, HeaderValue};
use actix_web::{HttpRequest, HttpResponse, ResponseError};

use crate::server::rejection::mismatch::{Input, Mismatch};
use crate::server::rejection::{Rejection, json, media_type};

/// A JSON body rejected by `web::Json`. actix-web keeps the body, so `details` names only
/// the field serde's message names.
pub(super) fn json(error: &JsonPayloadError, request: &HttpRequest) -> Rejection {
    match error {
        JsonPayloadError::OverflowKnownLength { .. } | JsonPayloadError::Overflow { .. } => {
            Rejection::payload_too_large()
        }
        JsonPayloadError::ContentType => media_type::unsupported(
            request
                .headers()
                .get(CONTENT_TYPE)
                .map(HeaderValue::as_bytes),
        ),
        JsonPayloadError::Deserialize(error) => json::rejection(None, error),
        JsonPayloadError::Payload(error) => payload(error),
        // `Serialize` (never from an extractor) and the variants of later versions.
        _ => json::refused_with_status(error.status_code().as_u16()),
    }
}

/// A body that could not be read to its end.
pub(super) fn payload(error: &PayloadError) -> Rejection {
    match error {
        PayloadError::Overflow => Rejection::payload_too_large(),
        // Truncated, or a corrupt content encoding: what arrived is not a JSON document.
        _ => Rejection::unreadable_body(error),
    }
}

/// A path segment that does not parse as the handler's `web::Path` type: 404.
pub(super) fn path(error: &PathError) -> Rejection {
    let message = match error {
        PathError::Deserialize(error) => error.to_string(),
        _ => String::new(),
    };
    Mismatch::from_message(Input::PathParams, Vec::new(), &message).into_rejection()
}

/// A query string rejected by `web::Query`, which gives no key beyond what serde's message
/// names.
pub(super) fn query(error: &QueryPayloadError) -> Rejection {
    let message = match error {
        QueryPayloadError::Deserialize(error) => error.to_string(),
        _ => String::new(),
    };
    Mismatch::from_message(Input::QueryString, Vec::new(), &message).into_rejection()
}

/// The response actix-web sends for a rejection; the one place it is logged.
impl ResponseError for Rejection {
    fn status_code(&self) -> StatusCode {
        super::status_code(self.error())
    }

    fn error_response(&self) -> HttpResponse {
        #[cfg(feature = "tracing")]
        crate::tracing::report_response(self.error(), crate::PrivateCause::Display(&self.cause()));
        super::error_response(self.error())
    }
}
