//! Which [`CommonError`] answers each rejection of actix-web's extractors.

use std::fmt;

use actix_web::HttpRequest;
use actix_web::error::{JsonPayloadError, PathError, PayloadError, QueryPayloadError};
use serde_json::error::Category;

use super::serde_details;
use crate::{CommonError, Details, NON_FIELD_ERRORS};

/// A JSON body rejected by `web::Json`.
pub(super) fn json(error: &JsonPayloadError) -> CommonError {
    match error {
        JsonPayloadError::OverflowKnownLength { .. } | JsonPayloadError::Overflow { .. } => {
            CommonError::PayloadTooLarge
        }
        JsonPayloadError::ContentType => CommonError::UnsupportedMediaType,
        JsonPayloadError::Deserialize(error) => match error.classify() {
            Category::Data => CommonError::ValidationError(serde_details::from_json_error(error)),
            // Not JSON, or cut short; `Io` cannot come from a byte slice.
            Category::Syntax | Category::Eof | Category::Io => CommonError::MalformedJson,
        },
        JsonPayloadError::Payload(error) => payload(error),
        // Only a response's body is serialised; an extractor never reports this.
        JsonPayloadError::Serialize(_) => CommonError::InternalError,
        // `JsonPayloadError` is non-exhaustive: later variants are told apart by actix's
        // own status.
        _ => match actix_web::ResponseError::status_code(error).as_u16() {
            413 => CommonError::PayloadTooLarge,
            415 => CommonError::UnsupportedMediaType,
            500..=599 => CommonError::InternalError,
            _ => CommonError::MalformedJson,
        },
    }
}

/// A body that could not be read to its end.
fn payload(error: &PayloadError) -> CommonError {
    match error {
        PayloadError::Overflow => CommonError::PayloadTooLarge,
        // Truncated, or a corrupt content encoding: what arrived is not a JSON document.
        _ => CommonError::MalformedJson,
    }
}

/// A path segment that does not parse as the handler's `web::Path` type: the URL names
/// no resource, so not found.
pub(super) fn path(_: &PathError) -> CommonError {
    CommonError::NotFound
}

/// A query string rejected by `web::Query`.
pub(super) fn query(error: &QueryPayloadError) -> CommonError {
    let details = match error {
        QueryPayloadError::Deserialize(error) => {
            serde_details::from_serde_message(&error.to_string())
        }
        // Non-exhaustive: a later variant's text goes under non_field_errors.
        _ => Details::new().with(NON_FIELD_ERRORS, error.to_string()),
    };
    CommonError::ValidationError(details)
}

/// Logs the framework's own description of a rejection, which the client never sees.
pub(super) fn log(request: &HttpRequest, rejection: &dyn fmt::Display) {
    #[cfg(feature = "tracing")]
    tracing::debug!(
        path = request.path(),
        rejection = %rejection,
        "actix-web extractor rejected the request",
    );
    #[cfg(not(feature = "tracing"))]
    let _ = (request, rejection);
}
