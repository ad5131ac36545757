//! `GET /v1/platform/gateway/{*path}`: the API as a gateway to itself. The request goes, with
//! the caller's `Authorization`, to `GET /v1/platform/{path}` of this same server through the
//! contract's client, as it would to an upstream service; the upstream's errors come back
//! forwarded as they were.

use std::sync::LazyLock;
use std::time::Duration;

use axum::extract::Path;
use axum::http::HeaderMap;
use axum::http::header::{AUTHORIZATION, HOST};
use error_contract::axum::Json;
use error_contract::reqwest::Client;
use error_contract::{ApiError, CommonError, Forwarded, RetryPolicy};
use serde_json::Value;

use crate::contract::{PartnerError, PartnerErrorCode};

/// What the gateway route answers: its own common errors, and the upstream's forwarded.
#[derive(Debug, thiserror::Error, ApiError)]
pub enum GatewayError {
    /// The gateway's own failures (such as a request without a `Host`).
    #[error(transparent)]
    #[api(transparent)]
    Common(CommonError),

    /// The upstream partner API's errors, as it answered them.
    #[error(transparent)]
    #[api(transparent)]
    Partner(Forwarded<PartnerError>),
}

/// The one client of the upstream: no retries (the gateway's caller has its own policy), a
/// short per-attempt timeout.
static UPSTREAM: LazyLock<Client> = LazyLock::new(|| {
    Client::new(
        reqwest::Client::new(),
        RetryPolicy::default()
            .max_retries(0)
            .attempt_timeout(Duration::from_secs(5)),
    )
});

/// `GET /v1/platform/gateway/{*path}`.
pub(super) async fn forward(
    headers: HeaderMap,
    Path(path): Path<String>,
) -> Result<Json<Value>, GatewayError> {
    let host = headers
        .get(HOST)
        .and_then(|host| host.to_str().ok())
        .ok_or(GatewayError::Common(CommonError::BadRequest))?;
    let mut request = UPSTREAM
        .http()
        .get(format!("http://{host}/v1/platform/{path}"));
    if let Some(authorization) = headers.get(AUTHORIZATION) {
        request = request.header(AUTHORIZATION, authorization);
    }
    let response = UPSTREAM
        .send::<PartnerErrorCode>(request)
        .await
        // The caller's own credentials went upstream, so a 401 or 403 is theirs to fix.
        .map_err(|error| {
            GatewayError::Partner(Forwarded::from_client_error(&error).keeping_auth_failures())
        })?;
    let body = response
        .json::<Value>()
        .await
        .map_err(|_| GatewayError::Common(CommonError::BadGateway))?;
    Ok(Json(body))
}
