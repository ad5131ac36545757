//! The hand-written client decoder: `serde_json::from_slice` into a borrowed struct, then a
//! `match` on the code string.
//!
//! It is what the `decode/hand_written/*` benches measure `ErrorResponse::from_parts` against.
//! It does the same job on a well-formed body, and nothing more: details are a flat,
//! order-keeping map of borrowed keys to messages (`Vec<Cow<str>>`, whose elements serde
//! always owns), `meta` a struct of the two values the benches' 409 sends, borrowed, codes
//! are the twenty-one of `CommonErrorCode` (or the four of the benches' `InvoiceError`), and
//! any surprise is an error.

use std::borrow::Cow;

use indexmap::IndexMap;
use serde::Deserialize;

/// The envelope, borrowing from the body where serde can.
#[derive(Debug, Deserialize)]
pub struct Body<'a> {
    /// The `error` text.
    #[serde(borrow)]
    pub error: Cow<'a, str>,
    /// The `error_code` string.
    pub error_code: &'a str,
    /// Field → messages, in the order sent.
    #[serde(borrow, default)]
    pub details: IndexMap<&'a str, Vec<Cow<'a, str>>>,
}

/// The codes of `CommonErrorCode`, matched by hand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(missing_docs)] // the variants are the wire codes, one for one
pub enum Code {
    AuthenticationRequired,
    InvalidToken,
    PermissionDenied,
    ValidationError,
    NotFound,
    MethodNotAllowed,
    MalformedJson,
    UnsupportedMediaType,
    PayloadTooLarge,
    RateLimited,
    InternalError,
    ServiceUnavailable,
    BadRequest,
    NotAcceptable,
    RequestTimeout,
    Conflict,
    UnprocessableEntity,
    BadGateway,
    GatewayTimeout,
    ClientError,
    ServerError,
}

impl Code {
    /// The code for a wire string, `None` for one it does not know.
    pub fn from_code(code: &str) -> Option<Self> {
        Some(match code {
            "authentication_required" => Self::AuthenticationRequired,
            "invalid_token" => Self::InvalidToken,
            "permission_denied" => Self::PermissionDenied,
            "validation_error" => Self::ValidationError,
            "not_found" => Self::NotFound,
            "method_not_allowed" => Self::MethodNotAllowed,
            "malformed_json" => Self::MalformedJson,
            "unsupported_media_type" => Self::UnsupportedMediaType,
            "payload_too_large" => Self::PayloadTooLarge,
            "rate_limited" => Self::RateLimited,
            "internal_error" => Self::InternalError,
            "service_unavailable" => Self::ServiceUnavailable,
            "bad_request" => Self::BadRequest,
            "not_acceptable" => Self::NotAcceptable,
            "request_timeout" => Self::RequestTimeout,
            "conflict" => Self::Conflict,
            "unprocessable_entity" => Self::UnprocessableEntity,
            "bad_gateway" => Self::BadGateway,
            "gateway_timeout" => Self::GatewayTimeout,
            "client_error" => Self::ClientError,
            "server_error" => Self::ServerError,
            _ => return None,
        })
    }
}

/// Decodes `body` and matches its code.
///
/// # Errors
///
/// Any JSON error, including a wrong type or a missing field.
pub fn decode(body: &[u8]) -> serde_json::Result<(Body<'_>, Option<Code>)> {
    let body: Body<'_> = serde_json::from_slice(body)?;
    let code = Code::from_code(body.error_code);
    Ok((body, code))
}

/// The envelope of the benches' 409, with its `meta`, borrowing from the body where serde can.
#[derive(Debug, Deserialize)]
pub struct MetaBody<'a> {
    /// The `error` text.
    #[serde(borrow)]
    pub error: Cow<'a, str>,
    /// The `error_code` string.
    pub error_code: &'a str,
    /// Field → messages, in the order sent.
    #[serde(borrow, default)]
    pub details: IndexMap<&'a str, Vec<Cow<'a, str>>>,
    /// The public values.
    #[serde(borrow)]
    pub meta: DuplicateMeta<'a>,
}

/// The `meta` of a 409 `duplicate_external_id`.
#[derive(Debug, Deserialize)]
pub struct DuplicateMeta<'a> {
    /// The external id that is taken.
    #[serde(borrow)]
    pub external_id: Cow<'a, str>,
    /// The invoice that holds it.
    #[serde(borrow)]
    pub invoice_id: Cow<'a, str>,
}

/// The codes of the benches' `InvoiceError`, matched by hand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(missing_docs)] // the variants are the wire codes, one for one
pub enum InvoiceCode {
    NotFound,
    InvoiceNotFound,
    ValidationError,
    DuplicateExternalId,
}

impl InvoiceCode {
    /// The code for a wire string, `None` for one it does not know.
    pub fn from_code(code: &str) -> Option<Self> {
        Some(match code {
            "not_found" => Self::NotFound,
            "invoice_not_found" => Self::InvoiceNotFound,
            "validation_error" => Self::ValidationError,
            "duplicate_external_id" => Self::DuplicateExternalId,
            _ => return None,
        })
    }
}

/// Decodes a body with `meta` and matches its code.
///
/// # Errors
///
/// Any JSON error, including a wrong type or a missing field.
pub fn decode_meta(body: &[u8]) -> serde_json::Result<(MetaBody<'_>, Option<InvoiceCode>)> {
    let body: MetaBody<'_> = serde_json::from_slice(body)?;
    let code = InvoiceCode::from_code(body.error_code);
    Ok((body, code))
}
