//! The log of error responses, captured from a real axum server on 127.0.0.1: 5xx at ERROR
//! with the private cause, 4xx at DEBUG, never the Authorization header; and `redact_json`.
//!
//! Each test runs its server and client on tokio's current-thread runtime, on the test's own
//! thread, so a thread-local capturing subscriber (`set_default`) sees exactly that test's
//! events.

use std::collections::BTreeMap;
use std::net::SocketAddr;

use axum::Router;
use axum::routing::{get, post};
use error_contract::axum::{ApiRouterExt, Json};
use error_contract::{ApiError, CommonError};
use error_contract::{is_sensitive_key, redact_json};
use error_contract_tests::PartnerError;
use error_contract_tests::capture::Capture;
use http::header::{AUTHORIZATION, CONTENT_TYPE};
use tracing::Level;

async fn serve(app: Router) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    address
}

/// Status and body of a request.
async fn send(request: reqwest::RequestBuilder) -> (u16, String) {
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    (status, response.text().await.unwrap())
}

/// A cause with a source chain two deep.
#[derive(Debug, thiserror::Error)]
#[error("connection to ledger lost")]
struct LedgerDown {
    source: std::io::Error,
}

#[derive(Debug, thiserror::Error, ApiError)]
enum BillingError {
    /// Saving an invoice failed.
    #[error("saving invoice {id}")]
    #[api(status = 500)]
    Save { id: u32, source: LedgerDown },

    /// The upstream ledger is down; its cause goes to the log.
    #[error("ledger at {host} unreachable")]
    #[api(status = 503, retry_after = 5)]
    LedgerUnreachable { host: String },
}

fn save_failure() -> BillingError {
    BillingError::Save {
        id: 7,
        source: LedgerDown {
            source: std::io::Error::other("disk full at /var/ledger"),
        },
    }
}

/// A value serde refuses to serialise: a map whose keys are not strings.
#[derive(serde::Serialize)]
struct Unserialisable(BTreeMap<(u8, u8), u8>);

fn explode() -> &'static str {
    panic!("handler exploded near sk_live_panic_secret")
}

const TOKEN: &str = "Bearer eyJhbGciOi.sk_live_token_in_header.sig";

fn app() -> Router {
    Router::new()
        .route("/save", get(|| async { save_failure() }))
        .route(
            "/unreachable",
            get(|| async {
                BillingError::LedgerUnreachable {
                    host: "ledger.internal:5432".into(),
                }
            }),
        )
        .route(
            "/invoices/missing",
            get(|| async { PartnerError::InvoiceNotFound("inv_9".into()) }),
        )
        .route(
            "/unauthenticated",
            get(|| async { PartnerError::Common(CommonError::InvalidToken) }),
        )
        .route(
            "/payments",
            post(|Json(body): Json<BTreeMap<String, f64>>| async move { Json(body) }),
        )
        .route(
            "/report",
            get(|| async { Json(Unserialisable(BTreeMap::from([((1, 2), 3)]))) }),
        )
        .route("/boom", get(|| async { explode() }))
        .with_error_contract()
}

#[tokio::test]
async fn a_5xx_is_logged_once_at_error_with_its_private_cause_and_source_chain() {
    let (capture, _guard) = Capture::install();
    let address = serve(app()).await;

    let (status, body) = send(reqwest::Client::new().get(format!("http://{address}/save"))).await;
    assert_eq!(status, 500);
    assert_eq!(
        body,
        r#"{"error":"Internal server error","error_code":"save","details":{}}"#
    );

    let events = capture.ours();
    assert_eq!(events.len(), 1, "{events:?}");
    let event = &events[0];
    assert_eq!(event.level, Level::ERROR);
    assert_eq!(event.field("status_code"), Some("500"));
    assert_eq!(event.field("error_code"), Some("save"));
    assert_eq!(event.field("error"), Some("Internal server error"));
    assert_eq!(
        event.field("cause"),
        Some("saving invoice 7: connection to ledger lost: disk full at /var/ledger")
    );
    assert_eq!(event.field("message"), Some("error response"));
    for private in ["saving invoice", "ledger", "disk full"] {
        assert!(!body.contains(private), "{private} leaked into {body}");
    }
}

#[tokio::test]
async fn a_503_is_logged_at_error_with_its_display() {
    let (capture, _guard) = Capture::install();
    let address = serve(app()).await;

    let (status, body) =
        send(reqwest::Client::new().get(format!("http://{address}/unreachable"))).await;
    assert_eq!(status, 503);
    assert_eq!(
        body,
        r#"{"error":"Service unavailable","error_code":"ledger_unreachable","details":{}}"#
    );
    let events = capture.ours();
    assert_eq!(events.len(), 1, "{events:?}");
    assert_eq!(events[0].level, Level::ERROR);
    assert_eq!(events[0].field("status_code"), Some("503"));
    assert_eq!(
        events[0].field("cause"),
        Some("ledger at ledger.internal:5432 unreachable")
    );
}

#[tokio::test]
async fn a_4xx_is_logged_once_at_debug() {
    let (capture, _guard) = Capture::install();
    let address = serve(app()).await;

    let (status, _) =
        send(reqwest::Client::new().get(format!("http://{address}/invoices/missing"))).await;
    assert_eq!(status, 404);
    let events = capture.ours();
    assert_eq!(events.len(), 1, "{events:?}");
    assert_eq!(events[0].level, Level::DEBUG);
    assert_eq!(events[0].field("status_code"), Some("404"));
    assert_eq!(events[0].field("error_code"), Some("invoice_not_found"));
    assert_eq!(events[0].field("error"), Some("Invoice inv_9 not found."));
    assert!(
        capture
            .all()
            .iter()
            .all(|event| event.level != Level::ERROR),
        "{:?}",
        capture.all()
    );
}

#[tokio::test]
async fn fallbacks_and_rejections_are_logged_once_at_debug_with_their_cause() {
    let (capture, _guard) = Capture::install();
    let address = serve(app()).await;
    let client = reqwest::Client::new();

    let (status, _) = send(client.get(format!("http://{address}/nowhere"))).await;
    assert_eq!(status, 404);
    let (status, _) = send(client.delete(format!("http://{address}/save"))).await;
    assert_eq!(status, 405);
    let (status, _) = send(
        client
            .post(format!("http://{address}/payments"))
            .header(CONTENT_TYPE, "application/json")
            .body(r#"{"amount": 1"#),
    )
    .await;
    assert_eq!(status, 400);
    let (status, _) = send(
        client
            .post(format!("http://{address}/payments"))
            .header(CONTENT_TYPE, "text/plain")
            .body("{}"),
    )
    .await;
    assert_eq!(status, 415);

    let events = capture.ours();
    let summary: Vec<(Level, Option<&str>, Option<&str>)> = events
        .iter()
        .map(|event| {
            (
                event.level,
                event.field("status_code"),
                event.field("error_code"),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (Level::DEBUG, Some("404"), Some("not_found")),
            (Level::DEBUG, Some("405"), Some("method_not_allowed")),
            (Level::DEBUG, Some("400"), Some("malformed_json")),
            (Level::DEBUG, Some("415"), Some("unsupported_media_type")),
        ]
    );
    assert_eq!(
        events[2].field("cause"),
        Some("JSON body: EOF while parsing an object at line 1 column 12")
    );
    assert_eq!(
        events[3].field("cause"),
        Some(r#"Content-Type "text/plain"; expected application/json"#)
    );
}

#[tokio::test]
async fn a_panic_is_logged_at_error_and_its_message_never_sent() {
    let (capture, _guard) = Capture::install();
    let address = serve(app()).await;

    let (status, body) = send(reqwest::Client::new().get(format!("http://{address}/boom"))).await;
    assert_eq!(status, 500);
    assert_eq!(
        body,
        r#"{"error":"Internal server error","error_code":"internal_error","details":{}}"#
    );
    let events = capture.ours();
    assert_eq!(events.len(), 1, "{events:?}");
    assert_eq!(events[0].level, Level::ERROR);
    assert_eq!(events[0].field("error_code"), Some("internal_error"));
    assert_eq!(
        events[0].field("cause"),
        Some("handler panicked: handler exploded near sk_live_panic_secret")
    );
}

#[tokio::test]
async fn a_response_that_fails_to_serialise_is_logged_at_error() {
    let (capture, _guard) = Capture::install();
    let address = serve(app()).await;

    let (status, body) = send(reqwest::Client::new().get(format!("http://{address}/report"))).await;
    assert_eq!(status, 500);
    assert!(!body.contains("key must be"), "{body}");
    let events = capture.ours();
    assert_eq!(events.len(), 1, "{events:?}");
    assert_eq!(events[0].level, Level::ERROR);
    assert_eq!(
        events[0].field("cause"),
        Some("failed to serialise a JSON response: key must be a string")
    );
}

#[tokio::test]
async fn the_authorization_header_never_reaches_the_log() {
    let (capture, _guard) = Capture::install();
    let address = serve(app()).await;
    let client = reqwest::Client::new();

    let mut statuses = Vec::new();
    for (method, path, body) in [
        (reqwest::Method::GET, "/save", ""),
        (reqwest::Method::GET, "/unauthenticated", ""),
        (reqwest::Method::GET, "/invoices/missing", ""),
        (reqwest::Method::GET, "/boom", ""),
        (reqwest::Method::GET, "/nowhere", ""),
        (reqwest::Method::PUT, "/save", ""),
        (reqwest::Method::POST, "/payments", "{"),
        (reqwest::Method::POST, "/payments", r#"{"amount": "x"}"#),
    ] {
        let request = client
            .request(method, format!("http://{address}{path}"))
            .header(AUTHORIZATION, TOKEN)
            .header(CONTENT_TYPE, "application/json")
            .body(body);
        statuses.push(send(request).await.0);
    }
    assert_eq!(statuses, [500, 401, 404, 500, 404, 405, 400, 400]);

    let everything = capture.all();
    assert_eq!(capture.ours().len(), 8, "{everything:?}");
    for record in &everything {
        let text = record.text();
        assert!(!text.contains("sk_live_token_in_header"), "{text}");
        assert!(
            !text.to_ascii_lowercase().contains("authorization"),
            "{text}"
        );
    }
}

#[tokio::test]
async fn a_rejected_secret_field_is_redacted_from_the_log_but_named_to_the_client() {
    let (capture, _guard) = Capture::install();
    let address = serve(app()).await;

    let (status, body) = send(
        reqwest::Client::new()
            .post(format!("http://{address}/payments"))
            .header(CONTENT_TYPE, "application/json")
            .body(r#"{"amount": 1, "card_token": "tok_sk_live_42"}"#),
    )
    .await;
    assert_eq!(status, 400);
    assert_eq!(
        body,
        r#"{"error":"Validation errors in request data","error_code":"validation_error","details":{"card_token":["A valid number is required."]}}"#
    );
    let events = capture.ours();
    assert_eq!(events.len(), 1, "{events:?}");
    assert_eq!(
        events[0].field("cause"),
        Some("JSON body at card_token: expected f64, got a string")
    );
    assert!(
        capture
            .all()
            .iter()
            .all(|event| !event.text().contains("tok_sk_live_42"))
    );
}

#[test]
fn redact_json_hides_secrets_at_any_depth_and_keeps_order() {
    let body = br#"{
        "zeta": 1,
        "Password": "hunter2",
        "user": {"name": "ada", "API_KEY": "k-123", "tokens": ["t1", "t2"]},
        "items": [
            {"amount": 1.5, "client_secret": {"nested": "cs_1"}},
            [{"access_token": "at_1"}, null, true, -3]
        ],
        "refresh_token": null,
        "Authorization": "Bearer abc",
        "alpha": "caf\u00e9 \"quoted\"",
        "alpha": "duplicate kept"
    }"#;
    assert_eq!(
        redact_json(body),
        concat!(
            r#"{"zeta":1,"Password":"[REDACTED]","user":{"name":"ada","API_KEY":"[REDACTED]","tokens":"[REDACTED]"},"#,
            r#""items":[{"amount":1.5,"client_secret":"[REDACTED]"},[{"access_token":"[REDACTED]"},null,true,-3]],"#,
            r#""refresh_token":"[REDACTED]","Authorization":"[REDACTED]","alpha":"café \"quoted\"","alpha":"duplicate kept"}"#,
        )
    );
}

#[test]
fn redact_json_passes_non_objects_through_and_withholds_what_is_not_json() {
    assert_eq!(redact_json(b"[1, \"two\", {}]"), r#"[1,"two",{}]"#);
    assert_eq!(redact_json(b" 42 "), "42");
    assert_eq!(redact_json(b"{}"), "{}");
    assert_eq!(
        redact_json(br#"{"password": "hunter2""#),
        "[unparsable JSON body, 22 bytes]"
    );
    assert_eq!(
        redact_json(b"password=hunter2&user=ada"),
        "[unparsable JSON body, 25 bytes]"
    );
    assert_eq!(redact_json(b""), "[unparsable JSON body, 0 bytes]");
}

#[test]
fn sensitive_keys_are_matched_ignoring_case_and_separators() {
    for key in [
        "password",
        "PASSWORD",
        "new_password",
        "token",
        "access_token",
        "refresh-token",
        "secret",
        "client_secret",
        "authorization",
        "X-Authorization",
        "api_key",
        "ApiKey",
        "private.key",
        "credentials",
        "Set-Cookie",
    ] {
        assert!(is_sensitive_key(key), "{key}");
    }
    for key in ["amount", "email", "currency", "author", "key", "id", ""] {
        assert!(!is_sensitive_key(key), "{key}");
    }
}

#[test]
fn the_private_cause_skips_a_source_its_display_already_ends_with() {
    use error_contract::PrivateCause;

    #[derive(Debug, thiserror::Error)]
    #[error("database: {0}")]
    struct Database(#[source] std::io::Error);

    let error = Database(std::io::Error::other("disk full"));
    assert_eq!(
        PrivateCause::Error(&error).to_string(),
        "database: disk full"
    );
    let error = save_failure();
    assert_eq!(
        PrivateCause::Error(&error).to_string(),
        "saving invoice 7: connection to ledger lost: disk full at /var/ledger"
    );
    assert_eq!(error.message(), "Internal server error");
}

/// Levels chosen per variant and for the enum; a transparent variant keeps its field's.
#[derive(Debug, thiserror::Error, ApiError)]
#[api(log = "warn")]
enum LevelledError {
    /// Down for the nightly maintenance window: planned, not a page.
    #[error("maintenance window")]
    #[api(status = 503, retry_after = 600, log = "info")]
    Maintenance,

    /// A stale version, which clients handle themselves.
    #[error("stale version")]
    #[api(status = 409)]
    Stale,

    /// Probed all day by scanners.
    #[error("no such page")]
    #[api(status = 404, log = "off")]
    Probe,

    #[error(transparent)]
    #[api(transparent)]
    Common(CommonError),
}

#[test]
fn each_variant_logs_at_its_level_with_opentelemetry_names() {
    use error_contract::tracing::report_response;
    use error_contract::{LogLevel, PrivateCause};

    let cases = [
        (
            LevelledError::Maintenance,
            Some(Level::INFO),
            LogLevel::Info,
        ),
        (LevelledError::Stale, Some(Level::WARN), LogLevel::Warn),
        (LevelledError::Probe, None, LogLevel::Off),
        (
            LevelledError::Common(CommonError::InternalError),
            Some(Level::ERROR),
            LogLevel::Error,
        ),
        (
            LevelledError::Common(CommonError::NotFound),
            Some(Level::DEBUG),
            LogLevel::Debug,
        ),
    ];
    for (error, level, log_level) in cases {
        assert_eq!(error.log_level(), log_level, "{error:?}");
        let (capture, _guard) = Capture::install();
        report_response(&error, PrivateCause::Display(&"cause"));
        let events = capture.ours();
        let Some(level) = level else {
            assert!(events.is_empty(), "{error:?}: {events:?}");
            continue;
        };
        assert_eq!(events.len(), 1, "{error:?}: {events:?}");
        let event = &events[0];
        assert_eq!(event.level, level, "{error:?}");
        let status = error.status().as_u16().to_string();
        assert_eq!(
            event.field("http.response.status_code"),
            Some(status.as_str())
        );
        assert_eq!(event.field("status_code"), Some(status.as_str()));
        assert_eq!(event.field("error.type"), Some(error.error_code()));
        assert_eq!(event.field("error_code"), Some(error.error_code()));
    }
}
