//! Reading a failed attempt: a transport error's class, and an error response's body.

use reqwest::Response;

use crate::{ErrorCode, ErrorResponse, RetryClass};

/// The class of a transport error. Connect errors (refused, DNS, connect timeout) never
/// reached the server: `NotSent`. Timeouts and resets after sending: `Transient`. Body,
/// decode, builder and redirect errors will not pass by repeating: `Permanent`.
pub(super) fn transport_class(error: &reqwest::Error) -> RetryClass {
    if error.is_connect() {
        RetryClass::NotSent
    } else if error.is_body() || error.is_decode() || error.is_builder() || error.is_redirect() {
        RetryClass::Permanent
    } else {
        // A timeout, a reset or a protocol error while the request was in flight.
        RetryClass::Transient
    }
}

/// Decodes an error response, reading at most `limit + 1` bytes of its body: the decoder
/// then sees that it is over the limit and does not parse it. A body that breaks off keeps
/// what arrived; the status is never lost.
pub(super) async fn error_response<C: ErrorCode>(
    mut response: Response,
    limit: usize,
) -> ErrorResponse<C> {
    let status = response.status();
    let headers = std::mem::take(response.headers_mut());
    let mut body = Vec::new();
    while body.len() <= limit {
        match response.chunk().await {
            Ok(Some(chunk)) => body.extend_from_slice(&chunk),
            Ok(None) | Err(_) => break,
        }
    }
    ErrorResponse::from_parts_with_limit(status, &headers, &body, limit)
}
