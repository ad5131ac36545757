//! The `http::Response` every error answers with, and its headers.

use std::time::Duration;

use http::header::{CONTENT_TYPE, RETRY_AFTER, WWW_AUTHENTICATE};
use http::{HeaderMap, HeaderValue, StatusCode};

/// The response for an error with this status, code, optional `Retry-After` and body.
pub(crate) fn build(
    status: StatusCode,
    error_code: &str,
    retry_after: Option<Duration>,
    body: Vec<u8>,
) -> http::Response<Vec<u8>> {
    let mut response = http::Response::new(body);
    *response.status_mut() = status;
    insert_headers(response.headers_mut(), status, error_code, retry_after);
    response
}

/// Adds the contract's headers to `headers`.
pub(crate) fn insert_headers(
    headers: &mut HeaderMap,
    status: StatusCode,
    error_code: &str,
    retry_after: Option<Duration>,
) {
    headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    if status == StatusCode::UNAUTHORIZED {
        // RFC 9110 requires a challenge on 401; RFC 6750 names the bad-token case.
        let challenge = if error_code == "invalid_token" {
            r#"Bearer error="invalid_token""#
        } else {
            "Bearer"
        };
        headers.insert(WWW_AUTHENTICATE, HeaderValue::from_static(challenge));
    }
    if let Some(delay) = retry_after {
        headers.insert(RETRY_AFTER, HeaderValue::from(retry_after_seconds(delay)));
    }
}

/// Whole seconds, rounded up: waiting slightly longer is safe, shorter is not.
fn retry_after_seconds(delay: Duration) -> u64 {
    delay
        .as_secs()
        .saturating_add(u64::from(delay.subsec_nanos() > 0))
}
