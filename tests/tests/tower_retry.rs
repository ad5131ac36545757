//! `ContractRetry`, the `tower::retry::Policy`, around a `tower::Service` of `http` requests
//! talking to a real server on 127.0.0.1: the contract's table decides, `Retry-After` is
//! waited, an unsafe method is not repeated, the count and the deadline hold.

#[path = "support/reqwest.rs"]
mod support;

use std::time::{Duration, Instant};

use axum::http::{StatusCode, header};
use error_contract::tower::ContractRetry;
use error_contract::{CommonError, RetryPolicy};
use support::{Script, canned, envelope, ok, serve};
use tower::retry::RetryLayer;
use tower::{Service, ServiceBuilder, ServiceExt};

type Request = http::Request<String>;
type Response = http::Response<Vec<u8>>;

/// A `tower::Service` of `http` requests that sends them with reqwest: any HTTP client
/// shaped as tower expects.
fn http_service()
-> impl Service<Request, Response = Response, Error = reqwest::Error, Future: Send> + Clone {
    let client = reqwest::Client::new();
    tower::service_fn(move |request: Request| {
        let client = client.clone();
        async move {
            let request = reqwest::Request::try_from(request.map(reqwest::Body::from))?;
            let response = client.execute(request).await?;
            let mut answer = http::Response::builder().status(response.status());
            for (name, value) in response.headers() {
                answer = answer.header(name, value);
            }
            let body = response.bytes().await?.to_vec();
            Ok(answer.body(body).expect("a valid response"))
        }
    })
}

fn policy() -> RetryPolicy {
    RetryPolicy::default()
        .base_delay(Duration::from_millis(5))
        .max_delay(Duration::from_millis(20))
}

async fn call(
    policy: RetryPolicy,
    method: http::Method,
    url: String,
    idempotency_key: bool,
) -> Result<Response, reqwest::Error> {
    let mut service = ServiceBuilder::new()
        .layer(RetryLayer::new(ContractRetry::new(policy)))
        .service(http_service());
    let mut request = http::Request::builder().method(method).uri(url);
    if idempotency_key {
        request = request.header("idempotency-key", "key-1");
    }
    let request = request.body(String::from("{}")).unwrap();
    service.ready().await?.call(request).await
}

/// Serves `answers` (the last repeats), sends one request through the retry layer and
/// returns its final status and how many requests the server received.
async fn through(
    answers: Vec<support::Canned>,
    method: http::Method,
    idempotency_key: bool,
) -> (StatusCode, usize, Script) {
    let script = Script::new(answers);
    let addr = serve(script.clone()).await;
    let response = call(
        policy(),
        method,
        format!("http://{addr}/a"),
        idempotency_key,
    )
    .await
    .unwrap();
    (response.status(), script.requests(), script)
}

#[tokio::test]
async fn a_503_then_success_is_retried_and_a_404_is_not() {
    let unavailable = envelope(CommonError::ServiceUnavailable);
    let (status, requests, _) = through(vec![unavailable, ok()], http::Method::GET, false).await;
    assert_eq!((status, requests), (StatusCode::OK, 2));

    let missing = envelope(CommonError::NotFound);
    let (status, requests, _) = through(vec![missing], http::Method::GET, false).await;
    assert_eq!((status, requests), (StatusCode::NOT_FOUND, 1));
}

#[tokio::test]
async fn retries_stop_at_the_policys_count_and_unsafe_methods_are_not_repeated() {
    let failing = envelope(CommonError::InternalError);
    let (status, requests, _) = through(vec![failing], http::Method::GET, false).await;
    assert_eq!(
        (status, requests),
        (StatusCode::INTERNAL_SERVER_ERROR, 4),
        "one attempt and three retries"
    );

    let unavailable = || vec![envelope(CommonError::ServiceUnavailable), ok()];
    let (status, requests, _) = through(unavailable(), http::Method::POST, false).await;
    assert_eq!(
        (status, requests),
        (StatusCode::SERVICE_UNAVAILABLE, 1),
        "a POST without a key is not repeated"
    );

    let (status, requests, script) = through(unavailable(), http::Method::POST, true).await;
    assert_eq!(
        (status, requests),
        (StatusCode::OK, 2),
        "a POST with an Idempotency-Key is"
    );
    assert_eq!(
        script.header("idempotency-key"),
        vec![Some("key-1".to_owned()); 2]
    );
}

#[tokio::test]
async fn retry_after_is_waited_and_a_refused_connection_is_retried() {
    let mut throttled = envelope(CommonError::RateLimited);
    throttled
        .headers_mut()
        .insert(header::RETRY_AFTER, "1".parse().unwrap());
    let script = Script::new(vec![throttled, ok()]);
    let addr = serve(script.clone()).await;
    let started = Instant::now();
    let response = call(
        policy(),
        http::Method::GET,
        format!("http://{addr}/a"),
        false,
    )
    .await
    .unwrap();
    let waited = started.elapsed();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(waited >= Duration::from_secs(1), "waited only {waited:?}");
    assert!(waited < Duration::from_secs(3), "waited {waited:?}");

    // Refused every time: retried as `NotSent`, then the transport error is returned.
    let started = Instant::now();
    let refused = call(
        policy(),
        http::Method::POST,
        format!("http://127.0.0.1:{}/a", support::closed_port()),
        false,
    )
    .await
    .unwrap_err();
    assert!(refused.is_connect(), "{refused:?}");
    assert!(started.elapsed() < Duration::from_secs(2));
}

#[tokio::test]
async fn the_deadline_holds_across_retries() {
    let mut slow = Script::new(vec![canned(
        StatusCode::BAD_GATEWAY,
        "text/html",
        "<html>502</html>",
    )]);
    // Three attempts take 600 ms: the third ends past the 500 ms deadline, so no fourth.
    slow.delay = Duration::from_millis(200);
    let addr = serve(slow.clone()).await;
    let started = Instant::now();
    let response = call(
        policy()
            .base_delay(Duration::from_millis(200))
            .deadline(Duration::from_millis(500)),
        http::Method::GET,
        format!("http://{addr}/a"),
        false,
    )
    .await
    .unwrap();
    assert_eq!(response.status(), StatusCode::BAD_GATEWAY);
    // The policy stops once the next wait would end past the deadline.
    assert!(slow.requests() < 4, "{} requests", slow.requests());
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
}

/// One service, two requests: each counts its own retries.
#[tokio::test]
async fn each_request_through_one_service_counts_its_own_retries() {
    let script = Script::new(vec![envelope(CommonError::InternalError)]);
    let addr = serve(script.clone()).await;
    let mut service = ServiceBuilder::new()
        .layer(RetryLayer::new(ContractRetry::new(policy())))
        .service(http_service());
    for expected in [4, 8] {
        let request = http::Request::get(format!("http://{addr}/a"))
            .body(String::new())
            .unwrap();
        let response = service.ready().await.unwrap().call(request).await.unwrap();
        assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(script.requests(), expected);
    }
}
