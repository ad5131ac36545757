//! [`ApiError`]: an error that knows its place in the contract.

use std::borrow::Cow;

use http::StatusCode;

use crate::Details;
use crate::ErrorCode;
use crate::ErrorEnvelope;
use crate::Retryable;
use crate::server::response;
use crate::server::write::EnvelopeRef;

/// An error that answers as the standard envelope with its HTTP status.
///
/// Usually derived with [`#[derive(ApiError)]`](macro@crate::ApiError); the provided methods
/// are correct for hand-written impls too. `ApiError` requires neither `Display` nor
/// `std::error::Error`; [`Retryable`] gives the retry class and any `Retry-After`.
pub trait ApiError: Retryable {
    /// The companion code enum, such as `PlatformErrorCode`.
    type Code: ErrorCode;

    /// This error's code as the typed enum.
    fn code(&self) -> Self::Code;

    /// The HTTP status to answer with.
    fn status(&self) -> StatusCode;

    /// The stable `snake_case` code string, the envelope's `error_code`.
    fn error_code(&self) -> &'static str;

    /// The public `error` text: safe to show a user, never a 5xx's internal cause.
    fn message(&self) -> Cow<'_, str>;

    /// Field errors; empty by default.
    fn details(&self) -> Details {
        Details::new()
    }

    /// The field errors, borrowed where the error holds them, so writing the body clones
    /// nothing. Defaults to [`details`](Self::details), owned; the derive borrows.
    fn details_ref(&self) -> Cow<'_, Details> {
        Cow::Owned(self.details())
    }

    /// The whole JSON body when it never changes (a fixed message and no details), written
    /// out at compile time by the derive; `None` otherwise, and by default.
    fn static_json(&self) -> Option<&'static str> {
        None
    }

    /// The envelope this error answers with.
    fn envelope(&self) -> ErrorEnvelope {
        ErrorEnvelope {
            error: Cow::Owned(self.message().into_owned()),
            error_code: Cow::Borrowed(self.error_code()),
            details: self.details(),
        }
    }

    /// The compact JSON body, written into one allocation of its exact size.
    fn to_json(&self) -> Vec<u8> {
        if let Some(json) = self.static_json() {
            return json.as_bytes().to_vec();
        }
        let message = self.message();
        let details = self.details_ref();
        EnvelopeRef::new(&message, self.error_code(), &details).to_json()
    }

    /// Appends the compact JSON body to `out`, a buffer the caller reuses: `out` grows at
    /// most once, to the exact size, and not at all when it already has room. The same bytes
    /// as [`to_json`](Self::to_json), without building the [`envelope`](Self::envelope).
    ///
    /// ```
    /// use error_contract::{ApiError, CommonError};
    ///
    /// let mut out = Vec::with_capacity(1024);
    /// for error in [CommonError::NotFound, CommonError::RateLimited] {
    ///     out.clear();
    ///     error.write_json(&mut out);
    ///     assert_eq!(out, error.to_json());
    /// }
    /// ```
    fn write_json(&self, out: &mut Vec<u8>) {
        if let Some(json) = self.static_json() {
            out.extend_from_slice(json.as_bytes());
            return;
        }
        let message = self.message();
        let details = self.details_ref();
        EnvelopeRef::new(&message, self.error_code(), &details).write_json(out);
    }

    /// The `WWW-Authenticate` challenge this error sends; by default on a 401 `Bearer`, or
    /// `Bearer error="invalid_token"` for the code `invalid_token` (RFC 9110, RFC 6750);
    /// `None` otherwise.
    ///
    /// The value is the whole header value, and [`to_response`](Self::to_response), the axum
    /// `IntoResponse` and the actix-web `ResponseError` all send what this returns. The
    /// derive overrides it for the key `www_authenticate = "…"` (on a 401 variant, or on the
    /// enum for its 401 variants) and to forward a transparent variant to its field. A
    /// hand-written impl may return a challenge on any status; a value that is not a valid
    /// header value (visible ASCII, space and tab) is not sent.
    ///
    /// ```
    /// use error_contract::{ApiError, CommonError};
    ///
    /// assert_eq!(CommonError::AuthenticationRequired.www_authenticate(), Some("Bearer"));
    /// assert_eq!(
    ///     CommonError::InvalidToken.www_authenticate(),
    ///     Some(r#"Bearer error="invalid_token""#),
    /// );
    /// assert_eq!(CommonError::NotFound.www_authenticate(), None);
    /// ```
    fn www_authenticate(&self) -> Option<&'static str> {
        response::default_challenge(self.status(), self.error_code())
    }

    /// The whole response: status, `Content-Type: application/json`, `WWW-Authenticate` when
    /// [`www_authenticate`](Self::www_authenticate) gives a challenge (by default on a 401),
    /// `Retry-After` when [`Retryable::retry_after`] is set, and the JSON body.
    fn to_response(&self) -> http::Response<Vec<u8>> {
        response::build(
            self.status(),
            self.www_authenticate(),
            self.retry_after(),
            self.to_json(),
        )
    }
}

impl<T: ApiError + ?Sized> ApiError for Box<T> {
    type Code = T::Code;

    fn code(&self) -> T::Code {
        (**self).code()
    }

    fn status(&self) -> StatusCode {
        (**self).status()
    }

    fn error_code(&self) -> &'static str {
        (**self).error_code()
    }

    fn message(&self) -> Cow<'_, str> {
        (**self).message()
    }

    fn details(&self) -> Details {
        (**self).details()
    }

    fn details_ref(&self) -> Cow<'_, Details> {
        (**self).details_ref()
    }

    fn static_json(&self) -> Option<&'static str> {
        (**self).static_json()
    }

    fn envelope(&self) -> ErrorEnvelope {
        (**self).envelope()
    }

    fn www_authenticate(&self) -> Option<&'static str> {
        (**self).www_authenticate()
    }

    fn to_json(&self) -> Vec<u8> {
        (**self).to_json()
    }

    fn write_json(&self, out: &mut Vec<u8>) {
        (**self).write_json(out);
    }

    fn to_response(&self) -> http::Response<Vec<u8>> {
        (**self).to_response()
    }
}
