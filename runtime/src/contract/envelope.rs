//! [`ErrorEnvelope`]: the standard JSON error body, the data both sides share. The server's
//! writer of its bytes is `server::write`.

use std::borrow::Cow;
use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};

use super::details::Details;
use super::meta::Meta;
use crate::server::write::EnvelopeRef;

/// The standard error body: `{"error": …, "error_code": …, "details": {…}}`, and `"meta"`
/// after them when the error makes values public for programs.
///
/// Serialises its keys in that order, always writes `details` (`{}` when empty) and writes
/// `meta` only when it is not empty, so an error without meta is the Standard Error Response
/// guide's three keys, byte for byte.
/// Deserialising is strict about `error` and `error_code` (both strings) and reads a missing
/// or `null` `details` and a missing `meta` as empty (a `meta` must be an object); unknown
/// keys are ignored. For untrusted bodies use the
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
/// [`with_details`](Self::with_details) (and [`with_meta`](Self::with_meta)).
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
    /// Values the error makes public for programs, such as the id of the invoice a 409
    /// found; empty for most errors, and then not written.
    #[serde(default, skip_serializing_if = "Meta::is_empty")]
    pub meta: Meta,
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
            meta: Meta::new(),
        }
    }

    /// Replaces the details.
    #[must_use]
    pub fn with_details(mut self, details: Details) -> Self {
        self.details = details;
        self
    }

    /// Replaces the meta.
    #[must_use]
    pub fn with_meta(mut self, meta: Meta) -> Self {
        self.meta = meta;
        self
    }

    /// The compact JSON body, allocated once at its exact size (`meta`, when there is one,
    /// may grow it once more).
    pub fn to_json(&self) -> Vec<u8> {
        EnvelopeRef::new(&self.error_code, &self.details).to_json(
            |out| out.write_str(&self.error),
            |writer| self.meta.write_to(writer),
        )
    }

    /// Appends the compact JSON body to `out`, which grows at most once, to the exact size,
    /// when there is no `meta`.
    pub fn write_json(&self, out: &mut Vec<u8>) {
        EnvelopeRef::new(&self.error_code, &self.details).write_json(
            out,
            |out| out.write_str(&self.error),
            |writer| self.meta.write_to(writer),
        );
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
