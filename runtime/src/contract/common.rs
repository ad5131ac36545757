//! [`CommonError`]: the codes every API answers with, whatever its own contract.

use std::fmt;

use crate::{ApiError, Details};

/// The errors any HTTP API meets outside its own domain: missing or bad credentials, bad
/// JSON, unknown routes, throttling, failures of the server itself.
///
/// The integrations answer framework rejections with it, so no plain-text error leaves a
/// server; include it in your own enum with `#[api(transparent)]`.
///
/// Non-exhaustive: later versions add codes for more statuses, so a `match` needs a wildcard
/// arm.
#[derive(Debug, Clone, PartialEq, Eq, crate::ApiError)]
#[non_exhaustive]
pub enum CommonError {
    /// No authentication credentials provided.
    #[api(
        status = 401,
        message = "Authentication credentials were not provided.",
        solution = "Include valid Bearer token in Authorization header"
    )]
    AuthenticationRequired,

    /// Token is invalid, malformed, or expired.
    #[api(
        status = 401,
        message = "Invalid token.",
        solution = "Refresh token or re-authenticate"
    )]
    InvalidToken,

    /// Token is valid but lacks permission for this resource.
    #[api(
        status = 403,
        message = "You do not have permission to perform this action.",
        solution = "Verify the resource's ID (such as business_id) matches the token's scope"
    )]
    PermissionDenied,

    /// Request data failed validation rules.
    #[api(
        status = 400,
        message = "Validation errors in request data",
        solution = "Check details field for specific field errors"
    )]
    ValidationError(#[api(details)] Details),

    /// The resource or route does not exist.
    #[api(
        status = 404,
        message = "Not found.",
        solution = "Verify the URL and the resource ID"
    )]
    NotFound,

    /// The route exists but not for this HTTP method.
    #[api(
        status = 405,
        message = "Method not allowed.",
        solution = "Use a method the route supports"
    )]
    MethodNotAllowed,

    /// The request body is not valid JSON.
    #[api(
        status = 400,
        message = "Malformed JSON in request body.",
        solution = "Send a valid JSON body"
    )]
    MalformedJson,

    /// The request body is not in a media type the endpoint accepts.
    #[api(
        status = 415,
        message = "Unsupported media type in request.",
        solution = "Send the body with Content-Type: application/json"
    )]
    UnsupportedMediaType,

    /// The request body is larger than the server accepts.
    #[api(
        status = 413,
        message = "Request body is too large.",
        solution = "Send a smaller body"
    )]
    PayloadTooLarge,

    /// Too many requests in too short a time.
    #[api(
        status = 429,
        message = "Request was throttled.",
        solution = "Wait for the Retry-After delay, then retry with backoff"
    )]
    RateLimited,

    /// The server failed; its cause is in the server's log, never in the response.
    #[api(
        status = 500,
        solution = "Retry with backoff; report it if it persists"
    )]
    InternalError,

    /// The server is overloaded or down for maintenance.
    #[api(status = 503, solution = "Retry with backoff")]
    ServiceUnavailable,
}

/// The public message, the same text the envelope's `error` carries.
impl fmt::Display for CommonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for CommonError {}
