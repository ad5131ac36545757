//! The axum `Json` extractor against a real server on 127.0.0.1: bodies that are not JSON,
//! not JSON by their `Content-Type`, too large, or of the wrong shape answer in the envelope,
//! naming the failing field as Django REST Framework does.

#[path = "support/axum.rs"]
mod support;

use std::collections::BTreeMap;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use error_contract::ApiError;
use error_contract::axum::Json;
use error_contract_tests::PartnerError;
use http::StatusCode;
use http::header::CONTENT_TYPE;
use serde::{Deserialize, Serialize};
use support::{MALFORMED, UNSUPPORTED, assert_envelope, get_path, post_body, serve, validation};

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
        &validation(r#"{"amount":["A valid number is required."]}"#),
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
        &validation(r#"{"items":{"1":{"amount":["A valid number is required."]}}}"#),
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
            r#"{"non_field_errors":["Invalid data. Expected a dictionary, but got str."]}"#,
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
        &validation(r#"{"nmae":["This field is not recognized."]}"#),
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

#[test]
fn rejections_convert_into_the_users_error_enum() {
    let rejection =
        Json::<Payment>::from_bytes(br#"{"amount": true, "currency": "GBP"}"#).unwrap_err();
    assert_eq!(rejection.status(), StatusCode::BAD_REQUEST);
    assert_eq!(
        rejection.cause(),
        "JSON body at amount: expected f64, got a boolean"
    );
    let error = PartnerError::Common(rejection.into_error());
    assert_eq!(error.error_code(), "validation_error");
    assert_eq!(
        error.details().at("amount"),
        Some(&["A valid number is required.".to_owned()][..])
    );
}
