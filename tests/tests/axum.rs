//! The axum integration against a real server on 127.0.0.1 and a real HTTP client: derived
//! errors, the `Json`/`Query`/`Path` extractors, fallbacks and panics all answer in the
//! envelope, with the contract's headers.

use std::collections::BTreeMap;
use std::net::SocketAddr;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use error_contract::axum::{ApiRouterExt, Json, Path, Query};
use error_contract::{ApiError, CommonError};
use error_contract_tests::{PartnerError, guide_validation_error};
use http::StatusCode;
use http::header::{ALLOW, CONTENT_TYPE, RETRY_AFTER, WWW_AUTHENTICATE};
use serde::{Deserialize, Serialize};

/// Serves `app` on an ephemeral port of 127.0.0.1 until the test's runtime ends.
async fn serve(app: Router) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    address
}

/// What came back: status, headers and the body as text.
struct Answer {
    status: StatusCode,
    headers: http::HeaderMap,
    body: String,
}

impl Answer {
    fn header(&self, name: http::header::HeaderName) -> Option<&str> {
        self.headers.get(name).map(|value| value.to_str().unwrap())
    }
}

async fn send(request: reqwest::RequestBuilder) -> Answer {
    let response = request.send().await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let body = response.text().await.unwrap();
    Answer {
        status,
        headers,
        body,
    }
}

async fn get_path(address: SocketAddr, path: &str) -> Answer {
    send(reqwest::Client::new().get(format!("http://{address}{path}"))).await
}

async fn post_body(
    address: SocketAddr,
    path: &str,
    content_type: Option<&str>,
    body: &str,
) -> Answer {
    let mut request = reqwest::Client::new()
        .post(format!("http://{address}{path}"))
        .body(body.to_owned());
    if let Some(content_type) = content_type {
        request = request.header(CONTENT_TYPE, content_type);
    }
    send(request).await
}

/// Asserts an envelope answer: status, `Content-Type` and the exact body.
fn assert_envelope(answer: &Answer, status: u16, body: &str) {
    assert_eq!(answer.status, status, "{}", answer.body);
    assert_eq!(answer.header(CONTENT_TYPE), Some("application/json"));
    assert_eq!(answer.body, body);
}

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

#[derive(Debug, Deserialize, Serialize)]
struct Payment {
    amount: f64,
    currency: String,
}

#[derive(Debug, Deserialize, Serialize)]
struct Line {
    description: String,
    amount: f64,
}

#[derive(Debug, Deserialize, Serialize)]
struct Invoice {
    customer: Customer,
    items: Vec<Line>,
}

#[derive(Debug, Deserialize, Serialize)]
struct Customer {
    email: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Strict {
    #[allow(dead_code)]
    name: String,
}

async fn pay(Json(payment): Json<Payment>) -> Json<Payment> {
    Json(Payment {
        amount: payment.amount * 2.0,
        currency: payment.currency,
    })
}

fn json_app() -> Router {
    Router::new()
        .route("/payments", post(pay))
        .route(
            "/invoices",
            post(|Json(invoice): Json<Invoice>| async move {
                format!(
                    "{} lines for {}",
                    invoice.items.len(),
                    invoice.customer.email
                )
            }),
        )
        .route(
            "/strict",
            post(|Json(_): Json<Strict>| async { "accepted" }),
        )
        .route(
            "/optional",
            post(|body: Option<Json<Payment>>| async move {
                body.map_or_else(|| "no body".to_owned(), |Json(payment)| payment.currency)
            }),
        )
        .route(
            "/small",
            post(|Json(payment): Json<Payment>| async move { payment.currency })
                .layer(DefaultBodyLimit::max(64)),
        )
}

const MALFORMED: &str =
    r#"{"error":"Malformed JSON in request body.","error_code":"malformed_json","details":{}}"#;
const UNSUPPORTED: &str = r#"{"error":"Unsupported media type in request.","error_code":"unsupported_media_type","details":{}}"#;

fn validation(details: &str) -> String {
    format!(
        r#"{{"error":"Validation errors in request data","error_code":"validation_error","details":{details}}}"#
    )
}

#[tokio::test]
async fn json_extracts_a_valid_body_and_answers_json() {
    let address = serve(json_app()).await;
    for content_type in [
        "application/json",
        "application/json; charset=utf-8",
        "Application/JSON",
        "application/vnd.api+json",
    ] {
        let answer = post_body(
            address,
            "/payments",
            Some(content_type),
            r#"{"amount": 12.5, "currency": "GBP"}"#,
        )
        .await;
        assert_eq!(answer.status, 200, "{content_type}: {}", answer.body);
        assert_eq!(answer.header(CONTENT_TYPE), Some("application/json"));
        assert_eq!(answer.body, r#"{"amount":25.0,"currency":"GBP"}"#);
    }
}

#[tokio::test]
async fn json_answers_malformed_json_for_a_syntax_error() {
    let address = serve(json_app()).await;
    for body in [
        r#"{"amount": 12.5, "currency": "GBP""#, // truncated
        r#"{"amount": 12.5,, "currency": "GBP"}"#,
        r#"{"amount": 12.5, "currency": "GBP"} trailing"#,
        "",
        "amount=12.5",
    ] {
        let answer = post_body(address, "/payments", Some("application/json"), body).await;
        assert_envelope(&answer, 400, MALFORMED);
    }
}

#[tokio::test]
async fn json_answers_unsupported_media_type_for_a_wrong_or_missing_content_type() {
    let address = serve(json_app()).await;
    let body = r#"{"amount": 12.5, "currency": "GBP"}"#;
    for content_type in [
        Some("text/plain"),
        Some("application/x-www-form-urlencoded"),
        Some("application/jsonp"),
        Some("json"),
        None,
    ] {
        let answer = post_body(address, "/payments", content_type, body).await;
        assert_envelope(&answer, 415, UNSUPPORTED);
    }
}

#[tokio::test]
async fn json_answers_validation_error_naming_the_field_of_the_wrong_type() {
    let address = serve(json_app()).await;
    let answer = post_body(
        address,
        "/payments",
        Some("application/json"),
        r#"{"amount": "x", "currency": "GBP"}"#,
    )
    .await;
    assert_envelope(
        &answer,
        400,
        &validation(r#"{"amount":["invalid type: string \"x\", expected f64"]}"#),
    );
}

#[tokio::test]
async fn json_answers_this_field_is_required_for_a_missing_field() {
    let address = serve(json_app()).await;
    let answer = post_body(
        address,
        "/payments",
        Some("application/json"),
        r#"{"amount": 12.5}"#,
    )
    .await;
    assert_envelope(
        &answer,
        400,
        &validation(r#"{"currency":["This field is required."]}"#),
    );
}

#[tokio::test]
async fn json_nests_the_path_of_a_failing_field_as_drf_does() {
    let address = serve(json_app()).await;
    let answer = post_body(
        address,
        "/invoices",
        Some("application/json"),
        r#"{"customer": {"email": "a@b.c"}, "items": [{"description": "ok", "amount": 1}, {"description": "bad", "amount": "x"}]}"#,
    )
    .await;
    assert_envelope(
        &answer,
        400,
        &validation(r#"{"items":{"1":{"amount":["invalid type: string \"x\", expected f64"]}}}"#),
    );

    let answer = post_body(
        address,
        "/invoices",
        Some("application/json"),
        r#"{"customer": {}, "items": []}"#,
    )
    .await;
    assert_envelope(
        &answer,
        400,
        &validation(r#"{"customer":{"email":["This field is required."]}}"#),
    );

    let answer = post_body(
        address,
        "/invoices",
        Some("application/json"),
        r#"{"customer": {"email": "a@b.c"}, "items": [{"amount": 1}]}"#,
    )
    .await;
    assert_envelope(
        &answer,
        400,
        &validation(r#"{"items":{"0":{"description":["This field is required."]}}}"#),
    );

    // The whole body of the wrong kind: DRF's non_field_errors.
    let answer = post_body(address, "/invoices", Some("application/json"), r#""inv""#).await;
    assert_envelope(
        &answer,
        400,
        &validation(
            r#"{"non_field_errors":["invalid type: string \"inv\", expected struct Invoice"]}"#,
        ),
    );

    let answer = post_body(
        address,
        "/invoices",
        Some("application/json"),
        r#"{"customer": {"email": "a@b.c"}, "items": [{"description": "ok", "amount": 1}]}"#,
    )
    .await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(answer.body, "1 lines for a@b.c");
}

#[tokio::test]
async fn json_names_an_unknown_field_when_the_type_denies_them() {
    let address = serve(json_app()).await;
    let answer = post_body(
        address,
        "/strict",
        Some("application/json"),
        r#"{"name": "ada", "nmae": "ada"}"#,
    )
    .await;
    assert_envelope(
        &answer,
        400,
        &validation(r#"{"nmae":["unknown field `nmae`, expected `name`"]}"#),
    );
}

#[tokio::test]
async fn json_answers_payload_too_large_over_the_body_limit() {
    let address = serve(json_app()).await;
    let big = format!(r#"{{"amount": 1, "currency": "{}"}}"#, "G".repeat(1024));
    let answer = post_body(address, "/small", Some("application/json"), &big).await;
    assert_envelope(
        &answer,
        413,
        r#"{"error":"Request body is too large.","error_code":"payload_too_large","details":{}}"#,
    );

    let answer = post_body(
        address,
        "/small",
        Some("application/json"),
        r#"{"amount": 1, "currency": "GBP"}"#,
    )
    .await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(answer.body, "GBP");
}

#[tokio::test]
async fn an_optional_json_body_is_none_without_a_content_type_and_checked_with_one() {
    let address = serve(json_app()).await;
    let answer = post_body(address, "/optional", None, "").await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(answer.body, "no body");

    let answer = post_body(
        address,
        "/optional",
        Some("application/json"),
        r#"{"amount": 1, "currency": "EUR"}"#,
    )
    .await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(answer.body, "EUR");

    let answer = post_body(address, "/optional", Some("text/plain"), "EUR").await;
    assert_envelope(&answer, 415, UNSUPPORTED);

    let answer = post_body(address, "/optional", Some("application/json"), "{").await;
    assert_envelope(&answer, 400, MALFORMED);
}

/// A value serde refuses: a map whose keys are not strings.
#[derive(Serialize)]
struct Unserialisable(BTreeMap<(u8, u8), u8>);

#[tokio::test]
async fn a_json_response_that_fails_to_serialise_answers_internal_error() {
    let app = Router::new().route(
        "/report",
        get(|| async { Json(Unserialisable(BTreeMap::from([((1, 2), 3)]))) }),
    );
    let address = serve(app).await;
    let answer = get_path(address, "/report").await;
    assert_envelope(
        &answer,
        500,
        r#"{"error":"Internal server error","error_code":"internal_error","details":{}}"#,
    );
}

#[derive(Debug, Deserialize)]
struct Listing {
    page: u32,
    per_page: Option<u8>,
}

fn params_app() -> Router {
    Router::new()
        .route(
            "/invoices",
            get(|Query(listing): Query<Listing>| async move {
                format!(
                    "page {} of {}",
                    listing.page,
                    listing.per_page.unwrap_or(20)
                )
            }),
        )
        .route(
            "/invoices/{id}",
            get(|Path(id): Path<u64>| async move { format!("invoice {id}") }),
        )
        .route(
            "/businesses/{business}/invoices/{id}",
            get(|Path((business, id)): Path<(String, u64)>| async move {
                format!("invoice {id} of {business}")
            }),
        )
        .route(
            "/latest",
            get(|id: Option<Path<u64>>| async move { format!("{:?}", id.map(Path::into_inner)) }),
        )
        .route(
            "/latest/{id}",
            get(|id: Option<Path<u64>>| async move { format!("{:?}", id.map(Path::into_inner)) }),
        )
        .route(
            "/misrouted/{id}",
            // A bug of the server: two parameters wanted, the route has one.
            get(|Path((a, b)): Path<(u64, u64)>| async move { format!("{a}{b}") }),
        )
}

#[tokio::test]
async fn query_answers_validation_error_naming_the_parameter() {
    let address = serve(params_app()).await;

    let answer = get_path(address, "/invoices?page=2&per_page=50").await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(answer.body, "page 2 of 50");

    let answer = get_path(address, "/invoices?page=x").await;
    assert_envelope(
        &answer,
        400,
        &validation(r#"{"page":["invalid digit found in string"]}"#),
    );

    let answer = get_path(address, "/invoices?page=1&per_page=300").await;
    assert_envelope(
        &answer,
        400,
        &validation(r#"{"per_page":["number too large to fit in target type"]}"#),
    );

    let answer = get_path(address, "/invoices").await;
    assert_envelope(
        &answer,
        400,
        &validation(r#"{"page":["This field is required."]}"#),
    );
}

#[tokio::test]
async fn path_answers_not_found_for_a_parameter_that_does_not_parse() {
    let address = serve(params_app()).await;

    let answer = get_path(address, "/invoices/42").await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(answer.body, "invoice 42");

    let answer = get_path(address, "/businesses/acme/invoices/7").await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(answer.body, "invoice 7 of acme");

    const NOT_FOUND: &str = r#"{"error":"Not found.","error_code":"not_found","details":{}}"#;
    assert_envelope(&get_path(address, "/invoices/abc").await, 404, NOT_FOUND);
    assert_envelope(
        &get_path(address, "/businesses/acme/invoices/-1").await,
        404,
        NOT_FOUND,
    );

    // Optional: None without parameters, checked with them.
    let answer = get_path(address, "/latest").await;
    assert_eq!(
        (answer.status.as_u16(), answer.body.as_str()),
        (200, "None")
    );
    let answer = get_path(address, "/latest/3").await;
    assert_eq!(
        (answer.status.as_u16(), answer.body.as_str()),
        (200, "Some(3)")
    );
    assert_envelope(&get_path(address, "/latest/x").await, 404, NOT_FOUND);

    // A route that cannot fit its extractor is the server's bug, and axum's text stays out.
    let answer = get_path(address, "/misrouted/1").await;
    assert_envelope(
        &answer,
        500,
        r#"{"error":"Internal server error","error_code":"internal_error","details":{}}"#,
    );
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

#[test]
fn rejections_convert_into_the_users_error_enum() {
    let rejection =
        Json::<Payment>::from_bytes(br#"{"amount": true, "currency": "GBP"}"#).unwrap_err();
    assert_eq!(rejection.status(), StatusCode::BAD_REQUEST);
    assert_eq!(
        rejection.cause(),
        "JSON body at amount: invalid type: boolean `true`, expected f64"
    );
    let error = PartnerError::Common(rejection.into_error());
    assert_eq!(error.error_code(), "validation_error");
    assert_eq!(
        error.details().at("amount"),
        Some(&["invalid type: boolean `true`, expected f64".to_owned()][..])
    );
}
