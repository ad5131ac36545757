//! [`ApiError`]: an error that knows its place in the contract.

use std::borrow::Cow;
use std::fmt;

use http::StatusCode;

use crate::Details;
use crate::ErrorCode;
use crate::ErrorEnvelope;
use crate::ErrorFormat;
use crate::LogLevel;
use crate::Meta;
use crate::Retryable;
use crate::server::meta::MetaWriter;
use crate::server::problem::{ABOUT_BLANK, Problem};
use crate::server::response;
use crate::server::write::EnvelopeRef;

/// An error that answers as the standard envelope with its HTTP status.
///
/// Usually derived with [`#[derive(ApiError)]`](macro@crate::ApiError); the provided methods
/// are correct for hand-written impls too. `ApiError` requires neither `Display` nor
/// `std::error::Error`; [`Retryable`] gives the retry class and any `Retry-After`.
///
/// # A hand-written impl
///
/// The derive is the usual way; by hand, an error needs a code type ([`ErrorCode`]), its
/// [`Retryable`] answer and the required methods here. `error_contract::http` is the `http`
/// crate, so no other dependency is needed. To nest it in a derived enum with
/// `#[api(transparent)]`, implement [`ErrorCatalog`](crate::ErrorCatalog) as well.
///
/// ```
/// use std::borrow::Cow;
/// use std::fmt;
/// use std::time::Duration;
///
/// use error_contract::http::StatusCode;
/// use error_contract::{ApiError, ErrorCode, RetryClass, Retryable};
///
/// /// The monthly quota is used up; it resets in `resets_in`.
/// struct QuotaExceeded {
///     resets_in: Duration,
/// }
///
/// /// Its code type: one code.
/// #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
/// struct QuotaCode;
///
/// impl fmt::Display for QuotaCode {
///     fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
///         f.write_str(self.as_str())
///     }
/// }
///
/// impl ErrorCode for QuotaCode {
///     fn as_str(self) -> &'static str {
///         "quota_exceeded"
///     }
///     fn from_code(code: &str) -> Option<Self> {
///         (code == "quota_exceeded").then_some(QuotaCode)
///     }
///     fn status(self) -> StatusCode {
///         StatusCode::TOO_MANY_REQUESTS
///     }
///     fn retry_class(self) -> RetryClass {
///         RetryClass::Throttled
///     }
/// }
///
/// impl Retryable for QuotaExceeded {
///     fn retry_class(&self) -> RetryClass {
///         RetryClass::Throttled
///     }
///     // Computed per error: the derive's `retry_after = N` is fixed.
///     fn retry_after(&self) -> Option<Duration> {
///         Some(self.resets_in)
///     }
/// }
///
/// impl ApiError for QuotaExceeded {
///     type Code = QuotaCode;
///     fn code(&self) -> QuotaCode {
///         QuotaCode
///     }
///     fn status(&self) -> StatusCode {
///         QuotaCode.status()
///     }
///     fn error_code(&self) -> &'static str {
///         QuotaCode.as_str()
///     }
///     fn message(&self) -> Cow<'_, str> {
///         Cow::Borrowed("The monthly quota is used up.")
///     }
/// }
///
/// let response = QuotaExceeded { resets_in: Duration::from_secs(90) }.to_response();
/// assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
/// assert_eq!(response.headers()["retry-after"], "90");
/// assert_eq!(
///     response.body(),
///     br#"{"error":"The monthly quota is used up.","error_code":"quota_exceeded","details":{}}"#,
/// );
/// ```
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

    /// Writes [`message`](Self::message) to `out`: the bodies format a message straight into
    /// their bytes through it, with no `String` in between. Defaults to writing `message()`;
    /// the derive formats each variant's template (or its `Display`) here, so a formatted
    /// message is never allocated to be written. Hidden, like the other speed hooks: what it
    /// writes must be what `message` returns.
    #[doc(hidden)]
    fn write_message(&self, out: &mut dyn fmt::Write) -> fmt::Result {
        out.write_str(&self.message())
    }

    /// Field errors; empty by default.
    fn details(&self) -> Details {
        Details::new()
    }

    /// The values this error makes public for programs, the envelope's `"meta"` (its
    /// `#[api(meta)]` fields, in declaration order); empty by default, and then not written.
    ///
    /// ```
    /// use error_contract::ApiError;
    ///
    /// #[derive(Debug, thiserror::Error, ApiError)]
    /// enum InvoiceError {
    ///     /// An invoice with this external_id already exists.
    ///     #[error("external_id {external_id} is taken by {invoice_id}")]
    ///     #[api(status = 409, retry = "already_exists",
    ///           message = "An invoice with external_id {external_id} already exists.")]
    ///     DuplicateExternalId {
    ///         #[api(meta)]
    ///         external_id: String,
    ///         #[api(meta)]
    ///         invoice_id: String,
    ///     },
    /// }
    ///
    /// let error = InvoiceError::DuplicateExternalId {
    ///     external_id: "ext-1".into(),
    ///     invoice_id: "inv_0001".into(),
    /// };
    /// assert_eq!(error.meta().get_as::<String>("invoice_id").as_deref(), Some("inv_0001"));
    /// assert_eq!(
    ///     error.to_json(),
    ///     br#"{"error":"An invoice with external_id ext-1 already exists.","error_code":"duplicate_external_id","details":{},"meta":{"external_id":"ext-1","invoice_id":"inv_0001"}}"#,
    /// );
    /// ```
    fn meta(&self) -> Meta {
        let mut meta = Meta::new();
        self.write_meta(&mut MetaWriter::collect(&mut meta));
        meta
    }

    /// Gives each meta field to `meta`, in order; nothing by default. The derive writes it,
    /// and [`meta`](Self::meta) and the bodies are built from it, so the fields are listed
    /// once. Hidden, like the other speed hooks: the body writes the fields' `Serialize`
    /// straight into its bytes.
    #[doc(hidden)]
    #[inline]
    fn write_meta(&self, meta: &mut MetaWriter<'_>) {
        let _ = meta;
    }

    /// The envelope this error answers with.
    fn envelope(&self) -> ErrorEnvelope {
        ErrorEnvelope {
            error: Cow::Owned(self.message().into_owned()),
            error_code: Cow::Borrowed(self.error_code()),
            details: self.details(),
            meta: self.meta(),
        }
    }

    /// The compact JSON body, written into one allocation of its exact size (a body with
    /// `meta` may grow once more while its values are written).
    fn to_json(&self) -> Vec<u8> {
        if let Some(json) = self.static_json() {
            return json.as_bytes().to_vec();
        }
        let details = self.details_ref();
        EnvelopeRef::new(self.error_code(), &details)
            .to_json(|out| self.write_message(out), |meta| self.write_meta(meta))
    }

    /// The RFC 9457 problem document's `type`: a URI naming the problem, `about:blank` by
    /// default. The derive's enum key `problem_type = "https://docs.example.com/errors/{code}"`
    /// sets it, `{code}` standing for each variant's code.
    fn problem_type(&self) -> Cow<'static, str> {
        Cow::Borrowed(ABOUT_BLANK)
    }

    /// The same error as an RFC 9457 problem document, for `application/problem+json`:
    /// `{"type", "title", "status", "detail", "error_code"}`, then `details` and `meta` when
    /// they are not empty. `detail` is the public [`message`](Self::message), `title` the
    /// status's reason phrase and `type` the [`problem_type`](Self::problem_type).
    ///
    /// ```
    /// use error_contract::{ApiError, CommonError};
    ///
    /// assert_eq!(
    ///     CommonError::NotFound.to_problem_json(),
    ///     br#"{"type":"about:blank","title":"Not Found","status":404,"detail":"Not found.","error_code":"not_found"}"#,
    /// );
    /// ```
    fn to_problem_json(&self) -> Vec<u8> {
        let problem_type = self.problem_type();
        let details = self.details_ref();
        let problem = Problem {
            uri: &problem_type,
            status: self.status(),
            error_code: self.error_code(),
            details: &details,
        };
        problem.to_json(|out| self.write_message(out), |meta| self.write_meta(meta))
    }

    /// Appends the compact JSON body to `out`, a buffer the caller reuses: `out` grows at
    /// most once, to the exact size, and not at all when it already has room. The same bytes
    /// as [`to_json`](Self::to_json), without building the [`envelope`](Self::envelope).
    /// Hidden: a speed path (BENCHMARKS.md measures it), not part of the contract.
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
    #[doc(hidden)]
    fn write_json(&self, out: &mut Vec<u8>) {
        if let Some(json) = self.static_json() {
            out.extend_from_slice(json.as_bytes());
            return;
        }
        let details = self.details_ref();
        EnvelopeRef::new(self.error_code(), &details).write_json(
            out,
            |out| self.write_message(out),
            |meta| self.write_meta(meta),
        );
    }

    /// The field errors, borrowed where the error holds them, so writing the body clones
    /// nothing. Defaults to [`details`](Self::details), owned; the derive borrows.
    ///
    /// Hidden, like [`static_json`](Self::static_json): the two speed hooks `to_json` and
    /// `write_json` (provided, never overridden) read. Their defaults are built from the
    /// methods above, so an impl that does not override them still writes the right bytes;
    /// a wrapper forwards them with the rest (`forward_api_error!`).
    #[doc(hidden)]
    fn details_ref(&self) -> Cow<'_, Details> {
        Cow::Owned(self.details())
    }

    /// The whole JSON body when it never changes (a fixed message and no details), written
    /// out at compile time by the derive; `None` otherwise, and by default. Hidden: a speed
    /// hook (see [`details_ref`](Self::details_ref)).
    #[doc(hidden)]
    fn static_json(&self) -> Option<&'static str> {
        None
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

    /// How loudly the server logs this error's response (feature `tracing`): by default
    /// [`LogLevel::for_status`], `Error` for a 5xx and `Debug` for anything else.
    ///
    /// The derive overrides it for the key `log = "warn"` (on a variant, or on the enum for
    /// its variants) and to forward a transparent variant to its field: a planned 503 with a
    /// `Retry-After` is not an `ERROR` to wake anyone at night. `LogLevel::Off` logs nothing.
    ///
    /// ```
    /// use error_contract::{ApiError, CommonError, LogLevel};
    ///
    /// #[derive(Debug, thiserror::Error, ApiError)]
    /// enum MaintenanceError {
    ///     /// Down for the nightly maintenance window.
    ///     #[error("maintenance window")]
    ///     #[api(status = 503, retry_after = 600, log = "info")]
    ///     Maintenance,
    ///
    ///     #[error(transparent)]
    ///     #[api(transparent)]
    ///     Common(CommonError),
    /// }
    ///
    /// assert_eq!(MaintenanceError::Maintenance.log_level(), LogLevel::Info);
    /// assert_eq!(MaintenanceError::Common(CommonError::InternalError).log_level(), LogLevel::Error);
    /// assert_eq!(CommonError::NotFound.log_level(), LogLevel::Debug);
    /// ```
    fn log_level(&self) -> LogLevel {
        LogLevel::for_status(self.status())
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

    /// [`to_response`](Self::to_response) in the RFC 9457 form: the same status and headers,
    /// `Content-Type: application/problem+json` and [`to_problem_json`](Self::to_problem_json)
    /// as the body.
    fn to_problem_response(&self) -> http::Response<Vec<u8>> {
        response::build_problem(
            self.status(),
            self.www_authenticate(),
            self.retry_after(),
            self.to_problem_json(),
        )
    }

    /// The response in the form `format` names for a request whose `Accept` is `accept`
    /// (one header value, or none): [`to_response`](Self::to_response) or
    /// [`to_problem_response`](Self::to_problem_response). A form chosen by `Accept` also
    /// sends `Vary: Accept`, so a cache keeps the two apart.
    ///
    /// ```
    /// use error_contract::{ApiError, CommonError, ErrorFormat};
    /// use error_contract::http::HeaderValue;
    ///
    /// let accept = HeaderValue::from_static("application/problem+json");
    /// let response = CommonError::NotFound.to_response_in(ErrorFormat::ByAccept, Some(&accept));
    /// assert_eq!(response.headers()["content-type"], "application/problem+json");
    /// assert_eq!(response.headers()["vary"], "accept");
    /// let response = CommonError::NotFound.to_response_in(ErrorFormat::ByAccept, None);
    /// assert_eq!(response.headers()["content-type"], "application/json");
    /// ```
    fn to_response_in(
        &self,
        format: ErrorFormat,
        accept: Option<&http::HeaderValue>,
    ) -> http::Response<Vec<u8>> {
        let mut response = if format.is_problem_for(accept) {
            self.to_problem_response()
        } else {
            self.to_response()
        };
        if format == ErrorFormat::ByAccept {
            response::vary_accept(response.headers_mut());
        }
        response
    }
}

/// `impl ApiError for $ty` forwarding every method, the hidden speed hooks included, to
/// the error `$inner` gives for `$this`: the one way a wrapper forwards, so none can drop a
/// method (a dropped hook would still write the right bytes, only slower).
#[cfg_attr(
    not(any(feature = "axum", feature = "actix-web")),
    allow(unused_macros, reason = "only the integrations' wrappers use it")
)]
macro_rules! forward_api_error {
    (impl [$($generics:tt)*] $ty:ty => $code:ty, |$this:ident| $inner:expr) => {
        impl<$($generics)*> $crate::ApiError for $ty {
            type Code = $code;

            fn code(&self) -> $code {
                let $this = self;
                $crate::ApiError::code($inner)
            }

            fn status(&self) -> ::http::StatusCode {
                let $this = self;
                $crate::ApiError::status($inner)
            }

            fn error_code(&self) -> &'static str {
                let $this = self;
                $crate::ApiError::error_code($inner)
            }

            fn message(&self) -> ::std::borrow::Cow<'_, str> {
                let $this = self;
                $crate::ApiError::message($inner)
            }

            fn write_message(
                &self,
                out: &mut dyn ::std::fmt::Write,
            ) -> ::std::fmt::Result {
                let $this = self;
                $crate::ApiError::write_message($inner, out)
            }

            fn details(&self) -> $crate::Details {
                let $this = self;
                $crate::ApiError::details($inner)
            }

            fn envelope(&self) -> $crate::ErrorEnvelope {
                let $this = self;
                $crate::ApiError::envelope($inner)
            }

            fn www_authenticate(&self) -> ::std::option::Option<&'static str> {
                let $this = self;
                $crate::ApiError::www_authenticate($inner)
            }

            fn log_level(&self) -> $crate::LogLevel {
                let $this = self;
                $crate::ApiError::log_level($inner)
            }

            fn meta(&self) -> $crate::Meta {
                let $this = self;
                $crate::ApiError::meta($inner)
            }

            fn write_meta(&self, meta: &mut $crate::__private::MetaWriter<'_>) {
                let $this = self;
                $crate::ApiError::write_meta($inner, meta)
            }

            fn problem_type(&self) -> ::std::borrow::Cow<'static, str> {
                let $this = self;
                $crate::ApiError::problem_type($inner)
            }

            fn details_ref(&self) -> ::std::borrow::Cow<'_, $crate::Details> {
                let $this = self;
                $crate::ApiError::details_ref($inner)
            }

            fn static_json(&self) -> ::std::option::Option<&'static str> {
                let $this = self;
                $crate::ApiError::static_json($inner)
            }
        }
    };
}
#[cfg_attr(
    not(any(feature = "axum", feature = "actix-web")),
    allow(unused_imports, reason = "only the integrations' wrappers use it")
)]
pub(crate) use forward_api_error;

// Written out rather than through `forward_api_error!`: rustc quotes this impl in users'
// "the trait `ApiError` is not implemented" errors, which should read as Rust, not as a macro.
// `tests/forwarding.rs` checks it forwards everything the macro would.
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

    fn write_message(&self, out: &mut dyn fmt::Write) -> fmt::Result {
        (**self).write_message(out)
    }

    fn details(&self) -> Details {
        (**self).details()
    }

    fn envelope(&self) -> ErrorEnvelope {
        (**self).envelope()
    }

    fn www_authenticate(&self) -> Option<&'static str> {
        (**self).www_authenticate()
    }

    fn log_level(&self) -> LogLevel {
        (**self).log_level()
    }

    fn meta(&self) -> Meta {
        (**self).meta()
    }

    fn write_meta(&self, meta: &mut MetaWriter<'_>) {
        (**self).write_meta(meta);
    }

    fn problem_type(&self) -> Cow<'static, str> {
        (**self).problem_type()
    }

    fn details_ref(&self) -> Cow<'_, Details> {
        (**self).details_ref()
    }

    fn static_json(&self) -> Option<&'static str> {
        (**self).static_json()
    }
}
