//! The catch-all on real servers: every response with status ≥ 400 that a framework, a
//! tower-http layer or a handler wrote on its own is answered in the envelope, with its
//! status and the headers a client acts on, the replaced text only in the log; responses
//! already in the envelope and successes, streamed ones included, pass untouched.

#[path = "support/axum.rs"]
mod support;

use std::collections::HashMap;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Multipart};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::{get, post};
use error_contract::axum::ApiRouterExt;
use error_contract::{ApiError, CatchAll, CommonError};
use error_contract_tests::capture::{Capture, Captured};
use http::header::{ALLOW, CONTENT_TYPE, RETRY_AFTER, WWW_AUTHENTICATE};
use serde::Deserialize;
use support::{Answer, send, serve};
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;

#[derive(Debug, Deserialize)]
#[allow(dead_code, reason = "only deserialised")]
struct Order {
    amount: u32,
}

/// The text of every event of error-contract captured so far. (axum itself, with its
/// `tracing` feature, logs its own rejections at `TRACE` under `axum::rejection`, value
/// included: that target is the application's to filter, and the docs of `catch_all` say so.)
fn log_lines() -> Vec<String> {
    Capture::global()
        .ours()
        .iter()
        .map(Captured::text)
        .collect()
}

#[allow(clippy::unused_async, reason = "an axum handler is an async fn")]
async fn explode() -> &'static str {
    panic!("the cause, for the log only")
}

async fn slow() -> &'static str {
    tokio::time::sleep(Duration::from_secs(5)).await;
    "late"
}

async fn upload(mut multipart: Multipart) -> String {
    let mut names = Vec::new();
    while let Some(field) = multipart.next_field().await.unwrap() {
        names.push(field.name().unwrap_or_default().to_owned());
    }
    names.join(",")
}

/// A success streamed in chunks, one every 50 ms: the catch-all must not wait for it.
async fn streamed() -> impl IntoResponse {
    let chunks = futures_util::stream::unfold(0, |sent| async move {
        if sent == 3 {
            return None;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
        Some((Ok::<_, std::io::Error>(format!("chunk {sent}\n")), sent + 1))
    });
    Body::from_stream(chunks)
}

fn axum_app() -> Router {
    Router::new()
        .route("/plain/json", post(|_: axum::Json<Order>| async { "ok" }))
        .route("/plain/form", post(|_: axum::Form<Order>| async { "ok" }))
        .route(
            "/plain/query",
            get(|_: axum::extract::Query<Order>| async { "ok" }),
        )
        .route(
            "/plain/path/{id}",
            get(|_: axum::extract::Path<u32>| async { "ok" }),
        )
        .route("/plain/multipart", post(upload))
        .route("/conflict", get(|| async { StatusCode::CONFLICT }))
        .route(
            "/teapot",
            get(|| async { (StatusCode::IM_A_TEAPOT, "short and stout") }),
        )
        .route(
            "/busy",
            get(|| async {
                (
                    StatusCode::SERVICE_UNAVAILABLE,
                    [(RETRY_AFTER, "120")],
                    "later",
                )
            }),
        )
        .route(
            "/locked",
            get(|| async {
                (
                    StatusCode::UNAUTHORIZED,
                    [(WWW_AUTHENTICATE, r#"Basic realm="ops""#)],
                    "no",
                )
            }),
        )
        .route("/own", get(|| async { CommonError::PermissionDenied }))
        .route(
            "/json-not-envelope",
            get(|| async {
                (
                    StatusCode::BAD_REQUEST,
                    axum::Json(serde_json::json!({"msg": "no"})),
                )
            }),
        )
        .route(
            "/problem",
            get(|| async {
                (
                    StatusCode::BAD_REQUEST,
                    [(CONTENT_TYPE, "application/problem+json")],
                    r#"{"title":"Bad"}"#,
                )
            }),
        )
        .route("/panic", get(explode))
        .route("/streamed", get(streamed))
        .route("/ok", get(|| async { "fine" }))
        .route(
            "/slow",
            get(slow).layer(TimeoutLayer::with_status_code(
                StatusCode::REQUEST_TIMEOUT,
                Duration::from_millis(100),
            )),
        )
        .route(
            "/limited",
            post(|body: String| async move { body.len().to_string() })
                .layer::<_, std::convert::Infallible>(RequestBodyLimitLayer::new(16))
                .layer(DefaultBodyLimit::disable()),
        )
        .with_error_contract()
}

/// A request of the table, and what the client must get.
struct Case {
    what: &'static str,
    method: &'static str,
    path: &'static str,
    content_type: Option<&'static str>,
    body: &'static str,
    status: u16,
    code: &'static str,
}

const fn case(
    what: &'static str,
    method: &'static str,
    path: &'static str,
    content_type: Option<&'static str>,
    body: &'static str,
    status: u16,
    code: &'static str,
) -> Case {
    Case {
        what,
        method,
        path,
        content_type,
        body,
        status,
        code,
    }
}

const FORM: Option<&str> = Some("application/x-www-form-urlencoded");
const JSON: Option<&str> = Some("application/json");

fn axum_cases() -> Vec<Case> {
    vec![
        case(
            "axum's Json, a wrong type",
            "POST",
            "/plain/json",
            JSON,
            r#"{"amount":"secret-9f2"}"#,
            422,
            "unprocessable_entity",
        ),
        case(
            "axum's Json, not JSON",
            "POST",
            "/plain/json",
            JSON,
            "{",
            400,
            "bad_request",
        ),
        case(
            "axum's Json, no Content-Type",
            "POST",
            "/plain/json",
            None,
            "{}",
            415,
            "unsupported_media_type",
        ),
        case(
            "axum's Form, a wrong type",
            "POST",
            "/plain/form",
            FORM,
            "amount=secret-9f2",
            422,
            "unprocessable_entity",
        ),
        case(
            "axum's Query, a wrong type",
            "GET",
            "/plain/query?amount=secret-9f2",
            None,
            "",
            400,
            "bad_request",
        ),
        case(
            "axum's Path, a wrong type",
            "GET",
            "/plain/path/secret-9f2",
            None,
            "",
            400,
            "bad_request",
        ),
        case(
            "axum's Multipart, no boundary",
            "POST",
            "/plain/multipart",
            Some("multipart/form-data"),
            "x",
            400,
            "bad_request",
        ),
        case(
            "a bare StatusCode",
            "GET",
            "/conflict",
            None,
            "",
            409,
            "conflict",
        ),
        case(
            "a status with no code of its own",
            "GET",
            "/teapot",
            None,
            "",
            418,
            "client_error",
        ),
        case(
            "tower-http's timeout",
            "GET",
            "/slow",
            None,
            "",
            408,
            "request_timeout",
        ),
        case(
            "tower-http's body limit",
            "POST",
            "/limited",
            Some("text/plain"),
            "far more than sixteen bytes",
            413,
            "payload_too_large",
        ),
        case(
            "JSON that is not an envelope",
            "GET",
            "/json-not-envelope",
            None,
            "",
            400,
            "bad_request",
        ),
        case("a panic", "GET", "/panic", None, "", 500, "internal_error"),
        case(
            "an unknown route",
            "GET",
            "/nowhere",
            None,
            "",
            404,
            "not_found",
        ),
        case(
            "a wrong method",
            "DELETE",
            "/ok",
            None,
            "",
            405,
            "method_not_allowed",
        ),
        case(
            "an error of the contract",
            "GET",
            "/own",
            None,
            "",
            403,
            "permission_denied",
        ),
    ]
}

async fn ask(client: &reqwest::Client, base: &str, case: &Case) -> Answer {
    let method = reqwest::Method::from_bytes(case.method.as_bytes()).unwrap();
    let mut request = client
        .request(method, format!("{base}{}", case.path))
        .body(case.body);
    if let Some(content_type) = case.content_type {
        request = request.header(CONTENT_TYPE, content_type);
    }
    send(request).await
}

/// The envelope `answer` holds, checked to be one: JSON, `error` non-empty, `details` an object.
fn envelope(answer: &Answer, what: &str) -> serde_json::Value {
    assert_eq!(
        answer.header(CONTENT_TYPE),
        Some("application/json"),
        "{what}: {}",
        answer.body
    );
    let body: serde_json::Value =
        serde_json::from_str(&answer.body).unwrap_or_else(|_| panic!("{what}: {}", answer.body));
    assert!(
        body["error"]
            .as_str()
            .is_some_and(|error| !error.is_empty()),
        "{what}: {body}"
    );
    assert!(body["details"].is_object(), "{what}: {body}");
    body
}

#[tokio::test]
async fn every_axum_error_response_is_in_the_envelope_with_its_status() {
    Capture::global();
    let address = serve(axum_app()).await;
    let base = format!("http://{address}");
    let client = reqwest::Client::new();
    for case in axum_cases() {
        let answer = ask(&client, &base, &case).await;
        assert_eq!(answer.status, case.status, "{}: {}", case.what, answer.body);
        let body = envelope(&answer, case.what);
        assert_eq!(body["error_code"], case.code, "{}", case.what);
        assert!(
            !answer.body.contains("secret-9f2"),
            "{}: {}",
            case.what,
            answer.body
        );
    }
    // What was replaced is in the log, without the value it quoted.
    let lines = log_lines();
    assert!(
        lines
            .iter()
            .any(|line| line.contains("replaced a 422 response (text/plain; charset=utf-8)")),
        "{lines:#?}"
    );
    assert!(
        lines.iter().all(|line| !line.contains("secret-9f2")),
        "{lines:#?}"
    );
}

#[tokio::test]
async fn the_headers_a_client_acts_on_are_kept() {
    let address = serve(axum_app()).await;
    let client = reqwest::Client::new();
    let get = |path: &str| send(client.get(format!("http://{address}{path}")));

    let busy = get("/busy").await;
    assert_eq!(busy.status, 503);
    assert_eq!(busy.header(RETRY_AFTER), Some("120"));
    assert_eq!(envelope(&busy, "busy")["error_code"], "service_unavailable");

    let locked = get("/locked").await;
    assert_eq!(locked.status, 401);
    assert_eq!(
        locked.header(WWW_AUTHENTICATE),
        Some(r#"Basic realm="ops""#)
    );
    assert_eq!(
        envelope(&locked, "locked")["error_code"],
        "authentication_required"
    );

    let wrong_method = send(client.delete(format!("http://{address}/ok"))).await;
    assert_eq!(wrong_method.header(ALLOW), Some("GET,HEAD"));
}

#[tokio::test]
async fn envelopes_problems_and_successes_pass_untouched() {
    let address = serve(axum_app()).await;
    let client = reqwest::Client::new();
    let get = |path: &str| send(client.get(format!("http://{address}{path}")));

    let own = get("/own").await;
    assert_eq!(own.body.as_bytes(), CommonError::PermissionDenied.to_json());
    let problem = get("/problem").await;
    assert_eq!(
        problem.header(CONTENT_TYPE),
        Some("application/problem+json")
    );
    assert_eq!(problem.body, r#"{"title":"Bad"}"#);
    assert_eq!(get("/ok").await.body, "fine");

    // A streamed success is passed on as it comes: its first chunk arrives long before the
    // last is written.
    let start = std::time::Instant::now();
    let mut response = client
        .get(format!("http://{address}/streamed"))
        .send()
        .await
        .unwrap();
    let first = response.chunk().await.unwrap().unwrap();
    let first_at = start.elapsed();
    let mut rest = Vec::new();
    while let Some(chunk) = response.chunk().await.unwrap() {
        rest.extend_from_slice(&chunk);
    }
    assert_eq!(first, "chunk 0\n");
    assert_eq!(rest, b"chunk 1\nchunk 2\n");
    assert!(
        first_at < Duration::from_millis(120),
        "first chunk after {first_at:?}"
    );
}

fn actix_app_server() -> (std::net::SocketAddr, actix_web::dev::ServerHandle) {
    use actix_web::{App, HttpResponse, HttpServer, web};

    #[derive(Debug, Deserialize)]
    #[allow(dead_code, reason = "only deserialised")]
    struct Form {
        amount: u32,
    }

    let server = HttpServer::new(|| {
        App::new()
            .wrap(error_contract::actix::catch_all())
            .route(
                "/plain/form",
                web::post().to(|_: web::Form<Form>| async { "ok" }),
            )
            .service(
                web::resource("/plain/bytes")
                    .app_data(web::PayloadConfig::new(16))
                    .route(
                        web::post().to(|body: web::Bytes| async move { body.len().to_string() }),
                    ),
            )
            .route(
                "/conflict",
                web::get().to(|| async { HttpResponse::Conflict().finish() }),
            )
            .route(
                "/busy",
                web::get().to(|| async {
                    HttpResponse::ServiceUnavailable()
                        .insert_header(("retry-after", "120"))
                        .body("later")
                }),
            )
            .route(
                "/teapot",
                web::get().to(|| async {
                    HttpResponse::build(actix_web::http::StatusCode::IM_A_TEAPOT).body("short")
                }),
            )
            .route(
                "/own",
                web::get().to(|| async { Err::<HttpResponse, _>(CommonError::PermissionDenied) }),
            )
            .route("/ok", web::get().to(|| async { "fine" }))
    })
    .workers(1)
    .disable_signals()
    .shutdown_timeout(1)
    .bind(("127.0.0.1", 0))
    .unwrap();
    let address = server.addrs()[0];
    let server = server.run();
    let handle = server.handle();
    actix_web::rt::spawn(server);
    (address, handle)
}

#[actix_web::test]
async fn every_actix_error_response_is_in_the_envelope_with_its_status() {
    Capture::global();
    let (address, handle) = actix_app_server();
    let base = format!("http://{address}");
    let client = reqwest::Client::new();
    let cases = [
        case(
            "actix's Form, a wrong type",
            "POST",
            "/plain/form",
            FORM,
            "amount=secret-9f2",
            400,
            "bad_request",
        ),
        case(
            "a body over PayloadConfig's limit",
            "POST",
            "/plain/bytes",
            Some("text/plain"),
            "far more than sixteen bytes",
            413,
            "payload_too_large",
        ),
        case(
            "a bare status",
            "GET",
            "/conflict",
            None,
            "",
            409,
            "conflict",
        ),
        case(
            "a status with no code of its own",
            "GET",
            "/teapot",
            None,
            "",
            418,
            "client_error",
        ),
        case(
            "an unknown route",
            "GET",
            "/nowhere",
            None,
            "",
            404,
            "not_found",
        ),
        case(
            "an error of the contract",
            "GET",
            "/own",
            None,
            "",
            403,
            "permission_denied",
        ),
    ];
    for case in &cases {
        let answer = ask(&client, &base, case).await;
        assert_eq!(answer.status, case.status, "{}: {}", case.what, answer.body);
        assert_eq!(
            envelope(&answer, case.what)["error_code"],
            case.code,
            "{}",
            case.what
        );
        assert!(
            !answer.body.contains("secret-9f2"),
            "{}: {}",
            case.what,
            answer.body
        );
    }
    let busy = send(client.get(format!("{base}/busy"))).await;
    assert_eq!(
        (busy.status.as_u16(), busy.header(RETRY_AFTER)),
        (503, Some("120"))
    );
    let own = send(client.get(format!("{base}/own"))).await;
    assert_eq!(own.body.as_bytes(), CommonError::PermissionDenied.to_json());
    assert_eq!(send(client.get(format!("{base}/ok"))).await.body, "fine");
    let lines = log_lines();
    assert!(
        lines.iter().all(|line| !line.contains("secret-9f2")),
        "{lines:#?}"
    );
    handle.stop(true).await;
}

#[test]
fn every_status_has_one_code() {
    let mut codes = HashMap::new();
    for status in 400..=599_u16 {
        let status = StatusCode::from_u16(status).unwrap();
        let error = CommonError::for_status(status).unwrap();
        // A code of its own answers its own status; the generic two stand for the rest.
        if !matches!(error, CommonError::ClientError | CommonError::ServerError) {
            assert_eq!(error.status(), status, "{}", error.error_code());
        }
        codes
            .entry(error.error_code())
            .or_insert_with(Vec::new)
            .push(status.as_u16());
    }
    // 4xx with a code of their own: 400, 401, 403, 404, 405, 406, 408, 409, 413, 415, 422,
    // 429; 5xx: 500, 502, 503, 504.
    assert_eq!(
        codes["client_error"].len(),
        100 - 12,
        "{:?}",
        codes["client_error"]
    );
    assert_eq!(codes["server_error"].len(), 100 - 4);
    assert_eq!(CommonError::for_status(StatusCode::OK), None);
}

#[tokio::test]
async fn validation_failures_can_answer_422_for_a_router() {
    let settings = CatchAll::new().validation_status(StatusCode::UNPROCESSABLE_ENTITY);
    let app = |router: Router| router.with_error_contract_using(settings);
    let ours = Router::new()
        .route(
            "/orders",
            post(|_: error_contract::axum::Json<Order>| async { "ok" }),
        )
        .route(
            "/own",
            get(|| async {
                CommonError::ValidationError(
                    error_contract::Details::new().with("amount", "Required."),
                )
            }),
        );
    let address = serve(app(ours)).await;
    let client = reqwest::Client::new();
    let bad = send(
        client
            .post(format!("http://{address}/orders"))
            .header(CONTENT_TYPE, "application/json")
            .body(r#"{"amount":"two"}"#),
    )
    .await;
    assert_eq!(bad.status, 422, "{}", bad.body);
    assert_eq!(
        bad.body,
        r#"{"error":"Validation errors in request data","error_code":"validation_error","details":{"amount":["A valid integer is required."]}}"#
    );
    let own = send(client.get(format!("http://{address}/own"))).await;
    assert_eq!(own.status, 422);
    // Other errors keep their status; the default stays 400.
    let malformed = send(
        client
            .post(format!("http://{address}/orders"))
            .header(CONTENT_TYPE, "application/json")
            .body("{"),
    )
    .await;
    assert_eq!(
        (
            malformed.status.as_u16(),
            envelope(&malformed, "malformed")["error_code"].as_str()
        ),
        (400, Some("malformed_json"))
    );
    let default = serve(
        Router::new()
            .route(
                "/orders",
                post(|_: error_contract::axum::Json<Order>| async { "ok" }),
            )
            .with_error_contract(),
    )
    .await;
    let bad = send(
        client
            .post(format!("http://{default}/orders"))
            .header(CONTENT_TYPE, "application/json")
            .body(r#"{"amount":"two"}"#),
    )
    .await;
    assert_eq!(bad.status, 400);
}

#[actix_web::test]
async fn validation_failures_can_answer_422_for_an_actix_app() {
    use actix_web::{App, HttpResponse, HttpServer, web};

    let server = HttpServer::new(|| {
        App::new()
            .wrap(error_contract::actix::catch_all_using(
                CatchAll::new().validation_status(StatusCode::UNPROCESSABLE_ENTITY),
            ))
            .route(
                "/orders",
                web::post().to(|_: error_contract::actix::Json<Order>| async {
                    HttpResponse::Ok().finish()
                }),
            )
    })
    .workers(1)
    .disable_signals()
    .shutdown_timeout(1)
    .bind(("127.0.0.1", 0))
    .unwrap();
    let address = server.addrs()[0];
    let server = server.run();
    let handle = server.handle();
    actix_web::rt::spawn(server);
    let bad = send(
        reqwest::Client::new()
            .post(format!("http://{address}/orders"))
            .header(CONTENT_TYPE, "application/json")
            .body(r#"{"amount":"two"}"#),
    )
    .await;
    assert_eq!(bad.status, 422, "{}", bad.body);
    assert_eq!(
        envelope(&bad, "actix 422")["error_code"],
        "validation_error"
    );
    handle.stop(true).await;
}
