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

    /// A request the server refused with a bare 400 and no more precise code.
    #[api(
        status = 400,
        message = "Bad request.",
        solution = "Check the request against the API's documentation"
    )]
    BadRequest,

    /// The server cannot answer in a media type the `Accept` header allows.
    #[api(
        status = 406,
        message = "Could not satisfy the request Accept header.",
        solution = "Accept application/json"
    )]
    NotAcceptable,

    /// The server gave up waiting for the request to complete.
    #[api(
        status = 408,
        message = "Request timed out.",
        solution = "Retry with backoff"
    )]
    RequestTimeout,

    /// The request conflicts with the current state of the resource.
    #[api(
        status = 409,
        message = "The request conflicts with the current state of the resource.",
        solution = "Fetch the resource's current state, then retry"
    )]
    Conflict,

    /// The request is well-formed but its content cannot be processed.
    #[api(
        status = 422,
        message = "Unprocessable entity.",
        solution = "Check the request body against the API's documentation"
    )]
    UnprocessableEntity,

    /// A server this one depends on gave an invalid answer, or none.
    #[api(
        status = 502,
        message = "Bad gateway.",
        solution = "Retry with backoff"
    )]
    BadGateway,

    /// A server this one depends on did not answer in time.
    #[api(
        status = 504,
        message = "Gateway timeout.",
        solution = "Retry with backoff"
    )]
    GatewayTimeout,

    /// A client error (4xx) no other code names. The catch-all layers answer it with the
    /// status of the response they replace, so 400 here is only its place in the catalogue.
    #[api(
        status = 400,
        message = "The request could not be processed.",
        retry = "permanent",
        solution = "Check the request against the API's documentation"
    )]
    ClientError,

    /// A server error (5xx) no other code names, such as 501 Not Implemented. The catch-all
    /// layers answer it with the status of the response they replace. Not retried: the
    /// statuses it stands for (501, 505, 507, 508, 511) do not pass by waiting.
    #[api(
        status = 500,
        message = "The server cannot fulfil the request.",
        retry = "permanent",
        solution = "Report it to the API's operators"
    )]
    ServerError,
}

impl CommonError {
    /// The code for a response of `status` that says nothing more: what the catch-all layers
    /// answer in place of a framework's own error page. A status with a code of its own gets
    /// it (404 `not_found`, 413 `payload_too_large`, 504 `gateway_timeout`, …); any other 4xx
    /// is [`ClientError`](Self::ClientError) and any other 5xx
    /// [`ServerError`](Self::ServerError). 400 is [`BadRequest`](Self::BadRequest), 401
    /// [`AuthenticationRequired`](Self::AuthenticationRequired); a status below 400 has no
    /// error code and gives `None`.
    ///
    /// ```
    /// use error_contract::http::StatusCode;
    /// use error_contract::{ApiError, CommonError};
    ///
    /// assert_eq!(CommonError::for_status(StatusCode::CONFLICT), Some(CommonError::Conflict));
    /// let teapot = CommonError::for_status(StatusCode::IM_A_TEAPOT).unwrap();
    /// assert_eq!(teapot.error_code(), "client_error");
    /// assert_eq!(CommonError::for_status(StatusCode::OK), None);
    /// ```
    pub fn for_status(status: http::StatusCode) -> Option<Self> {
        let status = status.as_u16();
        if status < 400 {
            return None;
        }
        Some(match status {
            400 => Self::BadRequest,
            401 => Self::AuthenticationRequired,
            403 => Self::PermissionDenied,
            404 => Self::NotFound,
            405 => Self::MethodNotAllowed,
            406 => Self::NotAcceptable,
            408 => Self::RequestTimeout,
            409 => Self::Conflict,
            413 => Self::PayloadTooLarge,
            415 => Self::UnsupportedMediaType,
            422 => Self::UnprocessableEntity,
            429 => Self::RateLimited,
            500 => Self::InternalError,
            502 => Self::BadGateway,
            503 => Self::ServiceUnavailable,
            504 => Self::GatewayTimeout,
            _ if status < 500 => Self::ClientError,
            _ => Self::ServerError,
        })
    }
}

/// The public message, the same text the envelope's `error` carries.
impl fmt::Display for CommonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for CommonError {}
