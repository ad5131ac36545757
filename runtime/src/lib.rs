//! One enum as the error contract of an HTTP API.
//!
//! `#[derive(ApiError)]` turns an annotated error enum into the standard JSON envelope
//! `{"error", "error_code", "details"}` with its HTTP status. The same enum is shared by the
//! server, which answers with the envelope, and the client, which decodes it back into typed
//! codes and knows from the contract whether to retry, refresh credentials, use an existing
//! resource or give up.
//!
//! ```
//! use error_contract::{ApiError, Details, ErrorCode, RetryClass, Retryable};
//!
//! #[derive(Debug, thiserror::Error, ApiError)]
//! pub enum PlatformError {
//!     /// No authentication credentials provided.
//!     #[error("no credentials")]
//!     #[api(status = 401, message = "Authentication credentials were not provided.",
//!           solution = "Include valid Bearer token in Authorization header")]
//!     AuthenticationRequired,
//!
//!     /// Request data failed validation rules.
//!     #[error("validation failed")]
//!     #[api(status = 400, message = "Validation errors in request data")]
//!     ValidationError(#[api(details)] Details),
//!
//!     /// Invoice ID doesn't exist for this business.
//!     #[error("invoice {0} not found")]
//!     #[api(status = 404, message = "Invoice {0} not found")]
//!     InvoiceNotFound(String),
//!
//!     /// A resource with this external_id already exists.
//!     #[error("duplicate external id {external_id}")]
//!     #[api(status = 409, retry = "already_exists")]
//!     DuplicateExternalId { external_id: String },
//!
//!     /// The database failed; the cause stays in the server's log.
//!     #[error("database: {0}")]
//!     #[api(status = 500)]
//!     Database(#[source] std::io::Error),
//! }
//!
//! let error = PlatformError::ValidationError(
//!     Details::new()
//!         .with("email", "Enter a valid email address.")
//!         .with("currency", "Invalid currency code. Must be one of: GBP, EUR, USD"),
//! );
//! assert_eq!(error.status(), 400);
//! assert_eq!(
//!     String::from_utf8(error.to_json()).unwrap(),
//!     r#"{"error":"Validation errors in request data","error_code":"validation_error","details":{"email":["Enter a valid email address."],"currency":["Invalid currency code. Must be one of: GBP, EUR, USD"]}}"#,
//! );
//!
//! // A 5xx never shows its cause.
//! let error = PlatformError::Database(std::io::Error::other("password=hunter2"));
//! assert_eq!(error.message(), "Internal server error");
//!
//! // The client side reads the same contract.
//! let code = PlatformErrorCode::from_code("duplicate_external_id").unwrap();
//! assert_eq!(code, PlatformErrorCode::DuplicateExternalId);
//! assert_eq!(code.retry_class(), RetryClass::AlreadyExists);
//! ```
//!
//! # Client side
//!
//! [`ErrorResponse<C>`](ErrorResponse) decodes whatever a failed request returned (status,
//! headers, body bytes) into the contract's typed code `C`, and never fails: HTML from a
//! proxy, truncated JSON or a body over [`DEFAULT_BODY_LIMIT`] still give the status and a
//! message. `details` is read leniently, as Django REST Framework style servers send it, and
//! bare DRF bodies are accepted too. It is [`Retryable`]: a known code's class wins, else the
//! status's.
//!
//! ```
//! use error_contract::{CommonErrorCode, ErrorResponse, RetryClass, Retryable};
//! use error_contract::http::{HeaderMap, StatusCode};
//!
//! let body = br#"{"error":"Request was throttled.","error_code":"rate_limited","details":{}}"#;
//! let mut headers = HeaderMap::new();
//! headers.insert(error_contract::http::header::RETRY_AFTER, "30".parse().unwrap());
//! let response = ErrorResponse::<CommonErrorCode>::from_parts(StatusCode::TOO_MANY_REQUESTS, &headers, body);
//! assert_eq!(response.code(), Some(CommonErrorCode::RateLimited));
//! assert_eq!(response.retry_class(), RetryClass::Throttled);
//! assert_eq!(response.retry_after(), Some(std::time::Duration::from_secs(30)));
//! assert_eq!(response.to_string(), "Request was throttled. (rate_limited)");
//! ```
//!
//! # Typed values, and RFC 9457
//!
//! A field marked `#[api(meta)]` travels in a [`Meta`] object after `details`, and the client
//! rebuilds the whole error from it ([`FromEnvelope`], [`ErrorResponse::to_error`]): a 409
//! names the invoice that exists, with no second request. A variant without meta fields
//! writes the guide's three keys, byte for byte.
//!
//! The same error answers as an RFC 9457 problem document ([`ApiError::to_problem_json`],
//! [`ApiError::to_problem_response`]); [`ErrorFormat`] chooses the form for a whole app,
//! always or by the request's `Accept`. [`ErrorResponse::from_parts`] reads problem documents
//! too, ours and other servers' (Spring, ASP.NET Core, http-api-problem).
//!
//! ```
//! use error_contract::{ApiError, ErrorResponse};
//!
//! #[derive(Debug, PartialEq, thiserror::Error, ApiError)]
//! enum InvoiceError {
//!     /// An invoice with this external_id already exists.
//!     #[error("external_id {external_id} is taken by {invoice_id}")]
//!     #[api(status = 409, retry = "already_exists",
//!           message = "An invoice with external_id {external_id} already exists.")]
//!     DuplicateExternalId {
//!         #[api(meta)]
//!         external_id: String,
//!         #[api(meta)]
//!         invoice_id: String,
//!     },
//! }
//!
//! let sent = InvoiceError::DuplicateExternalId {
//!     external_id: "ext-1".into(),
//!     invoice_id: "inv_0001".into(),
//! };
//! for response in [sent.to_response(), sent.to_problem_response()] {
//!     let received =
//!         ErrorResponse::<InvoiceErrorCode>::from_parts(response.status(), response.headers(), response.body());
//!     assert_eq!(received.to_error::<InvoiceError>().as_ref(), Some(&sent));
//! }
//! ```
//!
//! # Retries
//!
//! A failure is [`Retryable`]: it has a [`RetryClass`] and perhaps a `Retry-After`
//! ([`RetryAfter`] parses the header). A [`RetryPolicy`] turns it, with the request's
//! [`RequestFacts`] and the [`AttemptState`] so far, into a [`Decision`]. The default policy,
//! the Standard Error Response guide's retry table:
//!
//! | outcome | class | decision (default policy) |
//! |---|---|---|
//! | connect refused, DNS failure, connect timeout | `NotSent` | retry, any method |
//! | 500, 502, 504, 408, read timeout after sending | `Transient` | retry if the request is safe to repeat |
//! | 429, 503 | `Throttled` | retry if safe; wait `max(Retry-After, backoff)` |
//! | 401 | `Reauthenticate` | refresh credentials, retry once; a second 401 stops |
//! | 409 with a code marked `already_exists` | `AlreadyExists` | use the existing resource |
//! | other 4xx, 501, 505, other 5xx | `Permanent` | stop |
//!
//! Safe to repeat: GET, HEAD, OPTIONS, or any request carrying an `Idempotency-Key`; PUT and
//! DELETE by opt-in ([`RetryPolicy::retry_put_delete`]). At most 3 retries (4 attempts), after
//! nominal delays of 1 s, 2 s and 4 s (base 1 s, doubled, capped at 20 s) with equal jitter
//! (a delay in `[d/2, d]`). A `Retry-After` is honoured up to 60 s; a longer one stops with the
//! value in [`Stop::RetryAfterTooLong`] rather than sleep for hours. Every step saturates.
//! Every attempt is bounded ([`RetryPolicy::attempt_timeout`], 30 s by default, so a client
//! never waits forever on a silent server). Opt-in: a deadline ([`RetryPolicy::deadline`]),
//! which also cuts the attempt under way, and a [`RetryBudget`] shared by a client.
//!
//! The policy is pure: the caller passes the time elapsed and a random number, and sleeps.
//!
//! ```
//! use std::time::Duration;
//! use error_contract::{AttemptState, Decision, RequestFacts, RetryPolicy, Stop};
//! use error_contract::http::{Method, StatusCode};
//!
//! let policy = RetryPolicy::default();
//! assert_eq!(policy.schedule().to_string(), "1s, 2s, 4s");
//!
//! // A GET that is answered 401, then 503 again and again.
//! let request = RequestFacts::new(Method::GET);
//! let mut answers = [StatusCode::UNAUTHORIZED].into_iter().chain([StatusCode::SERVICE_UNAVAILABLE; 9]);
//! let mut state = AttemptState::default();
//! let mut log = Vec::new();
//! let outcome = loop {
//!     let Some(status) = answers.next() else { break None };
//!     let random = 0.5; // a real client draws a fresh number in [0, 1) each time
//!     let decision = policy.decide(&status, &request, &state, random);
//!     log.push(decision.to_string());
//!     match decision {
//!         Decision::Retry { after } => state.elapsed += after, // sleep(after), send again
//!         Decision::RefreshCredentialsThenRetry => {}           // refresh, send again
//!         // UseExisting, Stop, or what a later version adds (`Decision` is non-exhaustive).
//!         _ => break Some(decision),
//!     }
//!     state.record(&decision);
//! };
//! assert_eq!(log, [
//!     "refresh credentials, then retry",
//!     "retry in 750ms",
//!     "retry in 1.5s",
//!     "retry in 3s",
//!     "gave up: retries exhausted after 5 attempts",
//! ]);
//! assert_eq!(outcome, Some(Decision::Stop(Stop::Exhausted { attempts: 5 })));
//! assert_eq!(state.elapsed, Duration::from_millis(5250));
//! ```
//!
//! # The derive's keys
//!
//! On a variant (or on a struct):
//!
//! - `status = 404` or `status = NOT_FOUND` / `StatusCode::NOT_FOUND`: the HTTP status, 400 to
//!   599. Required unless the enum sets a default `#[api(status = …)]` or the variant is
//!   `transparent`.
//! - `code = "permission_denied"`: the `error_code`, `snake_case`, at most 64 bytes. Default:
//!   the variant's name in `snake_case` (`HTTPError` → `http_error`).
//! - `message = "Invoice {0} not found"`: the public text, a format string over the fields
//!   as thiserror writes it (`{field}`, `{0}`, `{field:?}`). Default: `Display` for a 4xx;
//!   for a 5xx the status's reason in sentence case ("Internal server error",
//!   "Service unavailable"…), so an internal cause never reaches a client.
//! - `expose`: on a 5xx only, use `Display` as the public text after all.
//! - `retry = "transient" | "throttled" | "reauthenticate" | "already_exists" | "permanent"`:
//!   the retry class; default from the status (see [`RetryClass`]).
//! - `retry_after = 30`: seconds; sends `Retry-After` whatever the class.
//! - `www_authenticate = "Basic realm=\"admin\""`: the whole `WWW-Authenticate` value a 401
//!   sends, instead of the default `Bearer` (`Bearer error="invalid_token"` for the code
//!   `invalid_token`). Only on a 401 variant, not on a `transparent` one (which sends its
//!   field's challenge); a valid header value: visible ASCII, spaces and tabs.
//! - `solution = "…"`: what a client should do, for the [`Catalog`].
//! - `transparent`: on a variant with one field whose type is itself an `ApiError`; forwards
//!   status, code, message, details, retry class, `retry_after`, `WWW-Authenticate` and
//!   catalogue.
//!
//! On a field: `#[api(details)]`, on one field whose type implements [`ToDetails`].
//!
//! On the enum: `status = …` (the default for its variants), `www_authenticate = "…"` (the
//! challenge of its 401 variants; a variant's own wins), `code_enum = Name` (rename the
//! companion code enum, `{Type}Code` by default), `crate = path` (where `error_contract` is,
//! for re-exports).
//!
//! Doc comments become the catalogue's description, the guide's "Cause". The derive's own page,
//! [`ApiError`](macro@ApiError) (what an editor shows on hover), has an example of each key.
//!
//! # What the derive generates for `T`
//!
//! - `impl ApiError for T`, `impl Retryable for T`, `impl ErrorCatalog for T`;
//! - the companion code enum `TCode`: one variant per variant of `T` (a transparent variant
//!   wraps the inner type's code), `Copy`, `Eq`, `Hash`, `Debug`, `Display` and `FromStr` and
//!   serde as the code string, implementing [`ErrorCode`]; `<T as ApiError>::Code`.
//!
//! Generated code reaches everything through this crate, so a user needs no direct `http`,
//! `serde` or `serde_json` dependency.

#![forbid(unsafe_code)]
// docs.rs builds with `--cfg docsrs`: every feature-gated item then shows its feature.
#![cfg_attr(docsrs, feature(doc_cfg))]

// The derive names `::error_contract`; this lets the crate derive its own `CommonError`.
extern crate self as error_contract;

// The folders show the two flows: `contract` is what both sides share, `server` turns an
// error into bytes and a response, `client` turns bytes into an `ErrorResponse` and a
// `Decision`; `integrations` adapt frameworks to them. ARCHITECTURE.md has the map.
mod client;
mod contract;
mod gateway;
mod integrations;
mod server;

#[doc(hidden)]
pub mod __private;

pub use client::RateLimit;
pub use client::policy::{
    AttemptState, Decision, IDEMPOTENCY_KEY, Jitter, RequestFacts, RetryAfter, RetryBudget,
    RetryPolicy, Schedule, Stop,
};
pub use client::{DEFAULT_BODY_LIMIT, DetailsLimits, ErrorResponse};
pub use contract::api_error::ApiError;
pub use contract::catalog::CatalogReadError;
pub use contract::catalog::UPDATE_CATALOG_ENV;
pub use contract::catalog::{
    Catalog, CatalogError, DuplicateCode, ErrorCatalog, ErrorSpec, MetaSpec,
};
pub use contract::catalog::{CatalogChange, CatalogDiff, ChangeKind, Severity};
pub use contract::code::{ErrorCode, UnknownErrorCode};
pub use contract::common::{CommonError, CommonErrorCode};
pub use contract::details::{
    Detail, Details, FieldPath, Flatten, Iter as DetailsIter, NON_FIELD_ERRORS, ToDetails,
};
pub use contract::envelope::ErrorEnvelope;
pub use contract::from_envelope::FromEnvelope;
pub use contract::log_level::LogLevel;
pub use contract::meta::Meta;
pub use contract::retry_class::{RetryClass, Retryable};
pub use gateway::{Forwarded, ForwardedCode};
#[cfg(any(feature = "axum", feature = "actix-web"))]
#[cfg_attr(docsrs, doc(cfg(any(feature = "axum", feature = "actix-web"))))]
pub use server::catch_all::CatchAll;
pub use server::format::ErrorFormat;
pub use server::redact::{REDACTED, is_sensitive_key, redact_json};
#[cfg(any(feature = "axum", feature = "actix-web"))]
#[cfg_attr(docsrs, doc(cfg(any(feature = "axum", feature = "actix-web"))))]
pub use server::rejection::Rejection;
pub use server::report::PrivateCause;

#[cfg(feature = "actix-web")]
#[cfg_attr(docsrs, doc(cfg(feature = "actix-web")))]
pub use integrations::actix;
#[cfg(feature = "axum")]
#[cfg_attr(docsrs, doc(cfg(feature = "axum")))]
pub use integrations::axum;
#[cfg(feature = "utoipa")]
#[cfg_attr(docsrs, doc(cfg(feature = "utoipa")))]
pub use integrations::openapi;
#[cfg(feature = "reqwest")]
#[cfg_attr(docsrs, doc(cfg(feature = "reqwest")))]
pub use integrations::reqwest;
#[cfg(feature = "reqwest-middleware")]
#[cfg_attr(docsrs, doc(cfg(feature = "reqwest-middleware")))]
pub use integrations::reqwest_middleware;
#[cfg(feature = "tower")]
#[cfg_attr(docsrs, doc(cfg(feature = "tower")))]
pub use integrations::tower;
#[cfg(feature = "tracing")]
#[cfg_attr(docsrs, doc(cfg(feature = "tracing")))]
pub use integrations::tracing;

/// The [`http`](https://docs.rs/http/1) crate (1.x) this crate's types use, re-exported so a
/// hand-written [`ApiError`](trait@ApiError) impl or a client's `from_parts` call needs no direct
/// dependency: `error_contract::http::StatusCode`, `error_contract::http::HeaderMap`.
pub use http;

// Its documentation, every key with an example, is on the macro itself, so an editor shows it.
pub use error_contract_macros::ApiError;

// The README's examples run as doctests, so the quick start cannot go stale.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeDoctests;
