//! A gateway on a real server forwarding a real upstream's errors through the reqwest client:
//! what the gateway's caller receives for a known code, a code the upstream contract does
//! not know, an upstream 401, a 503 with `Retry-After`, and an upstream that is down.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::get;
use error_contract::axum::ApiRouterExt;
use error_contract::reqwest::Client;
use error_contract::{ApiError, Catalog, CommonError, Forwarded, ForwardedCode, RetryPolicy};
use http::header::{CONTENT_TYPE, RETRY_AFTER};

/// The upstream's contract, shared with the gateway.
#[derive(Debug, thiserror::Error, ApiError)]
enum LedgerError {
    /// The account is frozen.
    #[error("account {0} frozen")]
    #[api(status = 423, message = "Account {0} is frozen.")]
    AccountFrozen(String),

    /// Down for maintenance.
    #[error("maintenance")]
    #[api(status = 503, retry_after = 7, message = "Down for maintenance.")]
    Maintenance,

    #[error(transparent)]
    #[api(transparent)]
    Common(CommonError),
}

/// The gateway's own contract: its common errors, and the ledger's forwarded.
#[derive(Debug, thiserror::Error, ApiError)]
enum GatewayError {
    #[error(transparent)]
    #[api(transparent)]
    #[allow(dead_code, reason = "declared for the catalogue and the code enum")]
    Common(CommonError),

    #[error(transparent)]
    #[api(transparent)]
    Ledger(Forwarded<LedgerError>),
}

async fn serve(app: Router) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    address
}

fn upstream() -> Router {
    Router::new()
        .route("/known", get(|| async { LedgerError::AccountFrozen("acc_1".into()) }))
        .route(
            "/unknown",
            get(|| async {
                (
                    StatusCode::CONFLICT,
                    [(CONTENT_TYPE, "application/json")],
                    r#"{"error":"Quota frozen until review.","error_code":"quota_frozen_v2","details":{"quota":["Frozen."]}}"#,
                )
                    .into_response()
            }),
        )
        .route("/auth", get(|| async { LedgerError::Common(CommonError::InvalidToken) }))
        .route("/busy", get(|| async { LedgerError::Maintenance }))
        .with_error_contract()
}

/// Where the gateway sends a request, and how.
struct Upstream {
    base: String,
    client: Client,
}

async fn proxy(
    State(upstream): State<Arc<Upstream>>,
    Path(name): Path<String>,
) -> Result<&'static str, GatewayError> {
    let request = upstream
        .client
        .http()
        .get(format!("{}/{name}", upstream.base));
    upstream
        .client
        .send::<<LedgerError as ApiError>::Code>(request)
        .await
        .map_err(|error| GatewayError::Ledger(Forwarded::from_client_error(&error)))?;
    Ok("ok")
}

fn gateway(base: String) -> Router {
    let client = Client::new(
        reqwest::Client::new(),
        RetryPolicy::default()
            .max_retries(0)
            .attempt_timeout(Duration::from_secs(2)),
    );
    Router::new()
        .route("/ledger/{name}", get(proxy))
        .with_state(Arc::new(Upstream { base, client }))
        .with_error_contract()
}

/// Status, `Retry-After` and body the gateway's caller gets.
async fn ask(gateway: SocketAddr, name: &str) -> (u16, Option<String>, String) {
    let response = reqwest::get(format!("http://{gateway}/ledger/{name}"))
        .await
        .unwrap();
    let status = response.status().as_u16();
    let retry_after = response
        .headers()
        .get(RETRY_AFTER)
        .map(|value| value.to_str().unwrap().to_owned());
    assert_eq!(response.headers()[CONTENT_TYPE], "application/json");
    (status, retry_after, response.text().await.unwrap())
}

#[tokio::test]
async fn the_callers_of_a_gateway_get_the_upstreams_errors() {
    let upstream = serve(upstream()).await;
    let gateway = serve(gateway(format!("http://{upstream}"))).await;

    // A code of the upstream contract: as it came.
    assert_eq!(
        ask(gateway, "known").await,
        (
            423,
            None,
            r#"{"error":"Account acc_1 is frozen.","error_code":"account_frozen","details":{}}"#
                .to_owned()
        )
    );
    // A code the upstream contract does not know (a newer upstream): as it came too.
    assert_eq!(
        ask(gateway, "unknown").await,
        (
            409,
            None,
            r#"{"error":"Quota frozen until review.","error_code":"quota_frozen_v2","details":{"quota":["Frozen."]}}"#.to_owned()
        )
    );
    // The upstream refused the gateway's own credentials: the caller cannot fix that.
    assert_eq!(
        ask(gateway, "auth").await,
        (
            502,
            None,
            r#"{"error":"Bad gateway.","error_code":"bad_gateway","details":{}}"#.to_owned()
        )
    );
    // A 503 with its Retry-After.
    assert_eq!(
        ask(gateway, "busy").await,
        (
            503,
            Some("7".to_owned()),
            r#"{"error":"Down for maintenance.","error_code":"maintenance","details":{}}"#
                .to_owned()
        )
    );
}

#[tokio::test]
async fn an_upstream_that_is_down_is_a_bad_gateway() {
    // A port nothing listens on any more.
    let closed = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = closed.local_addr().unwrap();
    drop(closed);
    let gateway = serve(gateway(format!("http://{address}"))).await;
    assert_eq!(
        ask(gateway, "known").await,
        (
            502,
            None,
            r#"{"error":"Bad gateway.","error_code":"bad_gateway","details":{}}"#.to_owned()
        )
    );
}

#[test]
fn the_gateways_catalogue_holds_each_code_once() {
    let catalog = Catalog::of::<GatewayError>();
    assert!(catalog.check().is_ok(), "{:?}", catalog.check());
    let codes: Vec<&str> = catalog.specs().iter().map(|spec| &*spec.code).collect();
    assert!(codes.contains(&"account_frozen") && codes.contains(&"maintenance"));
    assert_eq!(
        codes
            .iter()
            .filter(|code| **code == "invalid_token")
            .count(),
        1
    );
}

#[test]
fn a_forwarded_401_can_be_kept_and_the_code_enum_types_it() {
    use error_contract::ErrorResponse;
    use error_contract::http::HeaderMap;

    let body = br#"{"error":"Invalid token.","error_code":"invalid_token","details":{}}"#;
    let response = ErrorResponse::from_parts(StatusCode::UNAUTHORIZED, &HeaderMap::new(), body);
    let replaced: Forwarded<LedgerError> = Forwarded::from_response(&response);
    assert_eq!(
        replaced.code(),
        ForwardedCode::Gateway(error_contract::CommonErrorCode::BadGateway)
    );
    assert_eq!(replaced.upstream_status(), StatusCode::UNAUTHORIZED);
    let kept = replaced.keeping_auth_failures();
    assert_eq!(kept.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(kept.to_json(), body);
    assert_eq!(
        kept.www_authenticate(),
        Some(r#"Bearer error="invalid_token""#)
    );

    // A gateway's caller decodes the upstream's codes into the gateway's code enum.
    let body = br#"{"error":"Account a is frozen.","error_code":"account_frozen","details":{}}"#;
    let decoded =
        ErrorResponse::<GatewayErrorCode>::from_parts(StatusCode::LOCKED, &HeaderMap::new(), body);
    assert_eq!(
        decoded.code(),
        Some(GatewayErrorCode::Ledger(ForwardedCode::Upstream(
            LedgerErrorCode::AccountFrozen
        )))
    );
}

/// An upstream error's `meta` reaches the gateway's caller as it came, and the caller
/// rebuilds the upstream's value from it; an upstream 401 replaced by 502 sends none of it.
#[test]
fn the_upstreams_meta_is_forwarded() {
    use error_contract::{ErrorResponse, FromEnvelope};
    use http::HeaderMap;

    #[derive(Debug, PartialEq, thiserror::Error, ApiError)]
    enum Ledger {
        /// The account is over its limit.
        #[error("over limit")]
        #[api(status = 409, message = "Over the limit.")]
        OverLimit {
            #[api(meta)]
            account_id: String,
            #[api(meta)]
            limit: u64,
        },
        /// The token is bad.
        #[error("token")]
        #[api(status = 401, message = "Invalid token.", code = "invalid_token")]
        BadToken {
            #[api(meta)]
            realm: String,
        },
    }

    let upstream = Ledger::OverLimit {
        account_id: "acc_1".into(),
        limit: 500,
    };
    let decoded = ErrorResponse::<LedgerCode>::from_parts(
        upstream.status(),
        &HeaderMap::new(),
        &upstream.to_json(),
    );
    let forwarded = Forwarded::<Ledger>::from_response(&decoded);
    assert_eq!(forwarded.to_json(), upstream.to_json());
    assert_eq!(Ledger::from_envelope(&forwarded.envelope()), Some(upstream));

    let denied = Ledger::BadToken {
        realm: "ledger".into(),
    };
    let decoded = ErrorResponse::<LedgerCode>::from_parts(
        denied.status(),
        &HeaderMap::new(),
        &denied.to_json(),
    );
    let forwarded = Forwarded::<Ledger>::from_response(&decoded);
    assert_eq!(
        forwarded.to_json(),
        br#"{"error":"Bad gateway.","error_code":"bad_gateway","details":{}}"#
    );
    assert_eq!(
        forwarded.keeping_auth_failures().to_json(),
        denied.to_json()
    );
}
