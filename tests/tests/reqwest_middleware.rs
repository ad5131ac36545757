//! `RetryMiddleware` in a reqwest-middleware stack: the reqwest client's retries, token
//! refresh, classification, time bounds and rate-limit pacing, with the request counts and
//! timings of `reqwest_client.rs`, `reqwest_deadline.rs` and `rate_limit.rs`, against the
//! scripted servers of `support/reqwest.rs` (and a timed one of its own for the pacing).

#[path = "support/reqwest.rs"]
mod support;

use std::future::Future;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::http::{StatusCode, header};
use error_contract::http::Extensions;
use error_contract::reqwest::{ClientError, ClientErrorKind, TokenError, TokenSource};
use error_contract::reqwest_middleware::RetryMiddleware;
use error_contract::{
    ApiError, CommonError, CommonErrorCode, Decision, ErrorCode, ErrorResponse, IDEMPOTENCY_KEY,
    RetryBudget, RetryClass, RetryPolicy, Stop,
};
use reqwest::{Request, Response};
use reqwest_middleware::{ClientBuilder, ClientWithMiddleware, Next};

/// What a middleware written as a function returns.
type Handled<'a> = Pin<Box<dyn Future<Output = reqwest_middleware::Result<Response>> + Send + 'a>>;

use support::{
    Hostile, Script, ShopError, ShopErrorCode, Unavailable, canned, closed_port, created, envelope,
    fast_policy, hostile, ok, serve,
};

/// The time a call may take past its bound: scheduling, connecting and tearing down.
const MARGIN: Duration = Duration::from_millis(500);

/// A stack of one middleware: `retry`.
fn stack<C: ErrorCode + Send + Sync>(retry: RetryMiddleware<C>) -> ClientWithMiddleware {
    ClientBuilder::new(reqwest::Client::new())
        .with(retry)
        .build()
}

/// The guide's policy with millisecond delays, decoding `CommonError`'s codes.
fn retrying() -> RetryMiddleware<CommonErrorCode> {
    RetryMiddleware::new(fast_policy())
}

/// What the middleware made of the error response it handed back.
fn outcome<C: ErrorCode + Send + Sync>(response: &Response) -> ClientError<C> {
    response
        .extensions()
        .get::<ClientError<C>>()
        .cloned()
        .expect("an error response carries the loop's ClientError")
}

/// The `ClientError` of an `Err` the middleware returned for a timeout or a token failure.
fn client_error(error: &reqwest_middleware::Error) -> &ClientError<CommonErrorCode> {
    match error {
        reqwest_middleware::Error::Middleware(error) => error
            .downcast_ref::<ClientError<CommonErrorCode>>()
            .expect("the middleware's own error is a ClientError"),
        reqwest_middleware::Error::Reqwest(error) => {
            panic!("expected a ClientError, got {error:?}")
        }
    }
}

/// Checks that the loop's count of requests sent is the policy's, when it ran out.
fn assert_counted<C: ErrorCode>(error: &ClientError<C>) {
    if let Some(Stop::Exhausted { attempts }) = error.stop() {
        assert_eq!(error.attempts(), attempts);
    }
}

async fn get(client: &ClientWithMiddleware, addr: SocketAddr, path: &str) -> Response {
    client
        .get(format!("http://{addr}{path}"))
        .send()
        .await
        .expect("a server's answer is a response")
}

async fn post(client: &ClientWithMiddleware, addr: SocketAddr, path: &str) -> Response {
    client
        .post(format!("http://{addr}{path}"))
        .body("{}")
        .send()
        .await
        .expect("a server's answer is a response")
}

/// The body the server sent for `error`.
fn body_of(error: &impl ApiError) -> String {
    String::from_utf8(error.to_json()).unwrap()
}

#[tokio::test]
async fn a_503_then_200_succeeds_after_one_retry() {
    let script = Script::new(vec![envelope(CommonError::ServiceUnavailable), ok()]);
    let addr = serve(script.clone()).await;
    let response = get(&stack(retrying()), addr, "/v1/platform/businesses/").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(
        response
            .extensions()
            .get::<ClientError<CommonErrorCode>>()
            .is_none(),
        "a success carries no error"
    );
    assert_eq!(script.requests(), 2);
}

#[tokio::test]
async fn four_500s_exhaust_the_retries_and_the_last_body_is_readable() {
    let script = Script::new(vec![envelope(CommonError::InternalError)]);
    let addr = serve(script.clone()).await;
    let response = get(&stack(retrying()), addr, "/boom").await;
    assert_eq!(script.requests(), 4);
    assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(response.url().path(), "/boom", "the url it came from");
    let error = outcome::<CommonErrorCode>(&response);
    assert_counted(&error);
    assert_eq!(error.attempts(), 4);
    assert_eq!(error.stop(), Some(Stop::Exhausted { attempts: 4 }));
    assert_eq!(error.last_class(), RetryClass::Transient);
    assert_eq!(error.code(), Some(CommonErrorCode::InternalError));
    assert_eq!(
        response.headers()[header::CONTENT_TYPE],
        "application/json",
        "the headers it came with"
    );
    assert_eq!(
        response.text().await.unwrap(),
        body_of(&CommonError::InternalError)
    );
}

#[tokio::test]
async fn a_post_without_a_key_is_not_repeated_after_a_503() {
    let script = Script::new(vec![envelope(CommonError::ServiceUnavailable), ok()]);
    let addr = serve(script.clone()).await;
    let response = post(&stack(retrying()), addr, "/invoices").await;
    assert_eq!(script.requests(), 1);
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    let error = outcome::<CommonErrorCode>(&response);
    assert_eq!(error.stop(), Some(Stop::NotSafeToRetry));
    assert_eq!(error.attempts(), 1);
}

#[tokio::test]
async fn a_post_with_a_key_is_repeated_with_the_same_key() {
    let script = Script::new(vec![envelope(CommonError::ServiceUnavailable), created()]);
    let addr = serve(script.clone()).await;
    let response = stack(retrying())
        .post(format!("http://{addr}/invoices"))
        .header(IDEMPOTENCY_KEY, "key-123")
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::CREATED);
    assert_eq!(
        script.header("idempotency-key"),
        [Some("key-123".to_owned()), Some("key-123".to_owned())]
    );
}

#[tokio::test]
async fn the_middleware_adds_one_fresh_key_to_a_post_on_request() {
    let script = Script::new(vec![envelope(CommonError::ServiceUnavailable), created()]);
    let addr = serve(script.clone()).await;
    let response = post(
        &stack(retrying().with_idempotency_keys()),
        addr,
        "/invoices",
    )
    .await;
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

#[tokio::test]
async fn a_429_with_retry_after_waits_at_least_that_long() {
    let mut throttled = envelope(CommonError::RateLimited);
    throttled
        .headers_mut()
        .insert(header::RETRY_AFTER, "1".parse().unwrap());
    let script = Script::new(vec![throttled, ok()]);
    let addr = serve(script.clone()).await;
    let started = Instant::now();
    let response = get(&stack(retrying()), addr, "/businesses").await;
    let waited = started.elapsed();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(waited >= Duration::from_secs(1), "waited only {waited:?}");
    assert!(waited < Duration::from_secs(3), "waited {waited:?}");
    assert_eq!(script.requests(), 2);
}

/// When each request arrived, and the status it was answered with.
type Arrivals = Arc<Mutex<Vec<(Instant, StatusCode)>>>;

/// A server on 127.0.0.1 that serves one request per second, as `rate_limit.rs`'s
/// `Timed::one_per_second`: a request within a second of the last one served is refused with
/// a 429, and every answer says the quota is used up for the next second.
async fn one_per_second() -> (SocketAddr, Arrivals) {
    let arrivals = Arrivals::default();
    let seen = Arc::clone(&arrivals);
    let answer = move || {
        let arrivals = Arc::clone(&seen);
        async move {
            let now = Instant::now();
            let mut arrivals = arrivals.lock().unwrap();
            let last_served = arrivals
                .iter()
                .rev()
                .find(|(_, status)| *status == StatusCode::OK);
            let mut canned = match last_served {
                Some((at, _)) if now.duration_since(*at) < Duration::from_secs(1) => {
                    envelope(CommonError::RateLimited)
                }
                _ => ok(),
            };
            canned
                .headers_mut()
                .insert("ratelimit", r#""default";r=0;t=1"#.parse().unwrap());
            arrivals.push((now, canned.status()));
            canned.map(axum::body::Body::from)
        }
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = axum::Router::new().route("/{*path}", axum::routing::any(answer));
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (addr, arrivals)
}

#[tokio::test]
async fn a_pacing_middleware_waits_out_a_used_up_quota_and_earns_no_429() {
    let (addr, arrivals) = one_per_second().await;
    let client = stack(retrying().with_rate_limit_pacing());
    let first = get(&client, addr, "/v1/invoices/").await;
    assert_eq!(first.status(), StatusCode::OK);
    let second = get(&client, addr, "/v1/invoices/").await;
    assert_eq!(second.status(), StatusCode::OK);
    let arrivals = arrivals.lock().unwrap();
    let statuses: Vec<_> = arrivals.iter().map(|(_, status)| *status).collect();
    assert_eq!(statuses, [StatusCode::OK, StatusCode::OK]);
    let gap = arrivals[1].0.duration_since(arrivals[0].0);
    assert!(gap >= Duration::from_secs(1), "{gap:?}");
    assert!(gap < Duration::from_millis(2500), "{gap:?}");
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
    let client = stack(retrying().with_token_source(tokens.clone()));
    let response = post(&client, addr, "/invoices").await;
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
    let response = get(
        &stack(retrying().with_token_source(tokens.clone())),
        addr,
        "/a",
    )
    .await;
    assert_eq!(script.requests(), 2);
    assert_eq!(*tokens.calls.lock().unwrap(), [false, true]);
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    let error = outcome::<CommonErrorCode>(&response);
    assert_eq!(error.stop(), Some(Stop::AuthRejectedAfterRefresh));
    assert_eq!(error.attempts(), 2);
}

#[tokio::test]
async fn a_401_without_a_token_source_is_final() {
    let script = Script::new(vec![envelope(CommonError::AuthenticationRequired)]);
    let addr = serve(script.clone()).await;
    let response = get(&stack(retrying()), addr, "/a").await;
    assert_eq!(script.requests(), 1);
    let error = outcome::<CommonErrorCode>(&response);
    assert_eq!(error.stop(), Some(Stop::CannotRefresh));
    assert_eq!(error.last_class(), RetryClass::Reauthenticate);
}

#[tokio::test]
async fn a_token_source_failing_before_the_first_attempt_sends_nothing() {
    let script = Script::new(vec![ok()]);
    let addr = serve(script.clone()).await;
    let client = stack(retrying().with_token_source(Unavailable));
    let error = client
        .get(format!("http://{addr}/a"))
        .send()
        .await
        .unwrap_err();
    assert_eq!(script.requests(), 0);
    let error = client_error(&error);
    assert_eq!(error.attempts(), 0);
    assert!(
        matches!(error.kind(), ClientErrorKind::Token(cause) if cause.to_string() == "vault sealed")
    );
}

#[tokio::test]
async fn a_duplicate_external_id_is_not_retried_and_its_body_is_readable() {
    let duplicate = ShopError::DuplicateExternalId("ext-1".into());
    let script = Script::new(vec![envelope(ShopError::DuplicateExternalId(
        "ext-1".into(),
    ))]);
    let addr = serve(script.clone()).await;
    let client = stack(RetryMiddleware::<ShopErrorCode>::new(fast_policy()));
    let response = post(&client, addr, "/invoices").await;
    assert_eq!(script.requests(), 1);
    assert_eq!(response.status(), StatusCode::CONFLICT);
    let error = outcome::<ShopErrorCode>(&response);
    assert!(error.is_use_existing());
    assert_eq!(error.outcome(), Decision::UseExisting);
    assert_eq!(error.last_class(), RetryClass::AlreadyExists);
    assert_eq!(error.code(), Some(ShopErrorCode::DuplicateExternalId));
    let status = response.status();
    let headers = response.headers().clone();
    let body = response.bytes().await.unwrap();
    assert_eq!(body, body_of(&duplicate).as_bytes());
    // The caller's own decoding of the body it was handed agrees with the middleware's.
    let decoded = ErrorResponse::<ShopErrorCode>::from_parts(status, &headers, &body);
    assert_eq!(decoded.message(), "Invoice ext-1 already exists.");
    assert_eq!(Some(&decoded), error.response());
}

#[tokio::test]
async fn an_html_502_from_a_proxy_is_transient_and_handed_back_as_sent() {
    let page = "<html><body><h1>502 Bad Gateway</h1></body></html>";
    let script = Script::new(vec![canned(StatusCode::BAD_GATEWAY, "text/html", page)]);
    let addr = serve(script.clone()).await;
    let response = get(&stack(retrying()), addr, "/businesses").await;
    assert_eq!(script.requests(), 4);
    assert_eq!(response.status(), StatusCode::BAD_GATEWAY);
    let error = outcome::<CommonErrorCode>(&response);
    assert_eq!(error.last_class(), RetryClass::Transient);
    let decoded = error.response().unwrap();
    assert_eq!(decoded.code(), None);
    assert!(!decoded.message().contains("<html>"));
    assert_eq!(response.text().await.unwrap(), page);
}

#[tokio::test]
async fn a_body_over_the_limit_is_not_decoded_and_handed_back_whole() {
    let script = Script::new(vec![envelope(CommonError::InternalError)]);
    let addr = serve(script.clone()).await;
    let response = get(&stack(retrying().with_body_limit(8)), addr, "/boom").await;
    assert_eq!(script.requests(), 4, "a 500 by its status alone");
    let error = outcome::<CommonErrorCode>(&response);
    assert_eq!(error.code(), None, "not decoded");
    assert_eq!(
        response.text().await.unwrap(),
        body_of(&CommonError::InternalError)
    );
}

#[tokio::test]
async fn a_body_that_cannot_be_cloned_is_sent_once() {
    let script = Script::new(vec![envelope(CommonError::ServiceUnavailable), ok()]);
    let addr = serve(script.clone()).await;
    let budget = RetryBudget::new(5, 0);
    let client = stack(RetryMiddleware::<CommonErrorCode>::new(
        fast_policy().budget(budget.clone()),
    ));
    let chunks: Vec<Result<&'static str, std::io::Error>> = vec![Ok("{"), Ok("}")];
    let response = client
        .put(format!("http://{addr}/invoices/1"))
        .header(IDEMPOTENCY_KEY, "key-stream")
        .body(reqwest::Body::wrap_stream(futures_util::stream::iter(
            chunks,
        )))
        .send()
        .await
        .unwrap();
    assert_eq!(script.requests(), 1);
    let error = outcome::<CommonErrorCode>(&response);
    assert_eq!(error.stop(), Some(Stop::NotSafeToRetry));
    assert_eq!(budget.available(), 5, "no token for a retry not made");
}

#[tokio::test]
async fn a_refused_connection_is_retried_and_returned_as_reqwests_error() {
    let attempts = Arc::new(AtomicUsize::new(0));
    let seen = Arc::clone(&attempts);
    let retry = retrying().on_failed_attempt(move |attempt| {
        assert_eq!(attempt.class, RetryClass::NotSent);
        seen.fetch_add(1, Ordering::SeqCst);
    });
    let url = format!("http://127.0.0.1:{}/invoices", closed_port());
    let error = stack(retry).post(&url).body("{}").send().await.unwrap_err();
    assert!(error.is_connect(), "{error:?}");
    assert_eq!(error.url().map(reqwest::Url::as_str), Some(url.as_str()));
    assert_eq!(
        attempts.load(Ordering::SeqCst),
        4,
        "NotSent is retried even for a POST"
    );
}

#[tokio::test]
async fn the_budget_stops_retries_and_is_shared_by_clones() {
    let script = Script::new(vec![envelope(CommonError::ServiceUnavailable)]);
    let addr = serve(script.clone()).await;
    // Two retries in the bucket, no refill: the first request spends both.
    let retry =
        RetryMiddleware::<CommonErrorCode>::new(fast_policy().budget(RetryBudget::new(2, 0)));
    let first = get(&stack(retry.clone()), addr, "/a").await;
    let first = outcome::<CommonErrorCode>(&first);
    assert_eq!(first.stop(), Some(Stop::BudgetExhausted));
    assert_eq!(first.attempts(), 3);
    let second = get(&stack(retry), addr, "/b").await;
    let second = outcome::<CommonErrorCode>(&second);
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
    let started = Instant::now();
    let response = get(
        &stack(RetryMiddleware::<CommonErrorCode>::new(policy)),
        addr,
        "/a",
    )
    .await;
    assert_eq!(
        outcome::<CommonErrorCode>(&response).stop(),
        Some(Stop::DeadlineExceeded)
    );
    assert!(started.elapsed() < Duration::from_millis(400));
    assert!(script.requests() < 10);
}

#[tokio::test]
async fn a_server_that_never_answers_is_given_up_on_at_the_deadline() {
    let (addr, heads) = hostile(Hostile::Silent).await;
    let retry = RetryMiddleware::<CommonErrorCode>::new(
        RetryPolicy::default().deadline(Duration::from_secs(1)),
    );
    let started = Instant::now();
    let error = stack(retry)
        .get(format!("http://{addr}/silent"))
        .send()
        .await
        .unwrap_err();
    let took = started.elapsed();
    assert!(took >= Duration::from_secs(1), "{took:?}");
    assert!(took < Duration::from_secs(1) + MARGIN, "{took:?}");
    assert_eq!(heads.load(Ordering::SeqCst), 1);
    let error = client_error(&error);
    assert_eq!(error.attempts(), 1);
    assert_eq!(error.stop(), Some(Stop::DeadlineExceeded));
    let ClientErrorKind::TimedOut(timeout) = error.kind() else {
        panic!("expected a timeout, got {:?}", error.kind());
    };
    assert!(timeout.deadline);
    assert_eq!(
        error.to_string(),
        "API request gave up after 1 attempt (deadline exceeded): no response within 1s, when the deadline ran out"
    );
}

#[tokio::test]
async fn a_stalled_error_body_times_out_each_attempt() {
    let (addr, heads) = hostile(Hostile::Stall).await;
    let policy = fast_policy()
        .jitter(error_contract::Jitter::None)
        .max_retries(2)
        .attempt_timeout(Duration::from_millis(300));
    let started = Instant::now();
    let error = stack(RetryMiddleware::<CommonErrorCode>::new(policy))
        .get(format!("http://{addr}/stall"))
        .send()
        .await
        .unwrap_err();
    let took = started.elapsed();
    // Three attempts of 300 ms, and backoffs of 5 ms and 10 ms.
    assert!(took >= Duration::from_millis(915), "{took:?}");
    assert!(took < Duration::from_millis(915) + MARGIN, "{took:?}");
    assert_eq!(heads.load(Ordering::SeqCst), 3);
    let error = client_error(&error);
    assert_eq!(error.stop(), Some(Stop::Exhausted { attempts: 3 }));
    assert!(
        matches!(error.kind(), ClientErrorKind::TimedOut(timeout) if timeout.status == Some(StatusCode::INTERNAL_SERVER_ERROR)),
        "{:?}",
        error.kind()
    );
}

/// Attempts that reached [`per_attempt`].
static PER_ATTEMPT: AtomicUsize = AtomicUsize::new(0);

/// A middleware after the retry middleware: it sees each attempt, with its token.
fn per_attempt<'a>(
    request: Request,
    extensions: &'a mut Extensions,
    next: Next<'a>,
) -> Handled<'a> {
    assert_eq!(
        request.headers()[header::AUTHORIZATION],
        "Bearer tok_old",
        "the retry middleware's token"
    );
    PER_ATTEMPT.fetch_add(1, Ordering::SeqCst);
    next.run(request, extensions)
}

#[tokio::test]
async fn a_middleware_after_it_sees_every_attempt() {
    let script = Script::new(vec![
        envelope(CommonError::ServiceUnavailable),
        envelope(CommonError::InternalError),
        ok(),
    ]);
    let addr = serve(script.clone()).await;
    let client = ClientBuilder::new(reqwest::Client::new())
        .with(retrying().with_token_source(error_contract::reqwest::StaticToken("tok_old".into())))
        .with(per_attempt)
        .build();
    let response = get(&client, addr, "/a").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(script.requests(), 3);
    assert_eq!(PER_ATTEMPT.load(Ordering::SeqCst), 3);
}

/// A middleware after the retry middleware that refuses every request.
fn circuit_open<'a>(_: Request, _: &'a mut Extensions, _: Next<'a>) -> Handled<'a> {
    Box::pin(async {
        Err(reqwest_middleware::Error::middleware(
            std::io::Error::other("circuit open"),
        ))
    })
}

#[tokio::test]
async fn a_later_middlewares_error_is_returned_as_is_and_not_retried() {
    let failed = Arc::new(AtomicUsize::new(0));
    let seen = Arc::clone(&failed);
    let client = ClientBuilder::new(reqwest::Client::new())
        .with(retrying().on_failed_attempt(move |_| {
            seen.fetch_add(1, Ordering::SeqCst);
        }))
        .with(circuit_open)
        .build();
    let error = client
        .get(format!("http://127.0.0.1:{}/a", closed_port()))
        .send()
        .await
        .unwrap_err();
    assert!(error.is_middleware());
    assert_eq!(error.to_string(), "circuit open");
    assert_eq!(
        failed.load(Ordering::SeqCst),
        0,
        "no attempt was classified"
    );
}
