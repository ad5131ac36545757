//! The `http::Response` every error answers with, and its headers.

use std::time::Duration;

use http::header::{CONTENT_TYPE, RETRY_AFTER, VARY, WWW_AUTHENTICATE};
use http::{HeaderMap, HeaderValue, StatusCode};

/// The challenge of [`ApiError::www_authenticate`](crate::ApiError::www_authenticate) by
/// default: RFC 9110 requires one on a 401, and RFC 6750 names the bad-token case.
pub(crate) fn default_challenge(status: StatusCode, error_code: &str) -> Option<&'static str> {
    if status != StatusCode::UNAUTHORIZED {
        return None;
    }
    Some(if error_code == "invalid_token" {
        r#"Bearer error="invalid_token""#
    } else {
        "Bearer"
    })
}

/// The response for an error with this status, optional `WWW-Authenticate` challenge,
/// optional `Retry-After` and envelope body.
pub(crate) fn build(
    status: StatusCode,
    www_authenticate: Option<&'static str>,
    retry_after: Option<Duration>,
    body: Vec<u8>,
) -> http::Response<Vec<u8>> {
    let mut response = http::Response::new(body);
    *response.status_mut() = status;
    insert_headers(response.headers_mut(), www_authenticate, retry_after);
    response
}

/// [`build`] for a problem document body: the same headers, its own `Content-Type`.
pub(crate) fn build_problem(
    status: StatusCode,
    www_authenticate: Option<&'static str>,
    retry_after: Option<Duration>,
    body: Vec<u8>,
) -> http::Response<Vec<u8>> {
    let mut response = build(status, www_authenticate, retry_after, body);
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
    response
}

/// RFC 9457's media type.
pub(crate) const PROBLEM_JSON: &str = "application/problem+json";

/// Adds `Accept` to `Vary`: the body's form was chosen by it.
pub(crate) fn vary_accept(headers: &mut HeaderMap) {
    let listed = headers.get_all(VARY).iter().any(|value| {
        value.to_str().is_ok_and(|value| {
            value.split(',').any(|name| {
                let name = name.trim();
                name == "*" || name.eq_ignore_ascii_case("accept")
            })
        })
    });
    if !listed {
        headers.append(VARY, HeaderValue::from_static("accept"));
    }
}

/// Adds the contract's headers to `headers`.
pub(crate) fn insert_headers(
    headers: &mut HeaderMap,
    www_authenticate: Option<&'static str>,
    retry_after: Option<Duration>,
) {
    headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    // The derive checks its values at compile time; a hand-written impl's invalid value is
    // dropped rather than panicking in `from_static`.
    if let Some(challenge) = www_authenticate.filter(|value| is_header_value(value)) {
        headers.insert(WWW_AUTHENTICATE, HeaderValue::from_static(challenge));
    }
    if let Some(delay) = retry_after {
        headers.insert(RETRY_AFTER, HeaderValue::from(retry_after_seconds(delay)));
    }
}

/// What `HeaderValue::from_static` accepts: visible ASCII, space and tab.
fn is_header_value(value: &str) -> bool {
    value
        .bytes()
        .all(|byte| byte == b'\t' || (b' '..=b'~').contains(&byte))
}

/// Whole seconds, rounded up: waiting slightly longer is safe, shorter is not.
fn retry_after_seconds(delay: Duration) -> u64 {
    delay
        .as_secs()
        .saturating_add(u64::from(delay.subsec_nanos() > 0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_challenge_is_bearer_on_a_401_only() {
        let unauthorized = StatusCode::UNAUTHORIZED;
        assert_eq!(
            default_challenge(unauthorized, "authentication_required"),
            Some("Bearer")
        );
        assert_eq!(
            default_challenge(unauthorized, "invalid_token"),
            Some(r#"Bearer error="invalid_token""#)
        );
        assert_eq!(
            default_challenge(StatusCode::FORBIDDEN, "invalid_token"),
            None
        );
    }

    #[test]
    fn an_invalid_challenge_is_dropped_not_a_panic() {
        let mut headers = HeaderMap::new();
        insert_headers(&mut headers, Some("Bearer realm=\"caf\u{e9}\""), None);
        assert!(headers.get(WWW_AUTHENTICATE).is_none());
        insert_headers(
            &mut headers,
            Some("Basic realm=\"admin\"\tcharset=\"UTF-8\""),
            None,
        );
        assert_eq!(
            headers[WWW_AUTHENTICATE],
            "Basic realm=\"admin\"\tcharset=\"UTF-8\""
        );
    }
}
