//! Reading a failed attempt: a transport error's class, and an error response's body.

use std::error::Error;

use reqwest::Response;

use crate::{ErrorCode, ErrorResponse, RetryClass};

/// The class of a transport error. Connect errors (refused, DNS, connect timeout) never
/// reached the server: `NotSent`. Timeouts and resets after sending: `Transient`. Body,
/// decode, builder and redirect errors will not pass by repeating: `Permanent`.
pub(super) fn transport_class(error: &reqwest::Error) -> RetryClass {
    if error.is_connect() {
        RetryClass::NotSent
    } else if error.is_builder() || error.is_redirect() || is_body_error(error) {
        RetryClass::Permanent
    } else {
        // A timeout, a reset or a protocol error while the request was in flight.
        RetryClass::Transient
    }
}

/// A body or decode error, also where reqwest reports it as the cause of a failed request
/// (the caller's body stream failed while being sent).
fn is_body_error(error: &reqwest::Error) -> bool {
    let mut current: Option<&(dyn Error + 'static)> = Some(error);
    while let Some(next) = current {
        if next
            .downcast_ref::<reqwest::Error>()
            .is_some_and(|error| error.is_body() || error.is_decode())
        {
            return true;
        }
        current = next.source();
    }
    false
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
