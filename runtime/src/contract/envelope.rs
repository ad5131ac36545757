//! [`ErrorEnvelope`]: the standard JSON error body, the data both sides share. The server's
//! writer of its bytes is `server::write`.

use std::borrow::Cow;
use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};

use super::details::Details;
use crate::server::write::EnvelopeRef;

/// The standard error body: `{"error": …, "error_code": …, "details": {…}}`.
///
/// Serialises its keys in that order and always writes `details` (`{}` when empty).
/// Deserialising is strict about `error` and `error_code` (both strings) and reads a missing
/// or `null` `details` as empty; unknown keys are ignored. For untrusted bodies use the
/// client decoder, which never fails.
///
/// ```
/// use error_contract::{Details, ErrorEnvelope};
///
/// let envelope = ErrorEnvelope::new("Validation errors in request data", "validation_error")
///     .with_details(Details::new().with("email", "Enter a valid email address."));
/// assert_eq!(
///     envelope.to_json(),
///     br#"{"error":"Validation errors in request data","error_code":"validation_error","details":{"email":["Enter a valid email address."]}}"#,
/// );
/// ```
///
/// Non-exhaustive: later versions may add members; build it with [`new`](Self::new) and
/// [`with_details`](Self::with_details).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ErrorEnvelope {
    /// Human-readable text, safe to show a user.
    pub error: Cow<'static, str>,
    /// The stable `snake_case` code clients match on.
    pub error_code: Cow<'static, str>,
    /// Field errors; empty when there are none.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub details: Details,
}

impl ErrorEnvelope {
    /// An envelope with no details.
    pub fn new(
        error: impl Into<Cow<'static, str>>,
        error_code: impl Into<Cow<'static, str>>,
    ) -> Self {
        Self {
            error: error.into(),
            error_code: error_code.into(),
            details: Details::new(),
        }
    }

    /// Replaces the details.
    #[must_use]
    pub fn with_details(mut self, details: Details) -> Self {
        self.details = details;
        self
    }

    /// The compact JSON body, allocated once at its exact size.
    pub fn to_json(&self) -> Vec<u8> {
        EnvelopeRef::new(&self.error, &self.error_code, &self.details).to_json()
    }

    /// Appends the compact JSON body to `out`, which grows at most once, to the exact size.
    pub fn write_json(&self, out: &mut Vec<u8>) {
        EnvelopeRef::new(&self.error, &self.error_code, &self.details).write_json(out);
    }
}

/// `"{error} ({error_code})"`, as the guide's `APIClientError` prints it.
impl fmt::Display for ErrorEnvelope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.error, self.error_code)
    }
}

fn null_as_empty<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Details, D::Error> {
    Ok(Option::<Details>::deserialize(deserializer)?.unwrap_or_default())
}
