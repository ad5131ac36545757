//! The reqwest client's retries, token refresh and classification, against the scripted
//! server of `support/reqwest.rs`.

#[path = "support/reqwest.rs"]
mod support;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::http::{StatusCode, header};
use error_contract::reqwest::{Client, ClientErrorKind, StaticToken, TokenError, TokenSource};
use error_contract::{
    CommonError, CommonErrorCode, Decision, IDEMPOTENCY_KEY, RetryBudget, RetryClass, RetryPolicy,
    Stop,
};

use support::{
    Failing, Script, ShopError, ShopErrorCode, Unavailable, assert_counted, canned, client,
    closed_port, created, envelope, fast_policy, get, ok, post, post_as, serve,
};

#[tokio::test]
async fn two_503s_then_200_succeeds_after_two_retries() {
    let unavailable = || envelope(CommonError::ServiceUnavailable);
    let script = Script::new(vec![unavailable(), unavailable(), ok()]);
    let addr = serve(script.clone()).await;
    let client = client();
    let response = get(&client, addr, "/v1/platform/businesses/")
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(script.requests(), 3);
}

#[tokio::test]
async fn four_500s_exhaust_the_retries_after_four_requests() {
    let script = Script::new(vec![envelope(CommonError::InternalError)]);
    let addr = serve(script.clone()).await;
    let client = client();
    let error = get(&client, addr, "/boom").await.unwrap_err();
    assert_eq!(script.requests(), 4);
    assert_eq!(error.attempts(), 4);
    assert_eq!(error.stop(), Some(Stop::Exhausted { attempts: 4 }));
    assert_eq!(error.last_class(), RetryClass::Transient);
    assert_eq!(error.code(), Some(CommonErrorCode::InternalError));
    assert_eq!(error.response().unwrap().message(), "Internal server error");
}

#[tokio::test]
async fn a_post_without_a_key_is_not_repeated_after_a_503() {
    let script = Script::new(vec![envelope(CommonError::ServiceUnavailable), ok()]);
    let addr = serve(script.clone()).await;
    let client = client();
    let error = post(&client, addr, "/invoices").await.unwrap_err();
    assert_eq!(script.requests(), 1);
    assert_eq!(error.stop(), Some(Stop::NotSafeToRetry));
    assert_eq!(error.attempts(), 1);
}

#[tokio::test]
async fn a_post_with_a_key_is_repeated_with_the_same_key() {
    let script = Script::new(vec![envelope(CommonError::ServiceUnavailable), created()]);
    let addr = serve(script.clone()).await;
    let client = client();
    let request = client
        .http()
        .post(format!("http://{addr}/invoices"))
        .header(IDEMPOTENCY_KEY, "key-123")
        .body("{}");
    let response = client.send::<CommonErrorCode>(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::CREATED);
    assert_eq!(
        script.header("idempotency-key"),
        [Some("key-123".to_owned()), Some("key-123".to_owned())]
    );
}

#[tokio::test]
async fn the_client_adds_one_fresh_key_to_a_post_on_request() {
    let script = Script::new(vec![envelope(CommonError::ServiceUnavailable), created()]);
    let addr = serve(script.clone()).await;
    let client = client().with_idempotency_keys();
    let response = post(&client, addr, "/invoices").await.unwrap();
    assert_eq!(response.status(), StatusCode::CREATED);
    let keys = script.header("idempotency-key");
    assert_eq!(keys.len(), 2);
    let key = keys[0].clone().expect("a key was added");
    assert_eq!(key.len(), 32);
    assert_eq!(
        keys[1].as_deref(),
        Some(key.as_str()),
        "the same key on the retry"
    );
}

/// Counts its calls and hands out `tok_old` until forced, then `tok_fresh`.
#[derive(Clone, Default)]
struct Rotating {
    calls: Arc<Mutex<Vec<bool>>>,
}

impl TokenSource for Rotating {
    async fn token(&self, force_refresh: bool) -> Result<String, TokenError> {
        self.calls.lock().unwrap().push(force_refresh);
        Ok(if force_refresh {
            "tok_fresh"
        } else {
            "tok_old"
        }
        .to_owned())
    }
}

#[tokio::test]
async fn a_401_refreshes_the_token_once_and_re_sends() {
    let script = Script::new(vec![envelope(CommonError::InvalidToken), ok()]);
    let addr = serve(script.clone()).await;
    let tokens = Rotating::default();
    let client = client().with_token_source(tokens.clone());
    let response = post(&client, addr, "/invoices").await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(*tokens.calls.lock().unwrap(), [false, true]);
    assert_eq!(
        script.header("authorization"),
        [
            Some("Bearer tok_old".to_owned()),
            Some("Bearer tok_fresh".to_owned())
        ]
    );
}

#[tokio::test]
async fn a_second_401_stops_after_one_refresh() {
    let script = Script::new(vec![envelope(CommonError::InvalidToken)]);
    let addr = serve(script.clone()).await;
    let tokens = Rotating::default();
    let client = client().with_token_source(tokens.clone());
    let error = get(&client, addr, "/businesses").await.unwrap_err();
    assert_eq!(script.requests(), 2);
    assert_eq!(*tokens.calls.lock().unwrap(), [false, true]);
    assert_eq!(error.stop(), Some(Stop::AuthRejectedAfterRefresh));
    assert_eq!(error.code(), Some(CommonErrorCode::InvalidToken));
    assert_eq!(error.last_class(), RetryClass::Reauthenticate);
    assert_eq!(
        error.attempts(),
        2,
        "the first request and the resend after the refresh"
    );
}

#[tokio::test]
async fn a_failed_refresh_stops_with_its_error() {
    let script = Script::new(vec![envelope(CommonError::InvalidToken)]);
    let addr = serve(script.clone()).await;
    let client = client().with_token_source(Failing);
    let error = get(&client, addr, "/businesses").await.unwrap_err();
    assert_eq!(script.requests(), 1);
    assert!(
        matches!(error.kind(), ClientErrorKind::Token(cause) if cause.to_string() == "the token endpoint is down")
    );
    assert_eq!(error.attempts(), 1);
}

#[tokio::test]
async fn a_static_token_is_re_sent_once_then_stops() {
    let script = Script::new(vec![envelope(CommonError::InvalidToken)]);
    let addr = serve(script.clone()).await;
    let client = client().with_token_source(StaticToken("tok_acme".to_owned()));
    let error = get(&client, addr, "/businesses").await.unwrap_err();
    assert_eq!(script.requests(), 2);
    assert_eq!(error.stop(), Some(Stop::AuthRejectedAfterRefresh));
}

#[tokio::test]
async fn a_401_without_a_token_source_is_final() {
    let script = Script::new(vec![envelope(CommonError::AuthenticationRequired)]);
    let addr = serve(script.clone()).await;
    let client = client();
    let error = get(&client, addr, "/businesses").await.unwrap_err();
    assert_eq!(script.requests(), 1);
    assert_eq!(error.code(), Some(CommonErrorCode::AuthenticationRequired));
    // The policy's own answer for a client with no token source, no longer rewritten by the
    // client into `Stop::Permanent`.
    assert_eq!(error.stop(), Some(Stop::CannotRefresh));
    assert_eq!(error.last_class(), RetryClass::Reauthenticate);
    assert_eq!(error.attempts(), 1);
}

#[tokio::test]
async fn a_refused_connection_is_not_sent_retried_then_exhausted() {
    // A port that was free a moment ago and has nothing listening now.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let client = client();
    let error = client
        .send::<CommonErrorCode>(
            client
                .http()
                .post(format!("http://127.0.0.1:{port}/invoices"))
                .body("{}"),
        )
        .await
        .unwrap_err();
    assert_counted(&error);
    assert_eq!(error.last_class(), RetryClass::NotSent);
    assert_eq!(error.stop(), Some(Stop::Exhausted { attempts: 4 }));
    assert_eq!(error.attempts(), 4, "NotSent is retried even for a POST");
    assert!(matches!(error.kind(), ClientErrorKind::Transport(_)));
}

#[tokio::test]
async fn a_handler_slower_than_the_timeout_is_transient() {
    let mut script = Script::new(vec![ok()]);
    script.delay = Duration::from_millis(400);
    let addr = serve(script.clone()).await;
    let http = reqwest::Client::builder()
        .timeout(Duration::from_millis(80))
        .build()
        .unwrap();
    let client = Client::new(http, fast_policy().max_retries(1));
    let error = get(&client, addr, "/slow").await.unwrap_err();
    assert_eq!(error.last_class(), RetryClass::Transient);
    assert_eq!(error.stop(), Some(Stop::Exhausted { attempts: 2 }));
    assert_eq!(error.attempts(), 2);
    assert_eq!(script.requests(), 2);
}

#[tokio::test]
async fn a_duplicate_external_id_is_surfaced_as_use_existing() {
    let script = Script::new(vec![envelope(ShopError::DuplicateExternalId(
        "ext-1".into(),
    ))]);
    let addr = serve(script.clone()).await;
    let client = client();
    let error = post_as::<ShopErrorCode>(&client, addr, "/invoices")
        .await
        .unwrap_err();
    assert!(error.is_use_existing());
    assert_eq!(error.outcome(), Decision::UseExisting);
    assert_eq!(error.code(), Some(ShopErrorCode::DuplicateExternalId));
    assert_eq!(
        error.response().unwrap().message(),
        "Invoice ext-1 already exists."
    );
    assert_eq!(script.requests(), 1);
}

#[tokio::test]
async fn a_429_with_retry_after_waits_at_least_that_long() {
    let mut throttled = envelope(CommonError::RateLimited);
    throttled
        .headers_mut()
        .insert(header::RETRY_AFTER, "1".parse().unwrap());
    let script = Script::new(vec![throttled, ok()]);
    let addr = serve(script.clone()).await;
    let client = client();
    let started = Instant::now();
    let response = get(&client, addr, "/businesses").await.unwrap();
    let waited = started.elapsed();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(waited >= Duration::from_secs(1), "waited only {waited:?}");
    assert!(waited < Duration::from_secs(3), "waited {waited:?}");
    assert_eq!(script.requests(), 2);
}

#[tokio::test]
async fn an_html_502_from_a_proxy_is_transient_and_keeps_its_status() {
    let proxy = canned(
        StatusCode::BAD_GATEWAY,
        "text/html",
        "<html><body><h1>502 Bad Gateway</h1></body></html>",
    );
    let script = Script::new(vec![proxy]);
    let addr = serve(script.clone()).await;
    let client = client();
    let error = get(&client, addr, "/businesses").await.unwrap_err();
    let response = error.response().unwrap();
    assert_eq!(response.status(), StatusCode::BAD_GATEWAY);
    assert_eq!(response.code(), None);
    assert!(!response.message().is_empty());
    assert!(!response.message().contains("<html>"));
    assert_eq!(error.last_class(), RetryClass::Transient);
    assert_eq!(script.requests(), 4);
}

#[tokio::test]
async fn a_body_that_cannot_be_cloned_is_sent_once() {
    let script = Script::new(vec![envelope(CommonError::ServiceUnavailable)]);
    let addr = serve(script.clone()).await;
    let client = client();
    let chunks: Vec<Result<&'static str, std::io::Error>> = vec![Ok("{"), Ok("}")];
    let request = client
        .http()
        .put(format!("http://{addr}/invoices/1"))
        .header(IDEMPOTENCY_KEY, "key-stream")
        .body(reqwest::Body::wrap_stream(futures_util::stream::iter(
            chunks,
        )));
    let error = client.send::<CommonErrorCode>(request).await.unwrap_err();
    assert_eq!(script.requests(), 1);
    assert_eq!(error.stop(), Some(Stop::NotSafeToRetry));
    assert_eq!(error.attempts(), 1);
}

#[tokio::test]
async fn the_budget_is_shared_by_clones_of_the_client() {
    let script = Script::new(vec![envelope(CommonError::ServiceUnavailable)]);
    let addr = serve(script.clone()).await;
    // Two retries in the bucket, no refill: the first request spends both.
    let client = Client::new(
        reqwest::Client::new(),
        fast_policy().budget(RetryBudget::new(2, 0)),
    );
    let clone = client.clone();
    let first = get(&client, addr, "/a").await.unwrap_err();
    assert_eq!(first.stop(), Some(Stop::BudgetExhausted));
    assert_eq!(first.attempts(), 3);
    let second = clone
        .send::<CommonErrorCode>(clone.http().get(format!("http://{addr}/b")))
        .await
        .unwrap_err();
    assert_eq!(second.stop(), Some(Stop::BudgetExhausted));
    assert_eq!(
        second.attempts(),
        1,
        "the clone found the shared bucket empty"
    );
    assert_eq!(script.requests(), 4);
}

#[tokio::test]
async fn the_deadline_stops_retrying() {
    let script = Script::new(vec![envelope(CommonError::ServiceUnavailable)]);
    let addr = serve(script.clone()).await;
    let policy = RetryPolicy::default()
        .base_delay(Duration::from_millis(100))
        .max_retries(10)
        .deadline(Duration::from_millis(250));
    let client = Client::new(reqwest::Client::new(), policy);
    let started = Instant::now();
    let error = get(&client, addr, "/a").await.unwrap_err();
    assert_eq!(error.stop(), Some(Stop::DeadlineExceeded));
    assert!(started.elapsed() < Duration::from_millis(400));
    assert!(script.requests() < 10);
}

/// A resolver that knows no names, so the DNS failure happens without any traffic.
struct NoDns;

impl reqwest::dns::Resolve for NoDns {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let name = name.as_str().to_owned();
        Box::pin(async move { Err(format!("no such host: {name}").into()) })
    }
}

#[tokio::test]
async fn a_dns_failure_is_not_sent_and_retried() {
    let http = reqwest::Client::builder()
        .dns_resolver(Arc::new(NoDns))
        .build()
        .unwrap();
    let client = Client::new(http, fast_policy());
    let error = client
        .send::<CommonErrorCode>(
            client
                .http()
                .post("http://partner.invalid/invoices")
                .body("{}"),
        )
        .await
        .unwrap_err();
    assert_counted(&error);
    assert_eq!(error.last_class(), RetryClass::NotSent);
    assert_eq!(error.stop(), Some(Stop::Exhausted { attempts: 4 }));
    assert_eq!(error.attempts(), 4);
}

#[tokio::test]
async fn a_request_body_that_fails_is_permanent() {
    let script = Script::new(vec![ok()]);
    let addr = serve(script.clone()).await;
    let client = client();
    let chunks: Vec<Result<&'static str, std::io::Error>> =
        vec![Ok("{"), Err(std::io::Error::other("disk gone"))];
    let request =
        client
            .http()
            .post(format!("http://{addr}/invoices"))
            .body(reqwest::Body::wrap_stream(futures_util::stream::iter(
                chunks,
            )));
    let error = client.send::<CommonErrorCode>(request).await.unwrap_err();
    assert!(matches!(error.kind(), ClientErrorKind::Transport(_)));
    assert_eq!(error.last_class(), RetryClass::Permanent);
    assert_eq!(error.attempts(), 1);
}

#[tokio::test]
async fn every_failed_attempt_is_reported_to_the_observer() {
    let script = Script::new(vec![
        envelope(CommonError::ServiceUnavailable),
        envelope(CommonError::InternalError),
        ok(),
    ]);
    let addr = serve(script.clone()).await;
    let seen = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&seen);
    let client =
        client().on_failed_attempt(move |attempt| sink.lock().unwrap().push(attempt.clone()));
    get(&client, addr, "/a").await.unwrap();
    let seen = seen.lock().unwrap();
    assert_eq!(seen.len(), 2);
    assert_eq!(seen[0].attempt, 1);
    assert_eq!(seen[0].status, Some(StatusCode::SERVICE_UNAVAILABLE));
    assert_eq!(seen[0].error_code.as_deref(), Some("service_unavailable"));
    assert_eq!(seen[0].class, RetryClass::Throttled);
    assert!(matches!(seen[0].decision, Decision::Retry { .. }));
    assert_eq!(seen[1].attempt, 2);
    assert_eq!(seen[1].class, RetryClass::Transient);
}

#[tokio::test]
async fn a_body_that_cannot_be_resent_spends_no_budget() {
    let script = Script::new(vec![envelope(CommonError::ServiceUnavailable)]);
    let addr = serve(script.clone()).await;
    let budget = RetryBudget::new(5, 0);
    let client = Client::new(reqwest::Client::new(), fast_policy().budget(budget.clone()));
    let chunks: Vec<Result<&'static str, std::io::Error>> = vec![Ok("{}")];
    let request = client
        .http()
        .post(format!("http://{addr}/invoices"))
        .header(IDEMPOTENCY_KEY, "key-stream")
        .body(reqwest::Body::wrap_stream(futures_util::stream::iter(
            chunks,
        )));
    let error = client.send::<CommonErrorCode>(request).await.unwrap_err();
    assert_eq!(error.stop(), Some(Stop::NotSafeToRetry));
    assert_eq!(budget.available(), 5);
    assert_eq!(script.requests(), 1);
    assert_eq!(error.attempts(), 1);
    assert_eq!(error.last_class(), RetryClass::Throttled);
}

/// A body of two chunks that `try_clone` cannot copy.
fn stream_body() -> reqwest::Body {
    let chunks: Vec<Result<&'static str, std::io::Error>> = vec![Ok("{"), Ok("}")];
    reqwest::Body::wrap_stream(futures_util::stream::iter(chunks))
}

#[tokio::test]
async fn a_streamed_get_answered_503_is_sent_once_and_spends_no_budget() {
    // A GET is safe to repeat and a 503 is retried: only the body stops the retry.
    let script = Script::new(vec![envelope(CommonError::ServiceUnavailable), ok()]);
    let addr = serve(script.clone()).await;
    let budget = RetryBudget::new(5, 0);
    let seen = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&seen);
    let client = Client::new(reqwest::Client::new(), fast_policy().budget(budget.clone()))
        .on_failed_attempt(move |attempt| sink.lock().unwrap().push(attempt.decision));
    let request = client
        .http()
        .get(format!("http://{addr}/exports"))
        .body(stream_body());
    let error = client.send::<CommonErrorCode>(request).await.unwrap_err();
    assert_eq!(script.requests(), 1);
    assert_eq!(error.stop(), Some(Stop::NotSafeToRetry));
    assert_eq!(error.attempts(), 1);
    assert_eq!(
        budget.available(),
        5,
        "no token for a retry that was not made"
    );
    assert_eq!(
        *seen.lock().unwrap(),
        [Decision::Stop(Stop::NotSafeToRetry)],
        "the observer sees the policy's answer"
    );
}

#[tokio::test]
async fn a_streamed_body_that_was_never_sent_is_not_sent_again() {
    // The connection is refused, so the server never saw it, but the body is consumed.
    let client = Client::new(
        reqwest::Client::new(),
        fast_policy().budget(RetryBudget::new(5, 0)),
    );
    let request = client
        .http()
        .put(format!("http://127.0.0.1:{}/invoices/1", closed_port()))
        .header(IDEMPOTENCY_KEY, "key-stream")
        .body(stream_body());
    let error = client.send::<CommonErrorCode>(request).await.unwrap_err();
    assert_eq!(error.last_class(), RetryClass::NotSent);
    assert_eq!(error.stop(), Some(Stop::NotSafeToRetry));
    assert_eq!(error.attempts(), 1);
}

#[tokio::test]
async fn a_streamed_body_answered_401_is_not_re_sent_after_a_refresh() {
    let script = Script::new(vec![envelope(CommonError::InvalidToken), ok()]);
    let addr = serve(script.clone()).await;
    let tokens = Rotating::default();
    let client = client().with_token_source(tokens.clone());
    let request = client
        .http()
        .put(format!("http://{addr}/invoices/1"))
        .body(stream_body());
    let error = client.send::<CommonErrorCode>(request).await.unwrap_err();
    assert_eq!(script.requests(), 1);
    assert_eq!(error.stop(), Some(Stop::NotSafeToRetry));
    assert_eq!(error.last_class(), RetryClass::Reauthenticate);
    assert_eq!(
        *tokens.calls.lock().unwrap(),
        [false],
        "no refresh for a request that cannot be re-sent"
    );
}

#[tokio::test]
async fn attempts_count_the_resend_after_a_refresh() {
    let script = Script::new(vec![
        envelope(CommonError::InvalidToken),
        envelope(CommonError::InternalError),
    ]);
    let addr = serve(script.clone()).await;
    let client = client().with_token_source(Rotating::default());
    let error = get(&client, addr, "/a").await.unwrap_err();
    assert_eq!(
        script.requests(),
        5,
        "the 401, then the first try and three retries of the 500"
    );
    assert_eq!(error.attempts(), 5);
    assert_eq!(error.stop(), Some(Stop::Exhausted { attempts: 5 }));
}

#[tokio::test]
async fn attempts_after_a_refresh_agree_with_the_policy_and_the_observer() {
    let script = Script::new(vec![
        envelope(CommonError::ServiceUnavailable),
        envelope(CommonError::InvalidToken),
        envelope(CommonError::ServiceUnavailable),
    ]);
    let addr = serve(script.clone()).await;
    let seen = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&seen);
    let client = Client::new(reqwest::Client::new(), fast_policy().max_retries(2))
        .with_token_source(Rotating::default())
        .on_failed_attempt(move |attempt| {
            sink.lock()
                .unwrap()
                .push((attempt.attempt, attempt.decision))
        });
    let error = get(&client, addr, "/a").await.unwrap_err();
    // 503 (retry), 401 (refresh), 503 (retry), 503: retries used up.
    assert_eq!(script.requests(), 4);
    assert_eq!(error.attempts(), 4);
    assert_eq!(error.stop(), Some(Stop::Exhausted { attempts: 4 }));
    let seen = seen.lock().unwrap();
    let numbers: Vec<u32> = seen.iter().map(|(attempt, _)| *attempt).collect();
    assert_eq!(numbers, [1, 2, 3, 4]);
    assert_eq!(seen[1].1, Decision::RefreshCredentialsThenRetry);
    assert_eq!(seen[3].1, Decision::Stop(Stop::Exhausted { attempts: 4 }));
}

#[tokio::test]
async fn a_token_source_failing_before_the_first_attempt_sends_nothing() {
    let script = Script::new(vec![ok()]);
    let addr = serve(script.clone()).await;
    let client = client().with_token_source(Unavailable);
    let error = get(&client, addr, "/a").await.unwrap_err();
    assert_eq!(script.requests(), 0);
    assert_eq!(error.attempts(), 0);
    assert_eq!(error.stop(), Some(Stop::Permanent));
    assert!(
        matches!(error.kind(), ClientErrorKind::Token(cause) if cause.to_string() == "vault sealed")
    );
}

/// A server whose clock is an hour ahead asks to come back at a date one second after its
/// own `Date`: the client waits that second, measured on the server's clock, rather than the
/// hour and a second its own clock reads (which would exceed the policy's limit and stop).
#[tokio::test]
async fn a_retry_after_date_is_measured_against_the_servers_date() {
    let server_now = std::time::SystemTime::now() + Duration::from_secs(3600);
    let mut throttled = envelope(CommonError::ServiceUnavailable);
    throttled.headers_mut().insert(
        header::DATE,
        httpdate::fmt_http_date(server_now).parse().unwrap(),
    );
    throttled.headers_mut().insert(
        header::RETRY_AFTER,
        httpdate::fmt_http_date(server_now + Duration::from_secs(1))
            .parse()
            .unwrap(),
    );
    let script = Script::new(vec![throttled, ok()]);
    let addr = serve(script.clone()).await;
    let client = client();
    let started = Instant::now();
    let response = get(&client, addr, "/businesses").await.unwrap();
    let waited = started.elapsed();
    assert_eq!(response.status(), StatusCode::OK);
    // An HTTP-date has whole seconds: the wait is 0 to 1 s, never the hour.
    assert!(waited < Duration::from_secs(3), "waited {waited:?}");
    assert_eq!(script.requests(), 2);
}

/// `reqwest::Error` is `Retryable` by the contract's table, for a team that drives its own
/// retries: refused is `NotSent`, a timeout after sending `Transient`.
#[tokio::test]
async fn a_reqwest_error_has_the_contracts_class() {
    use error_contract::Retryable;

    let refused = reqwest::get(format!("http://127.0.0.1:{}/", support::closed_port()))
        .await
        .unwrap_err();
    assert_eq!(refused.retry_class(), RetryClass::NotSent);
    assert_eq!(refused.retry_after(), None);

    let mut script = Script::new(vec![ok()]);
    script.delay = Duration::from_secs(2);
    let addr = serve(script.clone()).await;
    let timed_out = reqwest::Client::new()
        .get(format!("http://{addr}/slow"))
        .timeout(Duration::from_millis(100))
        .send()
        .await
        .unwrap_err();
    assert!(timed_out.is_timeout(), "{timed_out:?}");
    assert_eq!(timed_out.retry_class(), RetryClass::Transient);
    assert_eq!(script.requests(), 1);
}
