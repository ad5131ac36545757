//! The axum integration against a real server on 127.0.0.1 and a real HTTP client: derived
//! errors, fallbacks and panics all answer in the envelope, with the contract's headers. The
//! extractors are in `axum_json.rs` and `axum_params.rs`.

#[path = "support/axum.rs"]
mod support;

use axum::Router;
use axum::routing::get;
use error_contract::ApiError;
use error_contract::CommonError;
use error_contract::axum::ApiRouterExt;
use error_contract_tests::{PartnerError, guide_validation_error};
use http::header::{ALLOW, CONTENT_TYPE, RETRY_AFTER, WWW_AUTHENTICATE};
use support::{assert_envelope, get_path, post_body, send, serve};

#[derive(Debug, thiserror::Error, ApiError)]
enum ShopError {
    /// Down for maintenance.
    #[error("maintenance window {window}")]
    #[api(status = 503, retry_after = 30, message = "Down for maintenance.")]
    Maintenance { window: u32 },

    /// The database failed.
    #[error("database: {0}")]
    #[api(status = 500)]
    Database(#[source] std::io::Error),
}

#[tokio::test]
async fn derived_errors_answer_with_status_headers_and_envelope() {
    let app = Router::new()
        .route(
            "/invoices/missing",
            get(|| async { PartnerError::InvoiceNotFound("inv_9".into()) }),
        )
        .route(
            "/no-credentials",
            get(|| async { PartnerError::Common(CommonError::AuthenticationRequired) }),
        )
        .route(
            "/bad-token",
            get(|| async { PartnerError::Common(CommonError::InvalidToken) }),
        )
        .route("/validation", get(|| async { guide_validation_error() }))
        .route(
            "/duplicate",
            get(|| async {
                Err::<(), _>(PartnerError::DuplicateExternalId {
                    external_id: "ext-1".into(),
                })
            }),
        )
        .route(
            "/maintenance",
            get(|| async { ShopError::Maintenance { window: 4 } }),
        )
        .route(
            "/database",
            get(|| async { ShopError::Database(std::io::Error::other("password=hunter2")) }),
        );
    let address = serve(app).await;

    let answer = get_path(address, "/invoices/missing").await;
    assert_envelope(
        &answer,
        404,
        r#"{"error":"Invoice inv_9 not found.","error_code":"invoice_not_found","details":{}}"#,
    );
    assert_eq!(answer.header(WWW_AUTHENTICATE), None);
    assert_eq!(answer.header(RETRY_AFTER), None);

    let answer = get_path(address, "/no-credentials").await;
    assert_envelope(
        &answer,
        401,
        r#"{"error":"Authentication credentials were not provided.","error_code":"authentication_required","details":{}}"#,
    );
    assert_eq!(answer.header(WWW_AUTHENTICATE), Some("Bearer"));

    let answer = get_path(address, "/bad-token").await;
    assert_envelope(
        &answer,
        401,
        r#"{"error":"Invalid token.","error_code":"invalid_token","details":{}}"#,
    );
    assert_eq!(
        answer.header(WWW_AUTHENTICATE),
        Some(r#"Bearer error="invalid_token""#)
    );

    let answer = get_path(address, "/validation").await;
    assert_envelope(
        &answer,
        400,
        r#"{"error":"Validation errors in request data","error_code":"validation_error","details":{"email":["Enter a valid email address."],"currency":["Invalid currency code. Must be one of: GBP, EUR, USD"]}}"#,
    );

    let answer = get_path(address, "/duplicate").await;
    assert_envelope(
        &answer,
        409,
        r#"{"error":"An invoice with external_id ext-1 already exists.","error_code":"duplicate_external_id","details":{}}"#,
    );

    let answer = get_path(address, "/maintenance").await;
    assert_envelope(
        &answer,
        503,
        r#"{"error":"Down for maintenance.","error_code":"maintenance","details":{}}"#,
    );
    assert_eq!(answer.header(RETRY_AFTER), Some("30"));
    assert_eq!(answer.header(WWW_AUTHENTICATE), None);

    let answer = get_path(address, "/database").await;
    assert_envelope(
        &answer,
        500,
        r#"{"error":"Internal server error","error_code":"database","details":{}}"#,
    );
    assert!(!answer.body.contains("hunter2"));
}

fn explode(secret: &str) -> &'static str {
    panic!("handler exploded with {secret}")
}

fn explode_with_a_string(secret: &str) -> &'static str {
    std::panic::panic_any(format!("owned {secret}"))
}

fn routed_app() -> Router {
    let nested = Router::new().route("/status", get(|| async { "nested ok" }));
    Router::new()
        .route(
            "/invoices",
            get(|| async { "list" }).post(|| async { "created" }),
        )
        .route("/boom", get(|| async { explode("sk_live_do_not_leak") }))
        .route(
            "/boom-owned",
            get(|| async { explode_with_a_string("sk_live_owned") }),
        )
        .nest("/v1", nested)
        .with_error_contract()
}

#[tokio::test]
async fn unknown_routes_answer_not_found() {
    let address = serve(routed_app()).await;
    for path in ["/nope", "/invoices/extra/segments", "/v1/nope", "/"] {
        let answer = get_path(address, path).await;
        assert_envelope(
            &answer,
            404,
            r#"{"error":"Not found.","error_code":"not_found","details":{}}"#,
        );
    }
    let answer = post_body(address, "/nope", Some("application/json"), "{}").await;
    assert_eq!(answer.status, 404);
    assert_eq!(answer.header(CONTENT_TYPE), Some("application/json"));

    let answer = get_path(address, "/v1/status").await;
    assert_eq!(answer.status, 200);
    assert_eq!(answer.body, "nested ok");
}

#[tokio::test]
async fn a_wrong_method_answers_method_not_allowed_with_allow() {
    let address = serve(routed_app()).await;
    const NOT_ALLOWED: &str =
        r#"{"error":"Method not allowed.","error_code":"method_not_allowed","details":{}}"#;

    let answer = send(reqwest::Client::new().delete(format!("http://{address}/invoices"))).await;
    assert_envelope(&answer, 405, NOT_ALLOWED);
    assert_eq!(answer.header(ALLOW), Some("GET,HEAD,POST"));

    let answer = post_body(address, "/v1/status", None, "").await;
    assert_envelope(&answer, 405, NOT_ALLOWED);
    assert_eq!(answer.header(ALLOW), Some("GET,HEAD"));

    let answer = get_path(address, "/invoices").await;
    assert_eq!(answer.status, 200);
    assert_eq!(answer.body, "list");
}

#[tokio::test]
async fn a_panic_answers_internal_error_without_its_message() {
    let address = serve(routed_app()).await;
    for path in ["/boom", "/boom-owned"] {
        let answer = get_path(address, path).await;
        assert_envelope(
            &answer,
            500,
            r#"{"error":"Internal server error","error_code":"internal_error","details":{}}"#,
        );
        assert!(!answer.body.contains("sk_live"));
    }
    // The server lives on after a panic.
    let answer = get_path(address, "/invoices").await;
    assert_eq!(answer.status, 200);
}
