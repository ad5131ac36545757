//! Implementation detail of `error-contract`: the `#[derive(ApiError)]` macro.
//!
//! Depend on `error-contract`, which re-exports this derive and documents its keys.

#![forbid(unsafe_code)]

mod ast;
mod attr;
mod binding;
mod case;
mod contract;
mod ctxt;
mod expand;
mod fallback;
mod fmt;
mod generics;
mod json;
mod json_type;
mod status;
mod template;
mod valid;

#[cfg(test)]
mod tests;

use proc_macro::TokenStream;
use syn::{DeriveInput, parse_macro_input};

/// Derives `ApiError` for an error enum or struct: every variant becomes one code of the JSON
/// error envelope `{"error", "error_code", "details"}`, answered with its HTTP status.
///
/// Write the contract once, as an enum with `#[api(...)]` on its variants; the server answers
/// with the envelope, and a client decodes it back into the same typed codes and knows whether
/// to retry, refresh credentials, use an existing resource or give up.
///
/// ```
/// use error_contract::{ApiError, Details, ErrorCode, RetryClass, Retryable};
///
/// #[derive(Debug, thiserror::Error, ApiError)]
/// pub enum PlatformError {
///     /// No authentication credentials provided.
///     #[error("no credentials")]
///     #[api(status = 401, message = "Authentication credentials were not provided.",
///           solution = "Include valid Bearer token in Authorization header")]
///     AuthenticationRequired,
///
///     /// Request data failed validation rules.
///     #[error("validation failed")]
///     #[api(status = 400, message = "Validation errors in request data")]
///     ValidationError(#[api(details)] Details),
///
///     /// Invoice ID doesn't exist for this business.
///     #[error("invoice {0} not found")]
///     #[api(status = 404, message = "Invoice {0} not found")]
///     InvoiceNotFound(String),
///
///     /// A resource with this external_id already exists.
///     #[error("duplicate external id {external_id}")]
///     #[api(status = 409, retry = "already_exists")]
///     DuplicateExternalId { external_id: String },
///
///     /// The database failed; the cause stays in the server's log.
///     #[error("database: {0}")]
///     #[api(status = 500)]
///     Database(#[source] std::io::Error),
/// }
///
/// // The Standard Error Response guide's validation example, byte for byte.
/// let error = PlatformError::ValidationError(
///     Details::new()
///         .with("email", "Enter a valid email address.")
///         .with("currency", "Invalid currency code. Must be one of: GBP, EUR, USD"),
/// );
/// assert_eq!(error.status(), 400);
/// assert_eq!(
///     String::from_utf8(error.to_json()).unwrap(),
///     r#"{"error":"Validation errors in request data","error_code":"validation_error","details":{"email":["Enter a valid email address."],"currency":["Invalid currency code. Must be one of: GBP, EUR, USD"]}}"#,
/// );
///
/// // The whole response: status, headers and body.
/// let response = PlatformError::AuthenticationRequired.to_response();
/// assert_eq!(response.status(), 401);
/// assert_eq!(response.headers()["content-type"], "application/json");
/// assert_eq!(response.headers()["www-authenticate"], "Bearer");
///
/// // A 5xx never shows its cause; its `Display` stays for the log.
/// let error = PlatformError::Database(std::io::Error::other("password=hunter2"));
/// assert_eq!(error.message(), "Internal server error");
///
/// // The client reads the same contract.
/// let code = PlatformErrorCode::from_code("duplicate_external_id").unwrap();
/// assert_eq!(code, PlatformErrorCode::DuplicateExternalId);
/// assert_eq!(code.retry_class(), RetryClass::AlreadyExists);
/// ```
///
/// # What is generated
///
/// For a type `T`:
///
/// - `impl ApiError for T`: [`code`], [`status`], [`error_code`], [`message`] (a fixed message is
///   borrowed, never copied), [`details`], and faster versions of the provided methods
///   ([`envelope`], [`to_json`] writes a fixed body prepared at compile time);
///   [`www_authenticate`] only when a `www_authenticate` key or a transparent variant needs it,
///   [`log_level`] only when a `log` key or a transparent variant does, and the writer of
///   [`meta`] and [`problem_type`] only when a `meta` field, the `problem_type` key or a
///   transparent variant does.
/// - `impl FromEnvelope for T`: the variant an envelope's code names, rebuilt from its
///   `meta` and `details` (see [`meta`](#field-key-meta)), for
///   [`ErrorResponse::to_error`](struct.ErrorResponse.html#method.to_error).
/// - `impl Retryable for T`: [`retry_class`](trait.Retryable.html#tymethod.retry_class) and
///   [`retry_after`](trait.Retryable.html#method.retry_after).
/// - `impl ErrorCatalog for T`: one [`ErrorSpec`] per code, in declaration order, with the
///   codes of transparent variants inlined where they stand; [`Catalog::of::<T>()`] reads it.
/// - The companion code enum `TCode` (rename it with `code_enum`), with `T`'s visibility: one
///   unit variant per variant of `T` (a transparent variant wraps the inner type's code,
///   `<Inner as ApiError>::Code`), `Clone`, `Copy`, `PartialEq`, `Eq`, `Hash`, `Debug`, and
///   `Display`, `FromStr` and serde `Serialize`/`Deserialize` as the code string. It implements
///   [`ErrorCode`] (`as_str`, `from_code`, `status`, `retry_class`) and is
///   `<T as ApiError>::Code`. `from_code` tries `T`'s own codes first, then each transparent
///   variant's, in declaration order.
/// - With features of the `error-contract` crate: `axum` gives `axum::response::IntoResponse`
///   for `T`; `actix-web` gives `actix_web::ResponseError` (when `T` is also `Debug` and
///   `Display`, as actix-web requires); `utoipa` gives `utoipa::IntoResponses` (one response
///   per status). With `tracing`, those responses are logged: a 5xx at `ERROR` with its private
///   cause, a 4xx at `DEBUG`. The derive cannot see the features, so it always emits the hooks
///   and they expand to nothing when their feature is off.
///
/// The generated code names everything through `::error_contract::__private` (or the
/// `crate = path` you give), so your crate needs no `http`, `serde` or `serde_json` dependency,
/// and it compiles under `#![no_implicit_prelude]` and `#![deny(warnings)]`.
///
/// A mistake in the attributes is a compile error underlining the offending token and saying
/// the fix; every mistake of the type is reported at once, and stub impls keep the rest of your
/// crate from failing a second time.
///
/// ```
/// use error_contract::{ApiError, CommonError, CommonErrorCode, ErrorCode};
///
/// #[derive(Debug, thiserror::Error, ApiError)]
/// pub enum InvoiceError {
///     #[error("invoice {0} not found")]
///     #[api(status = 404, message = "Invoice {0} not found")]
///     InvoiceNotFound(String),
///
///     #[error(transparent)]
///     #[api(transparent)]
///     Common(CommonError),
/// }
///
/// let code: InvoiceErrorCode = InvoiceError::InvoiceNotFound("inv_1".into()).code();
/// assert_eq!(code, InvoiceErrorCode::InvoiceNotFound);
/// assert_eq!(code.to_string(), "invoice_not_found");
/// assert_eq!(code.status(), 404);
/// assert_eq!("invoice_not_found".parse::<InvoiceErrorCode>(), Ok(code));
/// assert_eq!(
///     InvoiceErrorCode::from_code("rate_limited"),
///     Some(InvoiceErrorCode::Common(CommonErrorCode::RateLimited)),
/// );
/// assert_eq!(InvoiceErrorCode::from_code("no_such_code"), None);
/// ```
///
/// # Variant keys
///
/// Each goes in `#[api(...)]` on a variant (or on a struct, see [Structs](#structs)); keys can
/// share one `#[api(...)]` or be split over several, but none may be given twice.
///
/// ## `status`
///
/// The HTTP status: an integer from 400 to 599, or the name of an `http::StatusCode`
/// constant, alone or as a path whose last segment is the name (`NOT_FOUND`,
/// `StatusCode::NOT_FOUND`, `error_contract::http::StatusCode::NOT_FOUND`). The macro checks
/// the name against its own table, so the path needs no import. Required, unless the enum sets
/// a default `#[api(status = …)]` or the variant is `transparent`.
///
/// ```
/// use error_contract::ApiError;
///
/// #[derive(Debug, thiserror::Error, ApiError)]
/// enum E {
///     #[error("gone")]
///     #[api(status = 410)]
///     Gone,
///     #[error("missing")]
///     #[api(status = NOT_FOUND)]
///     Missing,
///     #[error("conflict")]
///     #[api(status = StatusCode::CONFLICT)]
///     Conflict,
/// }
///
/// assert_eq!(E::Gone.status(), 410);
/// assert_eq!(E::Missing.status(), 404);
/// assert_eq!(E::Conflict.status(), 409);
/// ```
///
/// ## `code`
///
/// The `error_code` string: `snake_case` (`^[a-z][a-z0-9_]*$`), at most 64 bytes, unique
/// within the type. Default: the variant's name in `snake_case`, acronyms kept whole
/// (`InvoiceNotFound` → `invoice_not_found`, `HTTPError` → `http_error`).
///
/// ```
/// use error_contract::ApiError;
///
/// #[derive(Debug, thiserror::Error, ApiError)]
/// enum E {
///     #[error("business {business_id} is not yours")]
///     #[api(status = 403, code = "permission_denied")]
///     Forbidden { business_id: String },
///     #[error("upstream")]
///     #[api(status = 502)]
///     HTTPError,
/// }
///
/// assert_eq!(E::Forbidden { business_id: "b_1".into() }.error_code(), "permission_denied");
/// assert_eq!(E::HTTPError.error_code(), "http_error");
/// ```
///
/// ## `message`
///
/// The public `error` text, safe to show a user. It is a format string over the variant's
/// fields, as thiserror writes it: `{field}` for a named field, `{0}` for a tuple field,
/// `{field:?}` for its `Debug`, format specs such as `{amount:.2}`, and `{{`/`}}` for braces.
/// A message without placeholders is borrowed, never allocated.
///
/// Without `message`:
/// - a 4xx shows the error's `Display` (so the type needs one, e.g. from `thiserror::Error`);
/// - a 5xx shows its status's reason phrase in sentence case: "Internal server error", "Not
///   implemented", "Bad gateway", "Service unavailable", "Gateway timeout" (and the other 5xx
///   reasons), else "Server error". Its `Display`, which may hold internal detail, never
///   reaches a client (see `expose`).
///
/// ```
/// use error_contract::ApiError;
///
/// #[derive(Debug, thiserror::Error, ApiError)]
/// enum E {
///     #[error("invoice {0} not found")]
///     #[api(status = 404, message = "Invoice {0} not found")]
///     InvoiceNotFound(String),
///     #[error("bad amount")]
///     #[api(status = 400, message = "Amount {amount:.2} is over the limit of {limit:?}")]
///     OverLimit { amount: f64, limit: u32 },
///     #[error("business {0} is not yours")]
///     #[api(status = 403)]
///     Forbidden(String),
///     #[error("database: {0}")]
///     #[api(status = 500)]
///     Database(String),
///     #[error("upstream timed out")]
///     #[api(status = 504)]
///     Upstream,
/// }
///
/// assert_eq!(E::InvoiceNotFound("inv_1".into()).message(), "Invoice inv_1 not found");
/// assert_eq!(
///     E::OverLimit { amount: 12.5, limit: 10 }.message(),
///     "Amount 12.50 is over the limit of 10"
/// );
/// assert_eq!(E::Forbidden("b_1".into()).message(), "business b_1 is not yours"); // Display
/// assert_eq!(E::Database("password=hunter2".into()).message(), "Internal server error");
/// assert_eq!(E::Upstream.message(), "Gateway timeout");
/// ```
///
/// ## `expose`
///
/// On a 5xx only, and not with `message`: show the error's `Display` publicly after all, for a
/// server error whose text is known to be safe.
///
/// ```
/// use error_contract::ApiError;
///
/// #[derive(Debug, thiserror::Error, ApiError)]
/// enum E {
///     #[error("the billing provider is down until 14:00 UTC")]
///     #[api(status = 503, expose)]
///     BillingDown,
/// }
///
/// assert_eq!(E::BillingDown.message(), "the billing provider is down until 14:00 UTC");
/// ```
///
/// ## `retry`
///
/// How a client should react, one of five class names (the [`RetryClass`] variants a server can
/// choose):
///
/// | `retry = …` | class | the client's default policy |
/// |---|---|---|
/// | `"transient"` | `Transient` | retry with backoff if the request is safe to repeat |
/// | `"throttled"` | `Throttled` | retry after `max(Retry-After, backoff)` if safe |
/// | `"reauthenticate"` | `Reauthenticate` | refresh credentials and retry once |
/// | `"already_exists"` | `AlreadyExists` | do not retry; use the existing resource |
/// | `"permanent"` | `Permanent` | do not retry; fix the request |
///
/// Default: from the status, by the table on [`RetryClass`] (the Standard Error Response
/// guide's retry strategy, made precise): 408, 500, 502, 504 transient; 429, 503 throttled;
/// 401 reauthenticate; any other status (501 and 505 included) permanent.
///
/// ```
/// use error_contract::{ApiError, RetryClass, Retryable};
///
/// #[derive(Debug, thiserror::Error, ApiError)]
/// enum E {
///     #[error("duplicate external id {external_id}")]
///     #[api(status = 409, retry = "already_exists")]
///     DuplicateExternalId { external_id: String },
///     #[error("locked")]
///     #[api(status = 423, retry = "transient")]
///     Locked,
///     #[error("bad gateway")]
///     #[api(status = 502)]
///     BadGateway,
/// }
///
/// let duplicate = E::DuplicateExternalId { external_id: "ext-1".into() };
/// assert_eq!(duplicate.retry_class(), RetryClass::AlreadyExists);
/// assert_eq!(E::Locked.retry_class(), RetryClass::Transient);
/// assert_eq!(E::BadGateway.retry_class(), RetryClass::Transient); // the status's default
/// ```
///
/// ## `retry_after`
///
/// Whole seconds: the response sends `Retry-After: N` whatever the retry class,
/// [`Retryable::retry_after`](trait.Retryable.html#method.retry_after) returns it, and the
/// catalogue lists it.
///
/// ```
/// use std::time::Duration;
/// use error_contract::{ApiError, Retryable};
///
/// #[derive(Debug, thiserror::Error, ApiError)]
/// enum E {
///     #[error("maintenance")]
///     #[api(status = 503, retry_after = 30)]
///     Maintenance,
/// }
///
/// assert_eq!(E::Maintenance.retry_after(), Some(Duration::from_secs(30)));
/// assert_eq!(E::Maintenance.to_response().headers()["retry-after"], "30");
/// ```
///
/// ## `www_authenticate`
///
/// The `WWW-Authenticate` challenge a 401 sends, as the whole header value:
/// `www_authenticate = "Basic realm=\"admin\""`. Only on a variant whose status is 401; on the
/// enum (or struct) it is the default of its 401 variants, and a variant's own value wins.
/// Without it, a 401 sends `Bearer`, or `Bearer error="invalid_token"` for the code
/// `invalid_token` (RFC 9110 requires a challenge on a 401; RFC 6750 names the bad-token
/// case), and any other status sends none. The value must be a valid header value: visible
/// ASCII, spaces and tabs, not empty. A transparent variant takes the inner error's challenge,
/// so the key cannot be combined with `transparent`.
/// [`ApiError::www_authenticate`] returns the value, and every response (`to_response`, axum,
/// actix-web) sends it.
///
/// ```
/// use error_contract::ApiError;
///
/// #[derive(Debug, thiserror::Error, ApiError)]
/// #[api(www_authenticate = r#"Bearer realm="partner""#)]
/// enum PartnerAuth {
///     #[error("no credentials")]
///     #[api(status = 401, message = "Authentication credentials were not provided.")]
///     AuthenticationRequired,
///
///     #[error("bad token")]
///     #[api(status = 401, message = "Invalid token.",
///           www_authenticate = r#"Bearer realm="partner", error="invalid_token""#)]
///     InvalidToken,
///
///     #[error("admin login required")]
///     #[api(status = 401, message = "Log in as an administrator.",
///           www_authenticate = r#"Basic realm="admin""#)]
///     AdminLoginRequired,
///
///     #[error("forbidden")]
///     #[api(status = 403, message = "Forbidden.")]
///     Forbidden,
/// }
///
/// let challenge = |error: PartnerAuth| error.www_authenticate();
/// assert_eq!(challenge(PartnerAuth::AuthenticationRequired), Some(r#"Bearer realm="partner""#));
/// assert_eq!(
///     challenge(PartnerAuth::InvalidToken),
///     Some(r#"Bearer realm="partner", error="invalid_token""#)
/// );
/// assert_eq!(challenge(PartnerAuth::AdminLoginRequired), Some(r#"Basic realm="admin""#));
/// assert_eq!(challenge(PartnerAuth::Forbidden), None);
///
/// let response = PartnerAuth::AdminLoginRequired.to_response();
/// assert_eq!(response.headers()["www-authenticate"], r#"Basic realm="admin""#);
/// ```
///
/// ## `log`
///
/// The level at which the server logs this error's response (feature `tracing`): one of
/// `error`, `warn`, `info`, `debug`, `trace`, `off`. Without it a 5xx is logged at `error` and
/// anything else at `debug`; on the enum (or struct) it is the default of its variants, and a
/// variant's own value wins. A planned 503 with a `Retry-After` need not page anyone:
/// `log = "info"`. A transparent variant takes the inner error's level, so the key cannot be
/// combined with `transparent`. [`ApiError::log_level`] returns it.
///
/// ```
/// use error_contract::{ApiError, LogLevel};
///
/// #[derive(Debug, thiserror::Error, ApiError)]
/// #[api(log = "warn")]
/// enum Ledger {
///     #[error("nightly maintenance")]
///     #[api(status = 503, retry_after = 600, log = "info")]
///     Maintenance,
///
///     #[error("stale version")]
///     #[api(status = 409)]
///     Stale,
/// }
///
/// assert_eq!(Ledger::Maintenance.log_level(), LogLevel::Info);
/// assert_eq!(Ledger::Stale.log_level(), LogLevel::Warn);
/// ```
///
/// ## `solution`
///
/// What a client should do about the error, for the catalogue (the "Solution" line of
/// [`Catalog::markdown`]); it is not sent on the wire.
///
/// ```
/// use error_contract::{ApiError, Catalog};
///
/// #[derive(Debug, thiserror::Error, ApiError)]
/// enum E {
///     /// Token is invalid, malformed, or expired.
///     #[error("bad token")]
///     #[api(status = 401, code = "invalid_token", message = "Invalid token.",
///           solution = "Refresh token or re-authenticate")]
///     InvalidToken,
/// }
///
/// let catalog = Catalog::of::<E>();
/// let spec = catalog.get("invalid_token").unwrap();
/// assert_eq!(spec.solution.as_deref(), Some("Refresh token or re-authenticate"));
/// assert!(catalog.markdown().contains("Refresh token or re-authenticate"));
/// ```
///
/// ## `alias`
///
/// `alias = "old_code"` (repeat the key for more): a former code that still means this one.
/// A client built against either release decodes it: the code enum's `from_code`,
/// [`ErrorResponse`](struct.ErrorResponse.html) and `to_error` accept it, and the catalogue
/// lists it, so a rename is not a break. An alias is checked as a code is (format, and
/// against every code and alias of the type; [`Catalog::check`](struct.Catalog.html#method.check)
/// looks across transparent nesting too). Rust's `#[deprecated]` on a variant marks its code
/// deprecated in the catalogue and on the code enum's variant; the generated code itself
/// raises no deprecation warning.
///
/// ```
/// use error_contract::{ApiError, Catalog, ErrorCode};
///
/// #[derive(Debug, ApiError)]
/// enum E {
///     #[api(status = 404, message = "Invoice not found.", alias = "no_such_invoice")]
///     InvoiceNotFound,
///
///     #[deprecated(note = "answer invoice_not_found")]
///     #[api(status = 410, message = "Invoice gone.")]
///     InvoiceGone,
/// }
///
/// assert_eq!(ECode::from_code("no_such_invoice"), Some(ECode::InvoiceNotFound));
/// let catalog = Catalog::of::<E>();
/// assert_eq!(*catalog.get("invoice_not_found").unwrap().aliases, ["no_such_invoice"]);
/// assert!(catalog.get("invoice_gone").unwrap().deprecated);
/// ```
///
/// ## `transparent`
///
/// On a variant with exactly one field, whose type is itself an `ApiError` (and
/// `ErrorCatalog`, such as another derived enum or `CommonError`), and with no other key:
/// status, code, message, details, retry class, `Retry-After`, `WWW-Authenticate` and
/// catalogue entries all come from the field. Its code-enum variant wraps the inner code. With
/// thiserror, pair it with `#[error(transparent)]`.
///
/// ```
/// use error_contract::{ApiError, Catalog, CommonError, CommonErrorCode};
///
/// #[derive(Debug, thiserror::Error, ApiError)]
/// pub enum BillingError {
///     /// The card was declined by the issuer.
///     #[error("card declined")]
///     #[api(status = 402, message = "Payment required.")]
///     CardDeclined,
/// }
///
/// #[derive(Debug, thiserror::Error, ApiError)]
/// pub enum PlatformError {
///     #[error(transparent)]
///     #[api(transparent)]
///     Billing(BillingError),
///
///     #[error(transparent)]
///     #[api(transparent)]
///     Common(CommonError),
/// }
///
/// let error = PlatformError::Billing(BillingError::CardDeclined);
/// assert_eq!(error.status(), 402);
/// assert_eq!(error.error_code(), "card_declined");
/// assert_eq!(error.code(), PlatformErrorCode::Billing(BillingErrorCode::CardDeclined));
///
/// let error = PlatformError::Common(CommonError::InvalidToken);
/// assert_eq!(error.code(), PlatformErrorCode::Common(CommonErrorCode::InvalidToken));
/// assert_eq!(error.www_authenticate(), Some(r#"Bearer error="invalid_token""#));
///
/// // The catalogue inlines the inner codes.
/// assert!(Catalog::of::<PlatformError>().get("card_declined").is_some());
/// assert!(Catalog::of::<PlatformError>().get("not_found").is_some());
/// ```
///
/// # Field key: `details`
///
/// `#[api(details)]` on one field of a variant, whose type implements [`ToDetails`]
/// ([`Details`] itself does): the envelope's `details`, field → messages, in insertion order.
/// It is borrowed when the response is written, never cloned. Variants without it send
/// `"details": {}`. Not allowed in a transparent variant (its details come from the inner
/// error).
///
/// ```
/// use error_contract::{ApiError, Details, ToDetails};
///
/// #[derive(Debug)]
/// struct FormErrors {
///     email: Option<&'static str>,
/// }
///
/// impl ToDetails for FormErrors {
///     fn to_details(&self) -> Details {
///         self.email.into_iter().map(|message| ("email", message)).collect()
///     }
/// }
///
/// #[derive(Debug, thiserror::Error, ApiError)]
/// enum E {
///     #[error("validation failed")]
///     #[api(status = 400, message = "Validation errors in request data")]
///     ValidationError(#[api(details)] Details),
///
///     #[error("invalid form")]
///     #[api(status = 422, message = "Invalid form.")]
///     InvalidForm { #[api(details)] errors: FormErrors, attempt: u32 },
/// }
///
/// let error = E::ValidationError(Details::new().with("email", "Enter a valid email address."));
/// assert_eq!(error.details().get("email"), Some(&["Enter a valid email address.".to_owned()][..]));
///
/// let error = E::InvalidForm { errors: FormErrors { email: Some("Required.") }, attempt: 1 };
/// assert_eq!(
///     String::from_utf8(error.to_json()).unwrap(),
///     r#"{"error":"Invalid form.","error_code":"invalid_form","details":{"email":["Required."]}}"#,
/// );
/// ```
///
/// # Field key: `meta`
///
/// `#[api(meta)]` on a named field, or `#[api(meta = "invoice_id")]` on any field (a tuple
/// field needs the name): the field is a public value for programs, written under the
/// envelope's `"meta"` object after `details`, in declaration order, with its type's
/// `Serialize`. Only marked fields are ever sent — on a 5xx too, where marking a field is the
/// explicit choice to expose it. A variant without meta fields writes the Standard Error
/// Response guide's three keys, byte for byte. Not allowed in a transparent variant, nor with
/// `details` on the same field; a name is used once per variant.
///
/// On the client, [`FromEnvelope`](trait.FromEnvelope.html) rebuilds every
/// variant whose fields are all `meta` (of a type that is `Deserialize`), `details` (of type
/// [`Details`]) or transparent: a 409 gives back its values with no second request. For a
/// generic field type, the derive adds `T: Serialize` to `ApiError` and `T: DeserializeOwned`
/// to `FromEnvelope`. A `details` field whose type is a type parameter is not rebuilt (the
/// variant gives `None`), even when the parameter is `Details`.
///
/// ```
/// use error_contract::{ApiError, FromEnvelope};
///
/// #[derive(Debug, PartialEq, thiserror::Error, ApiError)]
/// enum E {
///     #[error("external_id {external_id} is taken by {invoice_id}")]
///     #[api(status = 409, retry = "already_exists",
///           message = "An invoice with external_id {external_id} already exists.")]
///     DuplicateExternalId {
///         #[api(meta)]
///         external_id: String,
///         #[api(meta)]
///         invoice_id: String,
///     },
///
///     #[error("throttled")]
///     #[api(status = 429, message = "Request was throttled.")]
///     Throttled(#[api(meta = "limit")] u32, #[api(meta = "window_seconds")] u64),
/// }
///
/// let error = E::Throttled(100, 60);
/// assert_eq!(
///     String::from_utf8(error.to_json()).unwrap(),
///     r#"{"error":"Request was throttled.","error_code":"throttled","details":{},"meta":{"limit":100,"window_seconds":60}}"#,
/// );
/// assert_eq!(E::from_envelope(&error.envelope()), Some(error));
/// ```
///
/// # Container keys
///
/// On the enum itself:
///
/// - `status = …` (as on a variant): the default status of the variants without one;
/// - `www_authenticate = "…"`: the default challenge of its 401 variants (see
///   [`www_authenticate`](#www_authenticate));
/// - `log = "…"`: the default log level of its variants (see [`log`](#log));
/// - `code_enum = Name`: the name of the companion code enum, `{Type}Code` by default;
/// - `exhaustive`: the code enum is not `#[non_exhaustive]`. By default it is, so a client
///   crate's `match` on it needs a wildcard arm and a code added in a later release of the
///   contract is not a compile break:
///   `Some(_) => /* a code this client does not handle */, None => /* unknown code */`;
/// - `problem_type = "https://docs.example.com/errors/{code}"`: the `type` of its RFC 9457
///   problem documents ([`to_problem_json`]), `{code}` standing for each variant's code (the
///   codes of transparent variants too); `about:blank` without it;
/// - `crate = path` (or `crate = "path"`): where the `error_contract` crate is, when it is
///   reached through a re-export rather than as a dependency of your crate. Every generated
///   path then starts with `path::__private`.
///
/// ```
/// use error_contract::{ApiError, ErrorCode};
///
/// #[derive(Debug, thiserror::Error, ApiError)]
/// #[api(status = 400, code_enum = InvoiceCode)]
/// pub enum InvoiceError {
///     #[error("bad currency")]
///     BadCurrency, // 400, from the enum
///     #[error("invoice not found")]
///     #[api(status = 404)]
///     NotFound,
/// }
///
/// assert_eq!(InvoiceError::BadCurrency.status(), 400);
/// assert_eq!(InvoiceError::NotFound.code(), InvoiceCode::NotFound);
/// assert_eq!(InvoiceCode::NotFound.status(), 404);
/// ```
///
/// ```
/// mod facade {
///     // A crate that re-exports error_contract for its users.
///     pub use error_contract as contract;
/// }
///
/// #[derive(Debug, facade::contract::ApiError)]
/// #[api(crate = facade::contract)]
/// pub enum E {
///     #[api(status = 404, message = "Not found.")]
///     NotFound,
/// }
///
/// use facade::contract::ApiError as _;
/// assert_eq!(E::NotFound.error_code(), "not_found");
/// ```
///
/// # Structs
///
/// A struct takes the variant keys and the container keys on the struct itself. It is a
/// contract with one code: its code enum has one variant, named after the struct. A newtype
/// struct can be `transparent`, to give an error a name of its own.
///
/// ```
/// use error_contract::{ApiError, CommonError, CommonErrorCode};
///
/// /// Too many requests from this client.
/// #[derive(Debug, ApiError)]
/// #[api(status = 429, code = "rate_limited", message = "Request was throttled.", retry_after = 5)]
/// pub struct RateLimited;
///
/// #[derive(Debug, ApiError)]
/// #[api(status = 404, message = "Invoice {id} not found", code_enum = InvoiceCode)]
/// pub struct InvoiceNotFound {
///     id: String,
/// }
///
/// #[derive(Debug, ApiError)]
/// #[api(transparent)]
/// pub struct Upstream(CommonError);
///
/// assert_eq!(RateLimited.code(), RateLimitedCode::RateLimited);
/// assert_eq!(RateLimited.to_response().headers()["retry-after"], "5");
/// let missing = InvoiceNotFound { id: "inv_1".into() };
/// assert_eq!(missing.code(), InvoiceCode::InvoiceNotFound);
/// assert_eq!(missing.message(), "Invoice inv_1 not found");
/// assert_eq!(
///     Upstream(CommonError::NotFound).code(),
///     UpstreamCode::Upstream(CommonErrorCode::NotFound)
/// );
/// ```
///
/// # Doc comments
///
/// A variant's (or struct's) doc comment becomes its catalogue description, the "Cause" of
/// each code in the Standard Error Response guide's "Common Error Codes": lines trimmed and
/// joined with spaces.
///
/// ```
/// use error_contract::{ApiError, Catalog};
///
/// #[derive(Debug, thiserror::Error, ApiError)]
/// enum E {
///     /// Invoice ID doesn't exist
///     /// for this business.
///     #[error("not found")]
///     #[api(status = 404, code = "invoice_not_found", message = "Invoice not found.")]
///     InvoiceNotFound,
/// }
///
/// let catalog = Catalog::of::<E>();
/// let spec = catalog.get("invoice_not_found").unwrap();
/// assert_eq!(spec.description, "Invoice ID doesn't exist for this business.");
/// assert_eq!(spec.message.as_deref(), Some("Invoice not found."));
/// ```
///
/// # Generics
///
/// A generic type keeps its generics and where-clauses. Like thiserror, the derive adds only
/// the bounds its expansion needs, on the field types that mention a type parameter:
/// `Field: Display` for each `{field}` of a message (`Debug` for `{field:?}`), `Self: Display`
/// where a message falls back to `Display`, `Field: ToDetails` for a `details` field,
/// `Field: Serialize` for a `meta` field (`DeserializeOwned` for `FromEnvelope`), and
/// `Field: ApiError` (`ErrorCatalog` for the catalogue, `FromEnvelope` for `FromEnvelope`)
/// for a transparent field. A transparent
/// field of a generic type gives the code enum a type parameter: `WrapperCode<C0>`.
/// `ApiError` itself requires neither `Display` nor `std::error::Error`.
///
/// ```
/// use error_contract::{ApiError, CommonError, CommonErrorCode};
///
/// #[derive(Debug, ApiError)]
/// pub enum Wrapper<E, T> {
///     #[api(transparent)]
///     Inner(E),
///     #[api(status = 400, message = "Bad value {0:?}")]
///     Bad(T),
/// }
///
/// let error: Wrapper<CommonError, u8> = Wrapper::Inner(CommonError::NotFound);
/// assert_eq!(error.code(), WrapperCode::Inner(CommonErrorCode::NotFound));
/// let error: Wrapper<CommonError, &str> = Wrapper::Bad("x");
/// assert_eq!(error.message(), r#"Bad value "x""#);
/// ```
///
/// # Compile errors
///
/// Each underlines the offending token (an error about a variant as a whole, such as a missing
/// status, points at its name) and says the fix: a code used twice within the type (both
/// places); a status outside 400–599 or an unknown constant name; a code that is not
/// `snake_case` or longer than 64 bytes; an unknown key; a key given twice; `transparent` on a
/// variant without exactly one field or combined with other keys; `details` in a transparent
/// variant, or on two fields; `expose` on a 4xx or with `message`; a `{placeholder}` that names
/// no field; `retry` naming no class; `retry_after` that is not whole seconds;
/// `www_authenticate` that is empty, not a string, not a valid header value, on a variant
/// whose status is not 401, or on an enum none of whose 401 variants uses it; a union. A value
/// of the wrong kind for any key says what the key takes: `retry_after = "30"` is told to
/// drop the quotes (`retry_after = 30`), `expose = true` that `expose` takes no value, and a
/// unit suffix (`retry_after = 500ms`) is refused rather than read as 500 seconds.
///
/// The generated items allow the lints your names can trip (`non_camel_case_types` on the
/// companion code enum and its variants, which copy your variant names; `deprecated` and
/// `non_snake_case` in the impls), so `#![deny(warnings)]` holds wherever your own `allow`s
/// do. A `code_enum = Name` you choose is linted as your own.
///
/// ```compile_fail
/// use error_contract::ApiError;
///
/// #[derive(Debug, ApiError)]
/// enum E {
///     #[api(status = 403, message = "Forbidden.", www_authenticate = "Bearer")]
///     // error: `www_authenticate` is only for 401 responses, and `Forbidden` answers 403; …
///     Forbidden,
/// }
/// ```
///
/// [`code`]: trait.ApiError.html#tymethod.code
/// [`status`]: trait.ApiError.html#tymethod.status
/// [`error_code`]: trait.ApiError.html#tymethod.error_code
/// [`message`]: trait.ApiError.html#tymethod.message
/// [`details`]: trait.ApiError.html#method.details
/// [`envelope`]: trait.ApiError.html#method.envelope
/// [`to_json`]: trait.ApiError.html#method.to_json
/// [`www_authenticate`]: trait.ApiError.html#method.www_authenticate
/// [`log_level`]: trait.ApiError.html#method.log_level
/// [`meta`]: trait.ApiError.html#method.meta
/// [`problem_type`]: trait.ApiError.html#method.problem_type
/// [`to_problem_json`]: trait.ApiError.html#method.to_problem_json
/// [`ApiError::www_authenticate`]: trait.ApiError.html#method.www_authenticate
/// [`ApiError::log_level`]: trait.ApiError.html#method.log_level
/// [`ErrorSpec`]: struct.ErrorSpec.html
/// [`Catalog::of::<T>()`]: struct.Catalog.html#method.of
/// [`Catalog::markdown`]: struct.Catalog.html#method.markdown
/// [`ErrorCode`]: trait.ErrorCode.html
/// [`RetryClass`]: enum.RetryClass.html
/// [`ToDetails`]: trait.ToDetails.html
/// [`Details`]: struct.Details.html
//
// The links are relative to the page of `error_contract::ApiError` (the re-export, where
// users read this); this crate cannot name `error_contract` in an intra-doc link.
#[proc_macro_derive(ApiError, attributes(api))]
pub fn derive_api_error(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand::derive(&input).into()
}
