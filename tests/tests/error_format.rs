//! The form of a server's error bodies on real servers: the envelope by default, RFC 9457
//! problem documents always, or by the request's `Accept`; the same for every response the
//! crate builds (derived errors, extractor rejections, fallbacks, the catch-all's
//! replacements), on axum and on actix-web.

#[path = "support/axum.rs"]
mod support;

use axum::Router;
use axum::http::StatusCode;
use axum::routing::{get, post};
use error_contract::axum::{ApiRouterExt, Json};
use error_contract::{ApiError, CatchAll, ErrorFormat};
use http::header::{ACCEPT, CONTENT_TYPE, VARY};
use support::{Answer, send, serve};

#[derive(Debug, thiserror::Error, ApiError)]
enum InvoiceError {
    /// An invoice with this external_id already exists.
    #[error("external_id {external_id} is taken by {invoice_id}")]
    #[api(
        status = 409,
        retry = "already_exists",
        message = "An invoice with external_id {external_id} already exists."
    )]
    DuplicateExternalId {
        #[api(meta)]
        external_id: String,
        #[api(meta)]
        invoice_id: String,
    },
}

const DUPLICATE_ENVELOPE: &str = r#"{"error":"An invoice with external_id ext-1 already exists.","error_code":"duplicate_external_id","details":{},"meta":{"external_id":"ext-1","invoice_id":"inv_0001"}}"#;
const DUPLICATE_PROBLEM: &str = r#"{"type":"about:blank","title":"Conflict","status":409,"detail":"An invoice with external_id ext-1 already exists.","error_code":"duplicate_external_id","meta":{"external_id":"ext-1","invoice_id":"inv_0001"}}"#;
const NOT_FOUND_PROBLEM: &str = r#"{"type":"about:blank","title":"Not Found","status":404,"detail":"Not found.","error_code":"not_found"}"#;

#[allow(clippy::unused_async, reason = "an axum handler is an async fn")]
async fn duplicate() -> InvoiceError {
    InvoiceError::DuplicateExternalId {
        external_id: "ext-1".into(),
        invoice_id: "inv_0001".into(),
    }
}

#[allow(clippy::unused_async, reason = "an axum handler is an async fn")]
async fn create(Json(_): Json<serde_json::Map<String, serde_json::Value>>) -> &'static str {
    "created"
}

fn app(format: ErrorFormat) -> Router {
    Router::new()
        .route("/duplicate", get(duplicate))
        .route("/create", post(create))
        .route("/conflict", get(|| async { StatusCode::CONFLICT }))
        .with_error_contract_using(CatchAll::new().error_format(format))
}

async fn get_with(address: std::net::SocketAddr, path: &str, accept: Option<&str>) -> Answer {
    let mut request = reqwest::Client::new().get(format!("http://{address}{path}"));
    if let Some(accept) = accept {
        request = request.header(ACCEPT, accept);
    }
    send(request).await
}

fn assert_problem(answer: &Answer, status: u16, body: &str) {
    assert_eq!(answer.status, status, "{}", answer.body);
    assert_eq!(
        answer.header(CONTENT_TYPE),
        Some("application/problem+json")
    );
    assert_eq!(answer.body, body);
}

#[tokio::test]
async fn the_envelope_is_the_default_whatever_the_request_asks() {
    let address = serve(app(ErrorFormat::Envelope)).await;
    let answer = get_with(address, "/duplicate", Some("application/problem+json")).await;
    assert_eq!(answer.status, 409);
    assert_eq!(answer.header(CONTENT_TYPE), Some("application/json"));
    assert_eq!(answer.body, DUPLICATE_ENVELOPE);
    assert_eq!(answer.header(VARY), None);
}

#[tokio::test]
async fn problem_documents_always_for_every_error_the_crate_builds() {
    let address = serve(app(ErrorFormat::Problem)).await;
    let answer = get_with(address, "/duplicate", None).await;
    assert_problem(&answer, 409, DUPLICATE_PROBLEM);
    assert_eq!(answer.header(VARY), None);
    // The fallback, and the catch-all's replacement of a bare status.
    assert_problem(
        &get_with(address, "/nowhere", None).await,
        404,
        NOT_FOUND_PROBLEM,
    );
    let conflict = get_with(address, "/conflict", None).await;
    assert_eq!(
        conflict.header(CONTENT_TYPE),
        Some("application/problem+json")
    );
    assert!(
        conflict.body.contains(r#""status":409"#),
        "{}",
        conflict.body
    );
    // An extractor's rejection.
    let malformed = send(
        reqwest::Client::new()
            .post(format!("http://{address}/create"))
            .header(CONTENT_TYPE, "application/json")
            .body("{"),
    )
    .await;
    assert_problem(
        &malformed,
        400,
        r#"{"type":"about:blank","title":"Bad Request","status":400,"detail":"Malformed JSON in request body.","error_code":"malformed_json"}"#,
    );
    // Successes are untouched.
    let created = send(
        reqwest::Client::new()
            .post(format!("http://{address}/create"))
            .header(CONTENT_TYPE, "application/json")
            .body("{}"),
    )
    .await;
    assert_eq!(
        (created.status.as_u16(), created.body.as_str()),
        (200, "created")
    );
}

#[tokio::test]
async fn by_accept_the_preferred_form_with_vary() {
    let address = serve(app(ErrorFormat::ByAccept)).await;
    let cases = [
        (None, false),
        (Some("*/*"), false),
        (Some("application/json"), false),
        (Some("application/problem+json"), true),
        (
            Some("application/json;q=0.5, application/problem+json"),
            true,
        ),
        (
            Some("application/problem+json;q=0.5, application/json"),
            false,
        ),
    ];
    for (accept, problem) in cases {
        let answer = get_with(address, "/duplicate", accept).await;
        assert_eq!(answer.header(VARY), Some("accept"), "{accept:?}");
        if problem {
            assert_problem(&answer, 409, DUPLICATE_PROBLEM);
        } else {
            assert_eq!(
                answer.header(CONTENT_TYPE),
                Some("application/json"),
                "{accept:?}"
            );
            assert_eq!(answer.body, DUPLICATE_ENVELOPE, "{accept:?}");
        }
    }
    let fallback = get_with(address, "/nowhere", Some("application/problem+json")).await;
    assert_problem(&fallback, 404, NOT_FOUND_PROBLEM);
}

#[actix_web::test]
async fn actix_web_answers_in_the_chosen_form_too() {
    use actix_web::{App, test, web};

    let app = test::init_service(
        App::new()
            .wrap(error_contract::actix::catch_all())
            .wrap(error_contract::actix::error_format(ErrorFormat::ByAccept))
            .configure(error_contract::actix::configure)
            .route(
                "/duplicate",
                web::get().to(|| async { Err::<String, _>(duplicate().await) }),
            )
            .route(
                "/conflict",
                web::get().to(|| async { actix_web::HttpResponse::Conflict().finish() }),
            ),
    )
    .await;
    for (accept, problem) in [
        ("application/problem+json", true),
        ("application/json", false),
    ] {
        let request = test::TestRequest::get()
            .uri("/duplicate")
            .insert_header(("accept", accept))
            .to_request();
        let response = test::call_service(&app, request).await;
        assert_eq!(response.status(), 409);
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .map(|value| value.to_str().unwrap().to_owned())
        };
        assert_eq!(header("vary").as_deref(), Some("accept"));
        let content_type = header("content-type");
        let body = test::read_body(response).await;
        if problem {
            assert_eq!(content_type.as_deref(), Some("application/problem+json"));
            assert_eq!(body, DUPLICATE_PROBLEM.as_bytes());
        } else {
            assert_eq!(content_type.as_deref(), Some("application/json"));
            assert_eq!(body, DUPLICATE_ENVELOPE.as_bytes());
        }
    }
    for path in ["/nowhere", "/conflict"] {
        let request = test::TestRequest::get()
            .uri(path)
            .insert_header(("accept", "application/problem+json"))
            .to_request();
        let response = test::call_service(&app, request).await;
        let content_type = response.headers().get("content-type").cloned();
        assert_eq!(
            content_type.as_ref().map(|value| value.to_str().unwrap()),
            Some("application/problem+json"),
            "{path}"
        );
    }
}
