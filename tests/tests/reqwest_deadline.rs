//! The policy's time bounds every attempt of the reqwest client — connect, send, the wait for
//! the response's head and the read of an error body — against hostile raw TCP servers on
//! 127.0.0.1 that never answer, drip their body or stall after the head.

#[path = "support/reqwest.rs"]
mod support;

use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use error_contract::reqwest::{AttemptTimeout, Client, ClientErrorKind};
use error_contract::{Jitter, RetryClass, RetryPolicy, Stop};

use support::{Hostile, fast_policy, get, hostile};

/// The time `send` may take past its bound: scheduling, connecting and tearing down.
const MARGIN: Duration = Duration::from_millis(500);

fn ms(millis: u64) -> Duration {
    Duration::from_millis(millis)
}

#[test]
fn the_default_policy_bounds_each_attempt_by_30_seconds() {
    assert_eq!(
        RetryPolicy::DEFAULT_ATTEMPT_TIMEOUT,
        Duration::from_secs(30)
    );
    let policy = RetryPolicy::default();
    assert_eq!(
        policy.attempt_limit(Duration::ZERO),
        Duration::from_secs(30)
    );
    assert_eq!(
        policy.attempt_limit(Duration::from_secs(3600)),
        Duration::from_secs(30)
    );
    assert_eq!(policy.time_left(Duration::ZERO), None);
}

#[test]
fn the_deadline_shortens_the_attempt_limit() {
    let policy = RetryPolicy::default()
        .deadline(Duration::from_secs(1))
        .attempt_timeout(ms(300));
    assert_eq!(policy.attempt_limit(Duration::ZERO), ms(300));
    assert_eq!(policy.attempt_limit(ms(800)), ms(200));
    assert_eq!(policy.attempt_limit(ms(1500)), Duration::ZERO);
    assert_eq!(policy.time_left(ms(800)), Some(ms(200)));
    assert_ne!(
        policy,
        RetryPolicy::default().deadline(Duration::from_secs(1))
    );
}

#[tokio::test]
async fn a_server_that_never_answers_is_given_up_on_at_the_deadline() {
    let (addr, heads) = hostile(Hostile::Silent).await;
    let client = Client::new(
        reqwest::Client::new(),
        RetryPolicy::default().deadline(Duration::from_secs(1)),
    );
    let started = Instant::now();
    let error = get(&client, addr, "/silent").await.unwrap_err();
    let took = started.elapsed();
    eprintln!("silent server, deadline 1 s: send returned after {took:?}");
    assert!(took >= Duration::from_secs(1), "{took:?}");
    assert!(took < Duration::from_secs(1) + MARGIN, "{took:?}");
    assert_eq!(heads.load(Ordering::SeqCst), 1);
    assert_eq!(error.attempts(), 1);
    assert_eq!(error.last_class(), RetryClass::Transient);
    assert_eq!(error.stop(), Some(Stop::DeadlineExceeded));
    assert!(error.response().is_none(), "no server answer");
    let ClientErrorKind::TimedOut(timeout) = error.kind() else {
        panic!("expected a timeout, got {:?}", error.kind());
    };
    assert!(timeout.deadline);
    assert_eq!(timeout.status, None);
    assert_eq!(
        error.to_string(),
        "API request gave up after 1 attempt (deadline exceeded): no response within 1s, when the deadline ran out"
    );
}

#[tokio::test]
async fn a_dripping_error_body_is_cut_off_at_the_deadline() {
    let (addr, heads) = hostile(Hostile::Drip).await;
    let client = Client::new(
        reqwest::Client::new(),
        RetryPolicy::default().deadline(Duration::from_secs(1)),
    );
    let started = Instant::now();
    let error = get(&client, addr, "/drip").await.unwrap_err();
    let took = started.elapsed();
    eprintln!("dripping 503 body, deadline 1 s: send returned after {took:?}");
    assert!(took >= Duration::from_secs(1), "{took:?}");
    assert!(took < Duration::from_secs(1) + MARGIN, "{took:?}");
    assert_eq!(heads.load(Ordering::SeqCst), 1);
    assert_eq!(error.attempts(), 1);
    assert_eq!(error.last_class(), RetryClass::Transient);
    assert_eq!(error.stop(), Some(Stop::DeadlineExceeded));
    assert!(
        error.response().is_none(),
        "a cut-off body is not an answer"
    );
    let expected = AttemptTimeout::new(Duration::from_secs(1))
        .by_deadline()
        .reading_body(http::StatusCode::SERVICE_UNAVAILABLE);
    assert!(
        matches!(error.kind(), ClientErrorKind::TimedOut(timeout) if *timeout == expected),
        "{:?}",
        error.kind()
    );
    assert_eq!(
        error.to_string(),
        "API request gave up after 1 attempt (deadline exceeded): the 503 error body was not read within 1s, when the deadline ran out"
    );
}

#[tokio::test]
async fn a_stalled_body_times_out_each_attempt_and_is_retried() {
    let (addr, heads) = hostile(Hostile::Stall).await;
    let policy = fast_policy()
        .jitter(Jitter::None)
        .max_retries(2)
        .attempt_timeout(ms(300));
    let client = Client::new(reqwest::Client::new(), policy);
    let started = Instant::now();
    let error = get(&client, addr, "/stall").await.unwrap_err();
    let took = started.elapsed();
    eprintln!("stalled 500 body, 3 attempts of 300 ms: send returned after {took:?}");
    // Three attempts of 300 ms, and backoffs of 5 ms and 10 ms.
    assert!(took >= ms(915), "{took:?}");
    assert!(took < ms(915) + MARGIN, "{took:?}");
    assert_eq!(heads.load(Ordering::SeqCst), 3);
    assert_eq!(error.attempts(), 3);
    assert_eq!(error.stop(), Some(Stop::Exhausted { attempts: 3 }));
    assert_eq!(error.last_class(), RetryClass::Transient);
    let expected =
        AttemptTimeout::new(ms(300)).reading_body(http::StatusCode::INTERNAL_SERVER_ERROR);
    assert!(
        matches!(error.kind(), ClientErrorKind::TimedOut(timeout) if *timeout == expected),
        "{:?}",
        error.kind()
    );
    assert_eq!(
        error.to_string(),
        "API request gave up after 3 attempts (retries exhausted): the 500 error body was not read within the attempt timeout of 300ms"
    );
}

#[tokio::test]
async fn attempt_timeouts_are_retried_until_the_deadline_cuts_the_last_one() {
    let (addr, heads) = hostile(Hostile::Silent).await;
    let policy = fast_policy()
        .jitter(Jitter::None)
        .max_retries(10)
        .attempt_timeout(ms(300))
        .deadline(ms(1100));
    let client = Client::new(reqwest::Client::new(), policy);
    let started = Instant::now();
    let error = get(&client, addr, "/silent").await.unwrap_err();
    let took = started.elapsed();
    eprintln!("silent server, 300 ms attempts, deadline 1.1 s: send returned after {took:?}");
    assert!(took >= ms(1100), "{took:?}");
    assert!(took < ms(1100) + MARGIN, "{took:?}");
    // 300 + 5 + 300 + 10 + 300 + 20 ms, then what is left of the deadline.
    assert_eq!(heads.load(Ordering::SeqCst), 4);
    assert_eq!(error.attempts(), 4);
    assert_eq!(error.stop(), Some(Stop::DeadlineExceeded));
    let ClientErrorKind::TimedOut(timeout) = error.kind() else {
        panic!("expected a timeout, got {:?}", error.kind());
    };
    assert!(timeout.deadline);
    assert!(timeout.limit < ms(300), "{timeout:?}");
}

#[tokio::test]
async fn a_post_cut_by_its_attempt_timeout_is_not_repeated() {
    let (addr, heads) = hostile(Hostile::Silent).await;
    let client = Client::new(
        reqwest::Client::new(),
        fast_policy().attempt_timeout(ms(200)),
    );
    let started = Instant::now();
    let error = support::post(&client, addr, "/invoices").await.unwrap_err();
    let took = started.elapsed();
    assert!(took < ms(200) + MARGIN, "{took:?}");
    assert_eq!(heads.load(Ordering::SeqCst), 1);
    assert_eq!(error.stop(), Some(Stop::NotSafeToRetry));
    assert_eq!(
        error.to_string(),
        "API request gave up after 1 attempt (the request is not safe to repeat): no response within the attempt timeout of 200ms"
    );
}
