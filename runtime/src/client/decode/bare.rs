//! Bare Django REST Framework bodies, normalised into the envelope.
//!
//! DRF's default exception handler sends `{"detail": "…"}` for most errors and the bare
//! `serializer.errors` (an object, or for `ValidationError("…")` an array or a string) for a
//! validation error. A client talking to such a server still gets an [`ErrorEnvelope`].

use std::borrow::Cow;

use http::StatusCode;
use serde::de::DeserializeSeed;

use super::lenient::DetailsSeed;
use super::limits::Budget;
use crate::Details;
use crate::ErrorEnvelope;
use crate::Meta;

/// The `error` of an envelope made from a bare `serializer.errors` body: the text the
/// contract's own `validation_error` sends.
pub(crate) const FIELD_ERRORS_MESSAGE: &str = "Validation errors in request data";

/// `{"detail": "…", "code": "…"}`: the detail is the `error`; `code`, when it was a string,
/// the `error_code` (else `""`, which reads as no code).
pub(crate) fn detail_body(detail: String, code: Cow<'static, str>) -> ErrorEnvelope {
    ErrorEnvelope {
        error: Cow::Owned(detail),
        error_code: code,
        details: Details::new(),
        meta: Meta::new(),
    }
}

/// Whether a body of field errors with no envelope around it is read as one: 400 is what DRF
/// sends a `ValidationError` with, 422 what other frameworks do.
pub(crate) fn is_validation_status(status: StatusCode) -> bool {
    matches!(
        status,
        StatusCode::BAD_REQUEST | StatusCode::UNPROCESSABLE_ENTITY
    )
}

/// A bare `serializer.errors` body under a validation status: the whole body is the details,
/// read leniently, with [`FIELD_ERRORS_MESSAGE`] as the `error` and no `error_code`.
/// `None` under any other status (the body is not read) and for a body with no error in it
/// (`{}`, `[]`, `null`); `Err` for a body serde_json rejects. What is kept is charged to
/// `budget`.
pub(crate) fn field_errors(
    status: StatusCode,
    body: &[u8],
    budget: &mut Budget,
) -> Result<Option<ErrorEnvelope>, serde_json::Error> {
    if !is_validation_status(status) {
        return Ok(None);
    }
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    let mut details = Details::new();
    DetailsSeed {
        details: &mut details,
        budget,
    }
    .deserialize(&mut deserializer)?;
    deserializer.end()?;
    if details.is_empty() {
        return Ok(None);
    }
    Ok(Some(ErrorEnvelope {
        error: Cow::Borrowed(FIELD_ERRORS_MESSAGE),
        error_code: Cow::Borrowed(""),
        details,
        meta: Meta::new(),
    }))
}
