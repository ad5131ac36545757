//! [`ErrorResponse`]: a failed response as the client sees it.

use std::borrow::Cow;
use std::fmt;
use std::time::{Duration, SystemTime};

use http::{HeaderMap, StatusCode};

use super::decode::body;
use super::decode::limits::DetailsLimits;
use super::rate_limit::RateLimit;
use crate::Details;
use crate::ErrorCode;
use crate::ErrorEnvelope;
use crate::{FromEnvelope, Meta};
use crate::{RetryAfter, RetryClass, Retryable};

/// The largest body [`ErrorResponse::from_parts`] parses: 1 MiB. A longer body is not read at
/// all; the response keeps its status and falls back to the status's reason as its message.
pub const DEFAULT_BODY_LIMIT: usize = 1024 * 1024;

/// What `details()` lends when there is no envelope.
static NO_DETAILS: Details = Details::new();

/// What `meta()` lends when there is no envelope.
static NO_META: Meta = Meta::new();

/// An error response decoded on the client side, typed by the contract's code enum `C`.
///
/// Built from the status, headers and body of any failed HTTP response with
/// [`from_parts`](Self::from_parts), which never fails and never panics: the body is untrusted
/// (HTML from a proxy, truncated or invalid JSON, wrong types, `null`s, a multi-megabyte
/// reply), so whatever it holds, the status is kept and [`message`](Self::message) is a
/// non-empty text that never contains the raw body.
///
/// What the body is read as, in order:
///
/// 1. a JSON object with a string `error` or `error_code`, or with a `details` key: the
///    standard envelope. Unknown keys are ignored; a repeated `error`/`error_code` keeps the
///    first string; a missing or non-string one reads as `""`, which [`error_code`]
///    reports as `None` and [`message`] replaces with the status's reason.
/// 2. a bare Django REST Framework error, `{"detail": "…"}`: `error` is the detail, and a
///    string `"code"` beside it is the `error_code`.
/// 3. under 400 or 422, any other object, or an array or a string (the bare
///    `serializer.errors` of DRF's default handler: a field map, or a list for
///    `ValidationError("…")`): `details` is the body, `error` is `"Validation errors in
///    request data"` (the text of the contract's own `validation_error`) and there is no
///    `error_code`. A body with no error in it (`{}`, `[]`) is not read as one.
///
/// Cases 2 and 3 are normalised into an [`ErrorEnvelope`]; anything else (and a body over
/// the limit, [`DEFAULT_BODY_LIMIT`] unless set with
/// [`from_parts_with_limit`](Self::from_parts_with_limit)) leaves [`envelope`] `None`.
///
/// `details` never makes a body fail. It is read as Django REST Framework style servers send
/// it: absent or `null` is empty; a string is one message; an array of strings is messages;
/// an array of `{message|detail|msg, code…}` objects is their texts; an array of other
/// objects is the pre-3.18 `many=True` list, keyed by index with `{}` placeholders dropped
/// (so DRF 3.17 and 3.18 bodies decode equal), at the top level too; a top-level string or
/// array of strings goes under [`NON_FIELD_ERRORS`](crate::NON_FIELD_ERRORS); numbers and
/// booleans become text; a key holding `null` is dropped; a repeated key merges. Keys keep
/// the order they were sent in.
///
/// What a body costs is bounded by its size: decoding a body of n bytes peaks below 32 × n
/// bytes of heap, in time linear in n, and what `details` keeps stays within
/// [`DetailsLimits::DEFAULT`](crate::DetailsLimits) (depth, key length, keys, messages in all
/// and per field, and the length of all dotted paths together, so that printing it is
/// linear in the body too). What goes past a limit is dropped, the rest still read, and
/// [`details_truncated`](Self::details_truncated) says so.
///
/// A value serde_json rejects costs at most itself, never the envelope, the code or the
/// status, wherever it is (`error`, `error_code`, `detail`, `code`, the keys and values of
/// `details`, a key the contract does not read):
///
/// - a lone surrogate escape (`"\ud800"`, as Python's `json.dumps` writes for undecodable
///   input, or `"\udc00"`), an invalid escape (`"\x"`, a `\u` with fewer than four hex
///   digits: the backslash and what follows it) and each invalid UTF-8 sequence become U+FFFD
///   in a string that is otherwise kept (`"\ud800\u0041"` reads as `"\u{FFFD}A"`); a raw
///   control character in a string is kept as it is;
/// - a number out of `f64`'s range (`1e999`, `-1e999`, a 400-digit integer) is, in
///   `details`, a message of its literal text (`"1e999"`), and anywhere else the number it
///   is: `"error": 1e999` reads as a missing `error`, as `"error": 5` does.
///
/// A body that parses is read once; one that serde_json rejects (and that did not end early)
/// is repaired in one linear pass into one copy, at most six times its length, and read once
/// more. A body broken in any other way (truncated, trailing garbage, `NaN`, HTML) still gives
/// no envelope.
///
/// [`error_code`]: Self::error_code
/// [`message`]: Self::message
/// [`envelope`]: Self::envelope
///
/// ```
/// use error_contract::{CommonErrorCode, ErrorResponse, RetryClass, Retryable};
/// use error_contract::http::{HeaderMap, StatusCode};
///
/// let body = br#"{"error":"Validation errors in request data","error_code":"validation_error","details":{"email":["Enter a valid email address."]}}"#;
/// let response = ErrorResponse::<CommonErrorCode>::from_parts(StatusCode::BAD_REQUEST, &HeaderMap::new(), body);
/// assert_eq!(response.code(), Some(CommonErrorCode::ValidationError));
/// assert_eq!(response.details().get("email").unwrap(), ["Enter a valid email address."]);
/// assert_eq!(response.to_string(), "Validation errors in request data (validation_error)");
///
/// // A proxy's HTML page keeps the status and gives no code.
/// let response = ErrorResponse::<CommonErrorCode>::from_parts(
///     StatusCode::BAD_GATEWAY, &HeaderMap::new(), b"<html><body>502 Bad Gateway</body></html>");
/// assert_eq!(response.code(), None);
/// assert_eq!(response.to_string(), "Bad Gateway (HTTP 502)");
/// assert_eq!(response.retry_class(), RetryClass::Transient);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorResponse<C: ErrorCode> {
    status: StatusCode,
    code: Option<C>,
    envelope: Option<ErrorEnvelope>,
    retry_after: Option<RetryAfter>,
    /// The quota the headers announced, read at decode time (the headers are not kept);
    /// boxed, as most responses have none.
    rate_limit: Option<Box<RateLimit>>,
    /// Whether decoding dropped or cut something of `details` to stay within its limits.
    details_truncated: bool,
    /// The message when the body has none: the status's reason, else `HTTP {status}`.
    fallback_message: Cow<'static, str>,
}

impl<C: ErrorCode> ErrorResponse<C> {
    /// Decodes a failed response, reading at most [`DEFAULT_BODY_LIMIT`] bytes of body.
    /// Never fails and never panics.
    pub fn from_parts(status: StatusCode, headers: &HeaderMap, body: &[u8]) -> Self {
        Self::from_parts_with_limit(status, headers, body, DEFAULT_BODY_LIMIT)
    }

    /// [`from_parts`](Self::from_parts) with another body limit: a body longer than `limit`
    /// bytes is not parsed at all.
    pub fn from_parts_with_limit(
        status: StatusCode,
        headers: &HeaderMap,
        body: &[u8],
        limit: usize,
    ) -> Self {
        let decoded = if body.len() <= limit {
            body::decode::<C>(status, headers, body, DetailsLimits::DEFAULT)
        } else {
            None
        };
        let (envelope, code, details_truncated) = decoded
            .map_or((None, None, false), |(envelope, code, truncated)| {
                (Some(envelope), code, truncated)
            });
        Self {
            status,
            code,
            envelope,
            details_truncated,
            retry_after: RetryAfter::from_response_headers(headers),
            rate_limit: RateLimit::from_headers(headers).map(Box::new),
            fallback_message: fallback_message(status),
        }
    }

    /// The HTTP status, whatever the body was.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The typed code; `None` when the code is unknown to `C`, missing, or the body did not
    /// parse.
    pub fn code(&self) -> Option<C> {
        self.code
    }

    /// The raw `error_code` string, kept even when `C` does not know it; `None` when the body
    /// had none (or an empty one).
    pub fn error_code(&self) -> Option<&str> {
        self.envelope
            .as_ref()
            .map(|envelope| &*envelope.error_code)
            .filter(|code| !code.is_empty())
    }

    /// The text to show: the envelope's `error`, else (no envelope, or a blank `error`) the
    /// status's reason phrase (`"Not Found"`), else `"HTTP {status}"`. Never empty, never the
    /// raw body.
    pub fn message(&self) -> &str {
        match &self.envelope {
            Some(envelope) if !envelope.error.trim().is_empty() => &envelope.error,
            _ => &self.fallback_message,
        }
    }

    /// The field errors; empty when there are none or there is no envelope.
    pub fn details(&self) -> &Details {
        self.envelope
            .as_ref()
            .map_or(&NO_DETAILS, |envelope| &envelope.details)
    }

    /// The values the error made public for programs, the body's `"meta"` object (any JSON
    /// value under each key, as sent); empty when there is none, when `meta` is not an
    /// object, or when there is no envelope. At most 256 keys are kept.
    ///
    /// ```
    /// use error_contract::{CommonErrorCode, ErrorResponse};
    /// use error_contract::http::{HeaderMap, StatusCode};
    ///
    /// let body = br#"{"error":"An invoice with external_id ext-1 already exists.","error_code":"duplicate_external_id","details":{},"meta":{"external_id":"ext-1","invoice_id":"inv_0001"}}"#;
    /// let response = ErrorResponse::<CommonErrorCode>::from_parts(StatusCode::CONFLICT, &HeaderMap::new(), body);
    /// assert_eq!(response.meta().get_as::<String>("invoice_id").as_deref(), Some("inv_0001"));
    /// ```
    pub fn meta(&self) -> &Meta {
        self.envelope
            .as_ref()
            .map_or(&NO_META, |envelope| &envelope.meta)
    }

    /// The error value the server answered with, rebuilt from the envelope:
    /// [`FromEnvelope`] says which variants come back (those whose every field travels as
    /// `meta`, `details` or a transparent error). `None` when there is no envelope, its code
    /// is not one of `E`'s, the variant has private fields, or a `meta` value does not fit.
    ///
    /// ```
    /// use error_contract::{ApiError, CommonErrorCode, ErrorResponse};
    ///
    /// #[derive(Debug, PartialEq, thiserror::Error, ApiError)]
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
    /// let sent = InvoiceError::DuplicateExternalId {
    ///     external_id: "ext-1".into(),
    ///     invoice_id: "inv_0001".into(),
    /// };
    /// let response = sent.to_response();
    /// let received = ErrorResponse::<InvoiceErrorCode>::from_parts(
    ///     response.status(),
    ///     response.headers(),
    ///     response.body(),
    /// );
    /// assert_eq!(received.to_error::<InvoiceError>(), Some(sent));
    /// ```
    pub fn to_error<E: FromEnvelope>(&self) -> Option<E> {
        self.envelope.as_ref().and_then(E::from_envelope)
    }

    /// Whether decoding dropped or cut part of `details` to stay within
    /// [`DetailsLimits::DEFAULT`] (a key too long, too deep, too many keys or messages).
    /// What was kept is in [`details`](Self::details) as usual; a real server's body never
    /// comes near the limits.
    pub fn details_truncated(&self) -> bool {
        self.details_truncated
    }

    /// The envelope, when the body was one (or a bare DRF body, normalised into one). A body
    /// without a code gives an envelope whose `error_code` is `""`.
    pub fn envelope(&self) -> Option<&ErrorEnvelope> {
        self.envelope.as_ref()
    }

    /// The response's `Retry-After` header, if it was present and valid.
    pub fn retry_after_header(&self) -> Option<RetryAfter> {
        self.retry_after
    }

    /// The quota the response's headers announced (`RateLimit`/`RateLimit-Policy`, the older
    /// drafts' `RateLimit-Limit`/`-Remaining`/`-Reset`, or `X-RateLimit-*`), read leniently
    /// by [`RateLimit::from_headers`] when the response was decoded; `None` when it had none.
    /// Its `reset` counts from the decoding. When the response also has a `Retry-After`,
    /// [`retry_after_header`](Self::retry_after_header) is the wait to obey: it wins over
    /// the quota's reset.
    ///
    /// ```
    /// use std::time::Duration;
    /// use error_contract::{CommonErrorCode, ErrorResponse, Retryable};
    /// use error_contract::http::{HeaderMap, StatusCode};
    ///
    /// let mut headers = HeaderMap::new();
    /// headers.insert("retry-after", "5".parse().unwrap());
    /// headers.insert("ratelimit", r#""default";r=0;t=30"#.parse().unwrap());
    /// let body = br#"{"error":"Too many requests","error_code":"rate_limited","details":{}}"#;
    /// let response = ErrorResponse::<CommonErrorCode>::from_parts(StatusCode::TOO_MANY_REQUESTS, &headers, body);
    /// let quota = response.rate_limit().unwrap();
    /// assert_eq!(quota.remaining, Some(0));
    /// assert_eq!(quota.reset, Some(Duration::from_secs(30)));
    /// // Retry-After wins: the retry waits 5 s, not 30.
    /// assert_eq!(response.retry_after(), Some(Duration::from_secs(5)));
    /// ```
    pub fn rate_limit(&self) -> Option<RateLimit> {
        self.rate_limit.as_deref().cloned()
    }
}

fn fallback_message(status: StatusCode) -> Cow<'static, str> {
    match status.canonical_reason() {
        Some(reason) => Cow::Borrowed(reason),
        None => Cow::Owned(format!("HTTP {}", status.as_u16())),
    }
}

/// `"{error} ({error_code})"`, as the guide's `APIClientError` prints it; without a code,
/// `"{message} (HTTP {status})"`.
impl<C: ErrorCode> fmt::Display for ErrorResponse<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.error_code() {
            Some(code) => write!(f, "{} ({code})", self.message()),
            None => write!(f, "{} (HTTP {})", self.message(), self.status.as_u16()),
        }
    }
}

impl<C: ErrorCode> std::error::Error for ErrorResponse<C> {}

/// A code `C` knows decides the class; otherwise the status does, by the table on
/// [`RetryClass`].
impl<C: ErrorCode> Retryable for ErrorResponse<C> {
    fn retry_class(&self) -> RetryClass {
        self.code.map_or_else(
            || RetryClass::for_status(self.status.as_u16()),
            ErrorCode::retry_class,
        )
    }

    /// The `Retry-After` header: a delay as sent; a date as the delay between it and the
    /// response's `Date` header (the server's clock), or without one counted from the system
    /// clock (a date in the past is zero).
    fn retry_after(&self) -> Option<Duration> {
        self.retry_after
            .map(|after| after.delay_from(SystemTime::now()))
    }
}
