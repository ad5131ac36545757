//! The guide's logging practice for a client: every failed attempt and the final failure, with
//! `url`, `status_code`, `error_code`, `error` and `attempt`. Headers are never logged, so neither is
//! `Authorization`; the url loses its query and credentials.

use reqwest::Url;

use super::client::Failure;
use super::error::ClientError;
use crate::{Decision, ErrorCode};

/// One failed attempt, at WARN, and what the client does next.
#[cfg(feature = "tracing")]
pub(super) fn attempt<C: ErrorCode>(
    url: &Url,
    failure: &Failure<C>,
    attempt: u32,
    decision: &Decision,
) {
    use crate::Retryable as _;

    let url = loggable(url);
    match failure {
        Failure::Api(response) => tracing::warn!(
            target: crate::tracing::TARGET,
            url = %url,
            status_code = response.status().as_u16(),
            error_code = response.error_code(),
            error = response.message(),
            attempt,
            decision = %decision,
            "API request failed",
        ),
        Failure::Transport(error) => tracing::warn!(
            target: crate::tracing::TARGET,
            url = %url,
            error = %error,
            retry_class = %failure.retry_class(),
            attempt,
            decision = %decision,
            "API request failed in transit",
        ),
    }
}

/// The final failure, at ERROR.
#[cfg(feature = "tracing")]
pub(super) fn gave_up<C: ErrorCode>(url: &Url, error: &ClientError<C>) {
    let response = error.response();
    tracing::error!(
        target: crate::tracing::TARGET,
        url = %loggable(url),
        status_code = response.map(|response| response.status().as_u16()),
        error_code = response.and_then(|response| response.error_code()),
        error = %error,
        attempt = error.attempts(),
        "API request gave up",
    );
}

/// `url` without its query string and credentials, which may hold secrets.
#[cfg(feature = "tracing")]
fn loggable(url: &Url) -> Url {
    let mut url = url.clone();
    url.set_query(None);
    url.set_fragment(None);
    // Both fail only for URLs that cannot have credentials, which then have none to remove.
    let _ = url.set_username("");
    let _ = url.set_password(None);
    url
}

#[cfg(not(feature = "tracing"))]
pub(super) fn attempt<C: ErrorCode>(_: &Url, _: &Failure<C>, _: u32, _: &Decision) {}

#[cfg(not(feature = "tracing"))]
pub(super) fn gave_up<C: ErrorCode>(_: &Url, _: &ClientError<C>) {}
