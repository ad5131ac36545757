//! What the reqwest client logs, and at which level: one event per retried attempt, one
//! final event per request that did not succeed. Against the scripted server of
//! `support/reqwest.rs`.

#[path = "support/reqwest.rs"]
mod support;

use axum::http::StatusCode;
use error_contract::reqwest::{Client, LogLevel, LogLevels, StaticToken};
use error_contract::{CommonError, CommonErrorCode, RetryClass};
use error_contract_tests::capture::{Capture, Captured};
use tracing::Level;

use support::{
    Failing, Script, ShopError, ShopErrorCode, Unavailable, assert_counted, canned, client,
    closed_port, envelope, fast_policy, get, io_cause, ok, post, post_as, serve,
};

/// Each event of error-contract as `(level, message, attempt)`.
fn summary(capture: &Capture) -> Vec<(Level, String, String)> {
    capture
        .ours()
        .iter()
        .map(|event| {
            (
                event.level,
                event.field("message").unwrap_or_default().to_owned(),
                event.field("attempt").unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

fn retried(attempt: u32) -> (Level, String, String) {
    (
        Level::WARN,
        "API request failed".to_owned(),
        attempt.to_string(),
    )
}

fn gave_up(level: Level, attempt: u32) -> (Level, String, String) {
    (level, "API request gave up".to_owned(), attempt.to_string())
}

/// The last event: the final one.
fn last(capture: &Capture) -> Captured {
    capture.ours().pop().expect("an event")
}

#[tokio::test]
async fn every_failed_attempt_and_the_final_failure_are_logged_without_secrets() {
    let (capture, _guard) = error_contract_tests::capture::Capture::install();
    let script = Script::new(vec![envelope(CommonError::InternalError)]);
    let addr = serve(script.clone()).await;
    let client = client().with_token_source(StaticToken("tok_secret".to_owned()));
    let url = format!("http://{addr}/v1/platform/businesses/?api_key=query_secret");
    let error = client
        .send::<CommonErrorCode>(client.http().get(url))
        .await
        .unwrap_err();
    assert_counted(&error);
    assert_eq!(error.attempts(), 4);

    let events = capture.ours();
    let attempts: Vec<_> = events
        .iter()
        .filter(|event| event.level == tracing::Level::WARN)
        .collect();
    // The final attempt is logged once, by the final event at ERROR, not also at WARN.
    assert_eq!(attempts.len(), 3, "{events:#?}");
    for (index, event) in attempts.iter().enumerate() {
        assert_eq!(
            event.field("url"),
            Some(format!("http://{addr}/v1/platform/businesses/").as_str())
        );
        assert_eq!(event.field("status_code"), Some("500"));
        assert_eq!(event.field("error_code"), Some("internal_error"));
        assert_eq!(event.field("error"), Some("Internal server error"));
        assert_eq!(
            event.field("attempt"),
            Some((index + 1).to_string().as_str())
        );
        // OpenTelemetry's names for the same facts.
        assert_eq!(
            event.field("url.full"),
            Some(format!("http://{addr}/v1/platform/businesses/").as_str())
        );
        assert_eq!(event.field("server.address"), Some("127.0.0.1"));
        assert_eq!(event.field("http.response.status_code"), Some("500"));
        assert_eq!(event.field("error.type"), Some("internal_error"));
        assert_eq!(
            event.field("http.request.resend_count"),
            Some(index.to_string().as_str())
        );
    }
    assert!(
        attempts[0]
            .field("decision")
            .unwrap()
            .starts_with("retry in")
    );
    let final_failure: Vec<_> = events
        .iter()
        .filter(|event| event.level == tracing::Level::ERROR)
        .collect();
    assert_eq!(final_failure.len(), 1);
    assert_eq!(final_failure[0].field("attempt"), Some("4"));
    assert_eq!(final_failure[0].field("status_code"), Some("500"));
    assert_eq!(
        final_failure[0].field("http.request.resend_count"),
        Some("3")
    );
    assert_eq!(final_failure[0].field("error.type"), Some("internal_error"));
    for event in capture.all() {
        let text = event.text();
        assert!(
            !text.contains("tok_secret") && !text.contains("Bearer"),
            "{text}"
        );
        assert!(!text.contains("query_secret"), "{text}");
    }
}

#[tokio::test]
async fn a_transport_failure_logs_and_reports_no_query_string() {
    let (capture, _guard) = error_contract_tests::capture::Capture::install();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let client = Client::new(reqwest::Client::new(), fast_policy().max_retries(1));
    let error = client
        .send::<CommonErrorCode>(
            client
                .http()
                .get(format!("http://127.0.0.1:{port}/x?api_key=query_secret")),
        )
        .await
        .unwrap_err();
    assert_counted(&error);
    assert_eq!(error.last_class(), RetryClass::NotSent);
    assert!(!error.to_string().contains("query_secret"), "{error}");
    let events = capture.ours();
    // The final attempt is logged once, by the final event.
    assert_eq!(
        events.len(),
        2,
        "the retried attempt and the final failure: {events:#?}"
    );
    for event in &events {
        assert_eq!(event.field("error.type"), Some("connect"), "{event:?}");
        assert_eq!(
            event.field("url.full"),
            Some(format!("http://127.0.0.1:{port}/x").as_str())
        );
    }
    for event in capture.all() {
        assert!(!event.text().contains("query_secret"), "{}", event.text());
    }
}

#[tokio::test]
async fn retries_that_end_in_a_success_log_one_warn_each_and_no_final_event() {
    let (capture, _guard) = Capture::install();
    let unavailable = || envelope(CommonError::ServiceUnavailable);
    let script = Script::new(vec![unavailable(), unavailable(), ok()]);
    let addr = serve(script.clone()).await;
    get(&client(), addr, "/a").await.unwrap();
    assert_eq!(summary(&capture), [retried(1), retried(2)]);
    for event in capture.ours() {
        assert_eq!(event.field("status_code"), Some("503"));
        assert_eq!(event.field("error_code"), Some("service_unavailable"));
        assert_eq!(event.field("retry_class"), Some("throttled"));
        assert!(event.field("decision").unwrap().starts_with("retry in"));
    }
}

#[tokio::test]
async fn four_500s_log_three_warns_and_one_error() {
    let (capture, _guard) = Capture::install();
    let script = Script::new(vec![envelope(CommonError::InternalError)]);
    let addr = serve(script.clone()).await;
    get(&client(), addr, "/a").await.unwrap_err();
    assert_eq!(
        summary(&capture),
        [retried(1), retried(2), retried(3), gave_up(Level::ERROR, 4)]
    );
    let last = last(&capture);
    assert_eq!(last.field("url"), Some(format!("http://{addr}/a").as_str()));
    assert_eq!(last.field("status_code"), Some("500"));
    assert_eq!(last.field("error_code"), Some("internal_error"));
    assert_eq!(last.field("error"), Some("Internal server error"));
    assert_eq!(
        last.field("decision"),
        Some("gave up: retries exhausted after 4 attempts")
    );
}

#[tokio::test]
async fn a_503_that_is_not_safe_to_repeat_is_an_error_at_once() {
    let (capture, _guard) = Capture::install();
    let script = Script::new(vec![envelope(CommonError::ServiceUnavailable)]);
    let addr = serve(script.clone()).await;
    post(&client(), addr, "/invoices").await.unwrap_err();
    assert_eq!(summary(&capture), [gave_up(Level::ERROR, 1)]);
}

#[tokio::test]
async fn a_404_is_one_warn_and_nothing_at_error() {
    let (capture, _guard) = Capture::install();
    let script = Script::new(vec![envelope(CommonError::NotFound)]);
    let addr = serve(script.clone()).await;
    get(&client(), addr, "/invoices/42").await.unwrap_err();
    assert_eq!(summary(&capture), [gave_up(Level::WARN, 1)]);
    let last = last(&capture);
    assert_eq!(last.field("status_code"), Some("404"));
    assert_eq!(last.field("error_code"), Some("not_found"));
    assert_eq!(last.field("error"), Some("Not found."));
    assert_eq!(
        last.field("decision"),
        Some("gave up: the failure is permanent")
    );
}

#[tokio::test]
async fn a_429_whose_retries_ran_out_ends_at_warn() {
    let (capture, _guard) = Capture::install();
    let script = Script::new(vec![envelope(CommonError::RateLimited)]);
    let addr = serve(script.clone()).await;
    let client = Client::new(reqwest::Client::new(), fast_policy().max_retries(1));
    get(&client, addr, "/a").await.unwrap_err();
    assert_eq!(summary(&capture), [retried(1), gave_up(Level::WARN, 2)]);
}

#[tokio::test]
async fn a_401_without_a_token_source_is_one_warn_with_the_policy_s_reason() {
    let (capture, _guard) = Capture::install();
    let script = Script::new(vec![envelope(CommonError::AuthenticationRequired)]);
    let addr = serve(script.clone()).await;
    get(&client(), addr, "/a").await.unwrap_err();
    assert_eq!(summary(&capture), [gave_up(Level::WARN, 1)]);
    let last = last(&capture);
    assert_eq!(last.field("status_code"), Some("401"));
    assert_eq!(last.field("retry_class"), Some("reauthenticate"));
    assert_eq!(
        last.field("decision"),
        Some(
            "gave up: the server asked for new credentials and the client has no way to refresh them"
        )
    );
}

#[tokio::test]
async fn a_use_existing_409_is_logged_at_debug_only() {
    let (capture, _guard) = Capture::install();
    let script = Script::new(vec![envelope(ShopError::DuplicateExternalId(
        "ext-1".into(),
    ))]);
    let addr = serve(script.clone()).await;
    let client = client();
    let error = post_as::<ShopErrorCode>(&client, addr, "/invoices")
        .await
        .unwrap_err();
    assert!(error.is_use_existing());
    assert_eq!(
        summary(&capture),
        [(
            Level::DEBUG,
            "API request found an existing resource".to_owned(),
            "1".to_owned()
        )]
    );
    let last = last(&capture);
    assert_eq!(last.field("status_code"), Some("409"));
    assert_eq!(last.field("error_code"), Some("duplicate_external_id"));
    assert_eq!(last.field("decision"), Some("use the existing resource"));
}

#[tokio::test]
async fn a_refused_connection_ends_at_error_with_its_cause() {
    let (capture, _guard) = Capture::install();
    let port = closed_port();
    let client = client();
    let error = client
        .send::<CommonErrorCode>(
            client
                .http()
                .get(format!("http://127.0.0.1:{port}/a?api_key=query_secret")),
        )
        .await
        .unwrap_err();
    assert_counted(&error);
    let cause = format!(
        "error sending request: client error (Connect): tcp connect error: {}",
        io_cause(&error)
    );
    let in_transit = |attempt: u32| {
        (
            Level::WARN,
            "API request failed in transit".to_owned(),
            attempt.to_string(),
        )
    };
    assert_eq!(
        summary(&capture),
        [
            in_transit(1),
            in_transit(2),
            in_transit(3),
            gave_up(Level::ERROR, 4)
        ]
    );
    for event in capture.ours() {
        assert_eq!(
            event.field("error"),
            Some(cause.as_str()),
            "each cause once"
        );
        assert_eq!(event.field("retry_class"), Some("not_sent"));
        assert_eq!(
            event.field("url"),
            Some(format!("http://127.0.0.1:{port}/a").as_str())
        );
        assert_eq!(event.field("status_code"), None);
        assert!(!event.text().contains("query_secret"), "{}", event.text());
    }
}

#[tokio::test]
async fn a_failed_token_source_ends_at_error() {
    let (capture, _guard) = Capture::install();
    let script = Script::new(vec![ok()]);
    let addr = serve(script.clone()).await;
    get(&client().with_token_source(Unavailable), addr, "/a")
        .await
        .unwrap_err();
    assert_eq!(summary(&capture), [gave_up(Level::ERROR, 0)]);
    assert_eq!(last(&capture).field("error"), Some("vault sealed"));
    assert_eq!(
        last(&capture).field("url"),
        Some(format!("http://{addr}/a").as_str())
    );
}

#[tokio::test]
async fn a_failed_refresh_logs_the_401_then_an_error() {
    let (capture, _guard) = Capture::install();
    let script = Script::new(vec![envelope(CommonError::InvalidToken)]);
    let addr = serve(script.clone()).await;
    get(&client().with_token_source(Failing), addr, "/a")
        .await
        .unwrap_err();
    assert_eq!(summary(&capture), [retried(1), gave_up(Level::ERROR, 1)]);
    let events = capture.ours();
    assert_eq!(
        events[0].field("decision"),
        Some("refresh credentials, then retry")
    );
    assert_eq!(events[1].field("error"), Some("the token endpoint is down"));
}

#[tokio::test]
async fn a_request_that_cannot_be_built_ends_at_error_without_a_url() {
    let (capture, _guard) = Capture::install();
    let client = client();
    client
        .send::<CommonErrorCode>(
            client
                .http()
                .get("http://127.0.0.1:9/a")
                .header("bad header", "x"),
        )
        .await
        .unwrap_err();
    assert_eq!(summary(&capture), [gave_up(Level::ERROR, 0)]);
    let last = last(&capture);
    assert_eq!(last.field("url"), None);
    assert_eq!(
        last.field("error"),
        Some("builder error: invalid HTTP header name")
    );
}

#[tokio::test]
async fn the_levels_can_be_configured() {
    let (capture, _guard) = Capture::install();
    let script = Script::new(vec![
        envelope(CommonError::ServiceUnavailable),
        envelope(CommonError::InternalError),
    ]);
    let addr = serve(script.clone()).await;
    let levels = LogLevels::default()
        .retried(LogLevel::Info)
        .server_error(LogLevel::Warn)
        .status(StatusCode::NOT_FOUND, LogLevel::Debug);
    let client =
        Client::new(reqwest::Client::new(), fast_policy().max_retries(1)).with_log_levels(levels);
    get(&client, addr, "/a").await.unwrap_err();
    assert_eq!(
        summary(&capture),
        [
            (Level::INFO, "API request failed".to_owned(), "1".to_owned()),
            gave_up(Level::WARN, 2),
        ]
    );
}

#[tokio::test]
async fn a_level_set_for_a_status_wins_and_off_logs_nothing() {
    let (capture, _guard) = Capture::install();
    let levels = LogLevels::default()
        .status(StatusCode::NOT_FOUND, LogLevel::Info)
        .status(StatusCode::NOT_FOUND, LogLevel::Debug)
        .client_error(LogLevel::Off);
    let client = client().with_log_levels(levels);
    let not_found = Script::new(vec![envelope(CommonError::NotFound)]);
    let addr = serve(not_found).await;
    get(&client, addr, "/invoices/42").await.unwrap_err();
    assert_eq!(
        summary(&capture),
        [gave_up(Level::DEBUG, 1)],
        "the last level set wins"
    );

    let unprocessable = Script::new(vec![canned(
        StatusCode::UNPROCESSABLE_ENTITY,
        "application/json",
        r#"{"error":"Bad","error_code":"validation_error","details":{}}"#,
    )]);
    let addr = serve(unprocessable).await;
    get(&client, addr, "/invoices").await.unwrap_err();
    assert_eq!(summary(&capture).len(), 1, "a 422 at Off is not logged");
}
