//! The retry policy: DESIGN.md's "Retry classification" table, backoff and jitter,
//! `Retry-After`, method safety, credential refresh, the retry budget and the deadline.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use error_contract::{
    ApiError, AttemptState, Decision, Jitter, RequestFacts, RetryAfter, RetryBudget, RetryClass,
    RetryPolicy, Retryable, Stop,
};
use http::{HeaderMap, HeaderValue, Method, StatusCode};
use proptest::prelude::*;

/// A failure with a fixed class and `Retry-After`, as a decoded response would report them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Failure {
    class: RetryClass,
    retry_after: Option<Duration>,
}

impl Failure {
    const fn class(class: RetryClass) -> Self {
        Self {
            class,
            retry_after: None,
        }
    }

    /// The class the status table gives `status`.
    fn status(status: u16) -> Self {
        let status = StatusCode::from_u16(status).expect("the tests use valid statuses");
        Self::class(status.retry_class())
    }

    const fn retry_after(self, retry_after: Duration) -> Self {
        Self {
            retry_after: Some(retry_after),
            ..self
        }
    }

    /// `Retry-After` as the header `value` says it, counted from `now`.
    fn retry_after_header(self, value: &str, now: SystemTime) -> Self {
        Self {
            retry_after: RetryAfter::parse(value).map(|after| after.delay_from(now)),
            ..self
        }
    }
}

impl Retryable for Failure {
    fn retry_class(&self) -> RetryClass {
        self.class
    }

    fn retry_after(&self) -> Option<Duration> {
        self.retry_after
    }
}

const fn secs(seconds: u64) -> Duration {
    Duration::from_secs(seconds)
}

const fn millis(millis: u64) -> Duration {
    Duration::from_millis(millis)
}

const fn retry(after: Duration) -> Decision {
    Decision::Retry { after }
}

const fn stop(stop: Stop) -> Decision {
    Decision::Stop(stop)
}

const fn after_retries(retries: u32) -> AttemptState {
    AttemptState::new().with_retries(retries)
}

fn get() -> RequestFacts {
    RequestFacts::new(Method::GET)
}

fn post() -> RequestFacts {
    RequestFacts::new(Method::POST)
}

/// `random` for the table: with the default equal jitter it gives 3/4 of the nominal delay,
/// 750 ms before the first retry, 1.5 s before the second, 3 s before the third.
const HALF: f64 = 0.5;

/// Sun, 06 Nov 1994 08:49:37 GMT, the date of RFC 9110's examples.
fn rfc_date() -> SystemTime {
    UNIX_EPOCH + secs(784_111_777)
}

#[test]
fn default_policy_follows_the_design_table() {
    struct Case {
        name: &'static str,
        failure: Failure,
        request: RequestFacts,
        state: AttemptState,
        expected: Decision,
    }
    let case = |name, failure, request, state, expected| Case {
        name,
        failure,
        request,
        state,
        expected,
    };
    let fresh = AttemptState::default();
    let throttled = Failure::class(RetryClass::Throttled);
    let transient = Failure::class(RetryClass::Transient);
    let not_sent = Failure::class(RetryClass::NotSent);

    let retryable = [503, 500, 502, 504, 408, 429].map(|status| {
        case(
            "GET, retryable status",
            Failure::status(status),
            get(),
            fresh,
            retry(millis(750)),
        )
    });
    let permanent = [501, 505, 400, 403, 404, 405, 410, 422, 599].map(|status| {
        case(
            "GET, permanent status",
            Failure::status(status),
            get(),
            fresh,
            stop(Stop::Permanent),
        )
    });
    let refreshed = fresh.with_auth_refreshes(1);
    #[rustfmt::skip]
    let others = [
        case("second retry", Failure::status(503), get(), after_retries(1), retry(millis(1500))),
        case("third retry", Failure::status(503), get(), after_retries(2), retry(secs(3))),
        case("max_retries reached", Failure::status(503), get(), after_retries(3), stop(Stop::Exhausted { attempts: 4 })),
        case("past max_retries", Failure::status(500), get(), after_retries(7), stop(Stop::Exhausted { attempts: 8 })),
        case("HEAD", Failure::status(502), RequestFacts::new(Method::HEAD), fresh, retry(millis(750))),
        case("OPTIONS", Failure::status(502), RequestFacts::new(Method::OPTIONS), fresh, retry(millis(750))),
        case("POST without a key", Failure::status(503), post(), fresh, stop(Stop::NotSafeToRetry)),
        case("POST with a key", Failure::status(500), post().with_idempotency_key(), fresh, retry(millis(750))),
        case("POST not sent", not_sent, post(), fresh, retry(millis(750))),
        case("PATCH not sent", not_sent, RequestFacts::new(Method::PATCH), after_retries(2), retry(secs(3))),
        case("PUT by default", Failure::status(502), RequestFacts::new(Method::PUT), fresh, stop(Stop::NotSafeToRetry)),
        case("DELETE by default", Failure::status(504), RequestFacts::new(Method::DELETE), fresh, stop(Stop::NotSafeToRetry)),
        case("PATCH", Failure::status(504), RequestFacts::new(Method::PATCH), fresh, stop(Stop::NotSafeToRetry)),
        case("method safety before max_retries", Failure::status(503), post(), after_retries(3), stop(Stop::NotSafeToRetry)),
        case("not sent, max_retries reached", not_sent, post(), after_retries(3), stop(Stop::Exhausted { attempts: 4 })),
        case("401", Failure::status(401), get(), fresh, Decision::RefreshCredentialsThenRetry),
        case("401 on a POST", Failure::status(401), post(), fresh, Decision::RefreshCredentialsThenRetry),
        case("401 with the retries used up", Failure::status(401), get(), after_retries(3), Decision::RefreshCredentialsThenRetry),
        case("401 after a refresh", Failure::status(401), get(), refreshed, stop(Stop::AuthRejectedAfterRefresh)),
        case("409 already_exists", Failure::class(RetryClass::AlreadyExists), post(), fresh, Decision::UseExisting),
        case("plain 409", Failure::status(409), post(), fresh, stop(Stop::Permanent)),
        case("Retry-After 7", throttled.retry_after(secs(7)), get(), fresh, retry(secs(7))),
        case("Retry-After 7 on a 500", transient.retry_after(secs(7)), get(), fresh, retry(secs(7))),
        case("Retry-After 0", throttled.retry_after(Duration::ZERO), get(), fresh, retry(millis(750))),
        case("Retry-After below the backoff", throttled.retry_after(secs(1)), get(), after_retries(2), retry(secs(3))),
        case("Retry-After at the limit", throttled.retry_after(secs(60)), get(), fresh, retry(secs(60))),
        case("Retry-After above the limit", throttled.retry_after(secs(61)), get(), fresh, stop(Stop::RetryAfterTooLong(secs(61)))),
        case("Retry-After 3600", throttled.retry_after_header("3600", rfc_date()), get(), fresh, stop(Stop::RetryAfterTooLong(secs(3600)))),
        case("Retry-After overflowing", throttled.retry_after_header("99999999999999999999", rfc_date()), get(), fresh, stop(Stop::RetryAfterTooLong(secs(u64::MAX)))),
        case("Retry-After invalid", throttled.retry_after_header("1.5", rfc_date()), get(), fresh, retry(millis(750))),
        case("400 with Retry-After", Failure::status(400).retry_after(secs(7)), get(), fresh, stop(Stop::Permanent)),
        case("Retry-After after max_retries", throttled.retry_after(secs(7)), get(), after_retries(3), stop(Stop::Exhausted { attempts: 4 })),
        case("long Retry-After after max_retries", throttled.retry_after(secs(3600)), get(), after_retries(3), stop(Stop::Exhausted { attempts: 4 })),
        case("Retry-After on an unsafe request", throttled.retry_after(secs(3600)), post(), fresh, stop(Stop::NotSafeToRetry)),
        case("Retry-After of a request never sent", not_sent.retry_after(secs(3600)), get(), fresh, retry(millis(750))),
    ];
    let cases: Vec<Case> = retryable
        .into_iter()
        .chain(permanent)
        .chain(others)
        .collect();

    let policy = RetryPolicy::default();
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|case| {
            let got = policy.decide(&case.failure, &case.request, &case.state, HALF);
            (got != case.expected).then(|| {
                format!(
                    "{} ({:?}, {} {:?}, {:?}): expected {:?}, got {got:?}",
                    case.name,
                    case.failure.class,
                    case.request.method,
                    case.failure.retry_after,
                    case.state,
                    case.expected
                )
            })
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn status_codes_are_failures_themselves() {
    let policy = RetryPolicy::default().jitter(Jitter::None);
    let state = AttemptState::default();
    assert_eq!(
        policy.decide(&StatusCode::GATEWAY_TIMEOUT, &get(), &state, HALF),
        retry(secs(1))
    );
    assert_eq!(
        policy.decide(&StatusCode::TOO_MANY_REQUESTS, &get(), &state, HALF),
        retry(secs(1))
    );
    assert_eq!(
        policy.decide(&StatusCode::NOT_IMPLEMENTED, &get(), &state, HALF),
        stop(Stop::Permanent)
    );
    assert_eq!(
        policy.decide(&RetryClass::NotSent, &post(), &state, HALF),
        retry(secs(1))
    );
}

#[test]
fn derived_errors_carry_their_class_and_retry_after() {
    #[derive(Debug, thiserror::Error, ApiError)]
    enum InvoiceError {
        #[error("duplicate external id {external_id}")]
        #[api(status = 409, retry = "already_exists")]
        DuplicateExternalId { external_id: String },

        #[error("maintenance")]
        #[api(status = 503, retry_after = 30)]
        Maintenance,

        #[error("slow down")]
        #[api(status = 429, retry_after = 3600)]
        SlowDown,
    }

    let policy = RetryPolicy::default();
    let state = AttemptState::default();
    let duplicate = InvoiceError::DuplicateExternalId {
        external_id: "inv-42".to_owned(),
    };
    assert_eq!(
        policy.decide(&duplicate, &post(), &state, HALF),
        Decision::UseExisting
    );
    assert_eq!(
        policy.decide(&InvoiceError::Maintenance, &get(), &state, HALF),
        retry(secs(30))
    );
    assert_eq!(
        policy.decide(&InvoiceError::SlowDown, &get(), &state, HALF),
        stop(Stop::RetryAfterTooLong(secs(3600)))
    );
}

#[test]
fn put_and_delete_are_retried_only_by_opt_in() {
    let state = AttemptState::default();
    let bad_gateway = Failure::status(502);
    for opt_in in [false, true] {
        let policy = RetryPolicy::default()
            .jitter(Jitter::None)
            .retry_put_delete(opt_in);
        for method in [Method::PUT, Method::DELETE] {
            let expected = if opt_in {
                retry(secs(1))
            } else {
                stop(Stop::NotSafeToRetry)
            };
            assert_eq!(
                policy.decide(
                    &bad_gateway,
                    &RequestFacts::new(method.clone()),
                    &state,
                    HALF
                ),
                expected,
                "{method} opt-in {opt_in}"
            );
        }
        for method in [Method::POST, Method::PATCH, Method::CONNECT, Method::TRACE] {
            assert_eq!(
                policy.decide(
                    &bad_gateway,
                    &RequestFacts::new(method.clone()),
                    &state,
                    HALF
                ),
                stop(Stop::NotSafeToRetry),
                "{method} opt-in {opt_in}"
            );
        }
    }
}

#[test]
fn idempotency_key_is_read_from_the_headers() {
    let mut headers = HeaderMap::new();
    assert_eq!(RequestFacts::from_headers(Method::POST, &headers), post());
    headers.insert(
        "Idempotency-Key",
        HeaderValue::from_static("8e03978e-40d5-43e8-bc93-6894a57f9324"),
    );
    let facts = RequestFacts::from_headers(Method::POST, &headers);
    assert!(facts.idempotency_key);
    assert!(RetryPolicy::default().is_safe_to_repeat(&facts));
    assert!(!RetryPolicy::default().is_safe_to_repeat(&post()));
}

#[test]
fn equal_jitter_stays_within_half_and_all_of_the_delay() {
    let policy = RetryPolicy::default();
    for retries in 0..=3 {
        let nominal = secs(1 << retries);
        let draws: Vec<Duration> = (0..10_000)
            .map(|draw| policy.backoff(retries, f64::from(draw) / 10_000.0))
            .collect();
        let (min, max) = (draws.iter().min().copied(), draws.iter().max().copied());
        assert_eq!(
            min,
            Some(nominal / 2),
            "retries {retries}: the lowest draw is d/2"
        );
        let max = max.unwrap_or_default();
        assert!(
            max < nominal && max >= nominal.mul_f64(0.9999),
            "retries {retries}: highest {max:?}"
        );
        let mean = draws.iter().sum::<Duration>() / 10_000;
        assert!(
            mean > nominal.mul_f64(0.74) && mean < nominal.mul_f64(0.76),
            "retries {retries}: mean {mean:?}"
        );
        if retries < 3 {
            // `decide` waits exactly the jittered backoff for a 503 without Retry-After.
            for draw in [0.0, 0.123, 0.5, 0.999] {
                let decision = policy.decide(
                    &StatusCode::SERVICE_UNAVAILABLE,
                    &get(),
                    &after_retries(retries),
                    draw,
                );
                assert_eq!(decision, retry(policy.backoff(retries, draw)));
            }
        }
    }
}

#[test]
fn full_jitter_spreads_over_the_whole_delay() {
    let policy = RetryPolicy::default().jitter(Jitter::Full);
    for retries in 0..=3 {
        let nominal = secs(1 << retries);
        let draws: Vec<Duration> = (0..10_000)
            .map(|draw| policy.backoff(retries, f64::from(draw) / 10_000.0))
            .collect();
        assert_eq!(draws.iter().min().copied(), Some(Duration::ZERO));
        let max = draws.iter().max().copied().unwrap_or_default();
        assert!(
            max < nominal && max >= nominal.mul_f64(0.9999),
            "retries {retries}: highest {max:?}"
        );
        let mean = draws.iter().sum::<Duration>() / 10_000;
        assert!(
            mean > nominal.mul_f64(0.49) && mean < nominal.mul_f64(0.51),
            "retries {retries}: mean {mean:?}"
        );
    }
    let none = RetryPolicy::default().jitter(Jitter::None);
    assert!((0..100).all(|draw| none.backoff(2, f64::from(draw) / 100.0) == secs(4)));
}

#[test]
fn out_of_range_random_numbers_are_clamped() {
    let policy = RetryPolicy::default();
    let decide = |random| policy.decide(&Failure::status(503), &get(), &after_retries(1), random);
    assert_eq!(decide(f64::NAN), retry(secs(1)));
    assert_eq!(decide(-3.5), retry(secs(1)));
    assert_eq!(decide(f64::NEG_INFINITY), retry(secs(1)));
    // Clamped just below 1: at nanosecond resolution that may round to the whole delay.
    for high in [1.0, 7.0, f64::INFINITY] {
        let Decision::Retry { after } = decide(high) else {
            panic!("{high}: a 503 is retried")
        };
        assert!(
            after <= secs(2) && after > millis(1999),
            "{high}: {after:?}"
        );
    }
}

#[test]
fn backoff_doubles_up_to_the_cap() {
    let policy = RetryPolicy::default().max_retries(10).jitter(Jitter::None);
    let expected = [1, 2, 4, 8, 16, 20, 20, 20, 20, 20].map(secs);
    assert_eq!(policy.schedule().collect::<Vec<_>>(), expected);
    assert_eq!(
        policy.schedule().to_string(),
        "1s, 2s, 4s, 8s, 16s, 20s, 20s, 20s, 20s, 20s"
    );
    let mut state = AttemptState::default();
    let mut waits = Vec::new();
    loop {
        let decision = policy.decide(&Failure::status(502), &get(), &state, HALF);
        match decision {
            Decision::Retry { after } => waits.push(after),
            other => {
                assert_eq!(other, stop(Stop::Exhausted { attempts: 11 }));
                break;
            }
        }
        state.record(&decision);
    }
    assert_eq!(waits, expected);
    assert_eq!(RetryPolicy::default().schedule().to_string(), "1s, 2s, 4s");
    assert_eq!(RetryPolicy::default().max_retries(0).schedule().count(), 0);
}

#[test]
fn huge_retry_indexes_saturate() {
    let policy = RetryPolicy::default()
        .max_retries(u32::MAX)
        .jitter(Jitter::None);
    for retries in [31, 32, 63, 64, 65, 128, 1000, u32::MAX - 1] {
        assert_eq!(
            policy.decide(&Failure::status(503), &get(), &after_retries(retries), HALF),
            retry(secs(20)),
            "retries {retries}"
        );
    }
    assert_eq!(
        policy.decide(
            &Failure::status(503),
            &get(),
            &after_retries(u32::MAX),
            HALF
        ),
        stop(Stop::Exhausted { attempts: u32::MAX })
    );
    let uncapped = RetryPolicy::default()
        .max_retries(u32::MAX)
        .base_delay(Duration::MAX)
        .max_delay(Duration::MAX);
    assert_eq!(uncapped.nominal_delay(1000), Duration::MAX);
    assert!(uncapped.backoff(1000, 0.999_999) <= Duration::MAX);
    assert_eq!(uncapped.schedule().take(3).last(), Some(Duration::MAX));
}

#[test]
fn retry_after_parses_delay_seconds() {
    assert_eq!(RetryAfter::parse("7"), Some(RetryAfter::Delay(secs(7))));
    assert_eq!(
        RetryAfter::parse("0"),
        Some(RetryAfter::Delay(Duration::ZERO))
    );
    assert_eq!(RetryAfter::parse("007"), Some(RetryAfter::Delay(secs(7))));
    assert_eq!(
        RetryAfter::parse(" 120\t"),
        Some(RetryAfter::Delay(secs(120)))
    );
    assert_eq!(
        RetryAfter::parse("18446744073709551615"),
        Some(RetryAfter::Delay(secs(u64::MAX)))
    );
    assert_eq!(
        RetryAfter::parse("99999999999999999999"),
        Some(RetryAfter::Delay(secs(u64::MAX)))
    );
    assert_eq!(
        RetryAfter::parse(&"9".repeat(10_000)),
        Some(RetryAfter::Delay(secs(u64::MAX)))
    );
}

#[test]
fn retry_after_ignores_invalid_forms() {
    for value in [
        "",
        " ",
        "+5",
        "-5",
        "1.5",
        "1e3",
        "0x10",
        "5s",
        "5 5",
        "soon",
        "\u{0661}",
        "７",
        "Sun, 06 Nov 1994 08:49:37",
        "Sun, 32 Nov 1994 08:49:37 GMT",
        "Sun, 06 Nov 1994 25:49:37 GMT",
        "Sun, 06 Nov 1969 08:49:37 GMT",
        "2015-10-21T07:28:00Z",
    ] {
        assert_eq!(RetryAfter::parse(value), None, "{value:?}");
    }
    let mut headers = HeaderMap::new();
    assert_eq!(RetryAfter::from_headers(&headers), None);
    headers.insert(
        "retry-after",
        HeaderValue::from_bytes(b"\xff7").expect("opaque bytes are a valid header value"),
    );
    assert_eq!(RetryAfter::from_headers(&headers), None);
    headers.insert("retry-after", HeaderValue::from_static("120"));
    assert_eq!(
        RetryAfter::from_headers(&headers),
        Some(RetryAfter::Delay(secs(120)))
    );
}

#[test]
fn retry_after_accepts_all_three_http_date_forms() {
    let forms = [
        "Sun, 06 Nov 1994 08:49:37 GMT",  // IMF-fixdate
        "Sunday, 06-Nov-94 08:49:37 GMT", // obsolete RFC 850
        "Sun Nov  6 08:49:37 1994",       // obsolete asctime
    ];
    let policy = RetryPolicy::default();
    let throttled = Failure::class(RetryClass::Throttled);
    let thirty_seconds_before = rfc_date() - secs(30);
    for form in forms {
        assert_eq!(
            RetryAfter::parse(form),
            Some(RetryAfter::At(rfc_date())),
            "{form}"
        );
        let failure = throttled.retry_after_header(form, thirty_seconds_before);
        assert_eq!(
            policy.decide(&failure, &get(), &AttemptState::default(), HALF),
            retry(secs(30)),
            "{form}"
        );
        let an_hour_before = throttled.retry_after_header(form, rfc_date() - secs(3600));
        assert_eq!(
            policy.decide(&an_hour_before, &get(), &AttemptState::default(), HALF),
            stop(Stop::RetryAfterTooLong(secs(3600))),
            "{form}"
        );
    }
}

#[test]
fn retry_after_in_the_past_is_no_wait() {
    let past = RetryAfter::parse("Sun, 06 Nov 1994 08:49:37 GMT").expect("an IMF-fixdate parses");
    assert_eq!(past.delay_from(rfc_date() + secs(3600)), Duration::ZERO);
    assert_eq!(
        past.delay(),
        Duration::ZERO,
        "1994 is in the past of the system clock"
    );
    let failure = Failure::class(RetryClass::Throttled)
        .retry_after_header("Sun, 06 Nov 1994 08:49:37 GMT", rfc_date() + secs(1));
    assert_eq!(failure.retry_after, Some(Duration::ZERO));
    assert_eq!(
        RetryPolicy::default().decide(&failure, &get(), &AttemptState::default(), HALF),
        retry(millis(750)),
        "the backoff still applies"
    );
}

#[test]
fn credentials_are_refreshed_once_and_a_refresh_is_not_a_retry() {
    let policy = RetryPolicy::default().max_retries(1).jitter(Jitter::None);
    let mut state = AttemptState::default();
    let answers = [
        Failure::status(503),
        Failure::status(401),
        Failure::status(401),
    ];
    let mut decisions = Vec::new();
    for answer in answers {
        let decision = policy.decide(&answer, &get(), &state, HALF);
        decisions.push(decision);
        state.record(&decision);
    }
    assert_eq!(
        decisions,
        [
            retry(secs(1)),
            Decision::RefreshCredentialsThenRetry,
            stop(Stop::AuthRejectedAfterRefresh)
        ]
    );
    assert_eq!((state.retries, state.auth_refreshes), (1, 1));
    assert_eq!(
        policy.decide(&Failure::status(503), &get(), &state, HALF),
        stop(Stop::Exhausted { attempts: 2 }),
        "the refresh did not count as a retry, the 503 did"
    );
}

#[test]
fn an_empty_budget_stops_retries_except_for_requests_never_sent() {
    let policy = RetryPolicy::default()
        .jitter(Jitter::None)
        .budget(RetryBudget::new(0, 20));
    let fresh = AttemptState::default();
    for status in [503, 500, 429] {
        assert_eq!(
            policy.decide(&Failure::status(status), &get(), &fresh, HALF),
            stop(Stop::BudgetExhausted),
            "{status}"
        );
    }
    assert_eq!(
        policy.decide(&RetryClass::NotSent, &post(), &fresh, HALF),
        retry(secs(1))
    );
    assert_eq!(
        policy.decide(&Failure::status(401), &get(), &fresh, HALF),
        Decision::RefreshCredentialsThenRetry
    );
    assert_eq!(
        policy.decide(&Failure::status(404), &get(), &fresh, HALF),
        stop(Stop::Permanent)
    );
    assert_eq!(
        policy.decide(&Failure::status(503), &post(), &fresh, HALF),
        stop(Stop::NotSafeToRetry)
    );
}

#[test]
fn the_budget_is_shared_by_clones_and_refilled_by_successes() {
    let budget = RetryBudget::new(2, 50);
    let policy = RetryPolicy::default()
        .jitter(Jitter::None)
        .budget(budget.clone());
    let other_task = policy.clone();
    assert_eq!(policy.retry_budget(), Some(&budget));
    let fresh = AttemptState::default();
    let unavailable = Failure::status(503);

    // Decisions that do not retry, and retries of requests never sent, cost nothing.
    assert_eq!(
        policy.decide(&unavailable, &post(), &fresh, HALF),
        stop(Stop::NotSafeToRetry)
    );
    assert_eq!(
        policy.decide(&unavailable, &get(), &after_retries(3), HALF),
        stop(Stop::Exhausted { attempts: 4 })
    );
    assert_eq!(
        policy.decide(&RetryClass::NotSent, &get(), &fresh, HALF),
        retry(secs(1))
    );
    assert_eq!(budget.available(), 2);

    assert_eq!(
        policy.decide(&unavailable, &get(), &fresh, HALF),
        retry(secs(1))
    );
    assert_eq!(
        other_task.decide(&unavailable, &get(), &fresh, HALF),
        retry(secs(1))
    );
    assert_eq!(budget.available(), 0);
    assert_eq!(
        policy.decide(&unavailable, &get(), &fresh, HALF),
        stop(Stop::BudgetExhausted)
    );
    assert_eq!(
        other_task.decide(&unavailable, &get(), &fresh, HALF),
        stop(Stop::BudgetExhausted)
    );

    policy.record_success();
    assert_eq!(
        other_task.decide(&unavailable, &get(), &fresh, HALF),
        stop(Stop::BudgetExhausted),
        "half a token"
    );
    other_task.record_success();
    assert_eq!(
        policy.decide(&unavailable, &get(), &fresh, HALF),
        retry(secs(1))
    );
    RetryPolicy::default().record_success(); // no budget: nothing to do
}

#[test]
fn the_deadline_stops_a_retry_that_would_end_past_it() {
    let policy = RetryPolicy::default()
        .jitter(Jitter::None)
        .deadline(secs(10));
    let at = |elapsed, retries| {
        AttemptState::new()
            .with_retries(retries)
            .with_elapsed(elapsed)
    };
    let unavailable = Failure::status(503);
    assert_eq!(
        policy.decide(&unavailable, &get(), &at(secs(5), 0), HALF),
        retry(secs(1))
    );
    assert_eq!(
        policy.decide(&unavailable, &get(), &at(secs(9), 0), HALF),
        retry(secs(1)),
        "ends at the deadline"
    );
    assert_eq!(
        policy.decide(&unavailable, &get(), &at(millis(9500), 0), HALF),
        stop(Stop::DeadlineExceeded)
    );
    assert_eq!(
        policy.decide(&unavailable, &get(), &at(secs(7), 2), HALF),
        stop(Stop::DeadlineExceeded),
        "4 s from 7 s"
    );
    assert_eq!(
        policy.decide(&unavailable, &get(), &at(secs(10), 0), HALF),
        stop(Stop::DeadlineExceeded)
    );
    assert_eq!(
        policy.decide(&RetryClass::NotSent, &post(), &at(Duration::MAX, 0), HALF),
        stop(Stop::DeadlineExceeded)
    );
    let asks_seven = unavailable.retry_after(secs(7));
    assert_eq!(
        policy.decide(&asks_seven, &get(), &at(secs(2), 0), HALF),
        retry(secs(7))
    );
    assert_eq!(
        policy.decide(&asks_seven, &get(), &at(secs(5), 0), HALF),
        stop(Stop::DeadlineExceeded)
    );

    // Order: Retry-After above the cap, then the deadline, then the budget.
    let budget = RetryBudget::new(1, 0);
    let strict = policy.clone().budget(budget.clone());
    let late = at(secs(10), 0);
    assert_eq!(
        strict.decide(&unavailable.retry_after(secs(3600)), &get(), &late, HALF),
        stop(Stop::RetryAfterTooLong(secs(3600)))
    );
    assert_eq!(
        strict.decide(&unavailable, &get(), &late, HALF),
        stop(Stop::DeadlineExceeded)
    );
    assert_eq!(budget.available(), 1, "a stop takes no token");

    // A zero wait does not start an attempt at or after the deadline either.
    let no_wait = RetryPolicy::default()
        .base_delay(Duration::ZERO)
        .deadline(secs(10));
    assert_eq!(
        no_wait.decide(&unavailable, &get(), &at(secs(9), 0), HALF),
        retry(Duration::ZERO)
    );
    assert_eq!(
        no_wait.decide(&unavailable, &get(), &at(secs(10), 0), HALF),
        stop(Stop::DeadlineExceeded)
    );

    // Without a deadline, any elapsed time is fine and nothing overflows.
    assert_eq!(
        RetryPolicy::default().jitter(Jitter::None).decide(
            &unavailable,
            &get(),
            &at(Duration::MAX, 0),
            HALF
        ),
        retry(secs(1))
    );
}

#[test]
fn decisions_and_stops_read_as_short_reasons() {
    let texts = [
        (retry(millis(1500)), "retry in 1.5s"),
        (
            Decision::RefreshCredentialsThenRetry,
            "refresh credentials, then retry",
        ),
        (Decision::UseExisting, "use the existing resource"),
        (
            stop(Stop::Exhausted { attempts: 4 }),
            "gave up: retries exhausted after 4 attempts",
        ),
        (
            stop(Stop::Exhausted { attempts: 1 }),
            "gave up: retries exhausted after 1 attempt",
        ),
        (stop(Stop::Permanent), "gave up: the failure is permanent"),
        (
            stop(Stop::NotSafeToRetry),
            "gave up: the request is not safe to repeat",
        ),
        (
            stop(Stop::RetryAfterTooLong(secs(3600))),
            "gave up: the server asked to wait 3600s, longer than allowed",
        ),
        (
            stop(Stop::DeadlineExceeded),
            "gave up: the retry deadline would be exceeded",
        ),
        (
            stop(Stop::BudgetExhausted),
            "gave up: the client's retry budget is exhausted",
        ),
        (
            stop(Stop::AuthRejectedAfterRefresh),
            "gave up: credentials rejected again after a refresh",
        ),
    ];
    for (decision, text) in texts {
        assert_eq!(decision.to_string(), text);
    }
    assert_eq!(
        Stop::Exhausted { attempts: 4 }.to_string(),
        "retries exhausted after 4 attempts"
    );
}

#[test]
fn the_default_policy_is_the_guides() {
    let policy = RetryPolicy::default();
    assert_eq!(policy, RetryPolicy::new());
    assert_eq!(
        policy,
        RetryPolicy::new()
            .max_retries(3)
            .base_delay(secs(1))
            .max_delay(secs(20))
            .jitter(Jitter::Equal)
            .max_retry_after(secs(60))
            .retry_put_delete(false)
    );
    assert_ne!(policy, RetryPolicy::new().deadline(secs(60)));
    assert_eq!(policy.retry_budget(), None);
    assert_eq!(
        policy.schedule().collect::<Vec<_>>(),
        [secs(1), secs(2), secs(4)]
    );
}

fn any_class() -> impl Strategy<Value = RetryClass> {
    prop::sample::select(vec![
        RetryClass::NotSent,
        RetryClass::Transient,
        RetryClass::Throttled,
        RetryClass::Reauthenticate,
        RetryClass::AlreadyExists,
        RetryClass::Permanent,
    ])
}

fn any_failure() -> impl Strategy<Value = Failure> {
    let retry_after = prop_oneof![
        Just(None),
        (0_u64..200).prop_map(|seconds| Some(secs(seconds))),
        any::<u64>().prop_map(|seconds| Some(secs(seconds))),
    ];
    (any_class(), retry_after).prop_map(|(class, retry_after)| Failure { class, retry_after })
}

fn any_request() -> impl Strategy<Value = RequestFacts> {
    let method = prop::sample::select(vec![
        Method::GET,
        Method::HEAD,
        Method::OPTIONS,
        Method::POST,
        Method::PUT,
        Method::DELETE,
        Method::PATCH,
    ]);
    (method, any::<bool>()).prop_map(|(method, idempotency_key)| {
        let facts = RequestFacts::new(method);
        if idempotency_key {
            facts.with_idempotency_key()
        } else {
            facts
        }
    })
}

/// A policy with the limits it was built with, which the properties check against.
#[derive(Debug, Clone)]
struct Built {
    policy: RetryPolicy,
    max_retries: u32,
    max_delay: Duration,
    max_retry_after: Duration,
}

fn any_policy() -> impl Strategy<Value = Built> {
    let jitter = prop::sample::select(vec![Jitter::Equal, Jitter::Full, Jitter::None]);
    let delay = prop_oneof![(0_u64..100_000).prop_map(millis), Just(Duration::MAX)];
    (
        0_u32..12,
        delay.clone(),
        delay,
        jitter,
        (0_u64..200).prop_map(secs),
        any::<bool>(),
        prop::option::of((0_u64..100).prop_map(secs)),
        prop::option::of(0_u32..5),
    )
        .prop_map(
            |(
                max_retries,
                base,
                max_delay,
                jitter,
                max_retry_after,
                put_delete,
                deadline,
                budget,
            )| {
                let mut policy = RetryPolicy::default()
                    .max_retries(max_retries)
                    .base_delay(base)
                    .max_delay(max_delay)
                    .jitter(jitter)
                    .max_retry_after(max_retry_after)
                    .retry_put_delete(put_delete);
                if let Some(deadline) = deadline {
                    policy = policy.deadline(deadline);
                }
                if let Some(capacity) = budget {
                    policy = policy.budget(RetryBudget::new(capacity, 20));
                }
                Built {
                    policy,
                    max_retries,
                    max_delay,
                    max_retry_after,
                }
            },
        )
}

fn any_random() -> impl Strategy<Value = f64> {
    prop_oneof![
        0.0..1.0,
        any::<f64>(),
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(1.0)
    ]
}

fn any_state() -> impl Strategy<Value = AttemptState> {
    (
        prop_oneof![0_u32..16, any::<u32>()],
        0_u32..3,
        prop_oneof![(0_u64..200).prop_map(secs), Just(Duration::MAX)],
    )
        .prop_map(|(retries, auth_refreshes, elapsed)| {
            AttemptState::new()
                .with_retries(retries)
                .with_auth_refreshes(auth_refreshes)
                .with_elapsed(elapsed)
        })
}

/// Decides for one request answered `failures` in turn, as a client loop would, and returns
/// every decision up to the first one that ends the loop.
fn run(
    policy: &RetryPolicy,
    request: &RequestFacts,
    failures: &[Failure],
    randoms: &[f64],
) -> Vec<Decision> {
    let mut state = AttemptState::default();
    let mut decisions = Vec::new();
    for (index, failure) in failures.iter().enumerate() {
        let random = randoms.get(index).copied().unwrap_or(0.5);
        let decision = policy.decide(failure, request, &state, random);
        decisions.push(decision);
        match decision {
            Decision::Retry { after } => state.elapsed = state.elapsed.saturating_add(after),
            Decision::RefreshCredentialsThenRetry => {}
            // UseExisting, Stop, and whatever a later version adds: the loop ends.
            _ => break,
        }
        state.record(&decision);
    }
    decisions
}

proptest! {
    #[test]
    fn no_retry_waits_longer_than_the_caps(
        built in any_policy(),
        failure in any_failure(),
        request in any_request(),
        state in any_state(),
        random in any_random(),
    ) {
        let limit = built.max_delay.max(built.max_retry_after);
        if let Decision::Retry { after } = built.policy.decide(&failure, &request, &state, random) {
            prop_assert!(after <= limit, "{after:?} > {limit:?}");
            prop_assert!(state.retries < built.max_retries);
        }
    }

    #[test]
    fn one_request_never_retries_more_than_max_retries(
        built in any_policy(),
        request in any_request(),
        failures in prop::collection::vec(any_failure(), 0..40),
        randoms in prop::collection::vec(any_random(), 0..40),
    ) {
        let decisions = run(&built.policy, &request, &failures, &randoms);
        let retries = decisions.iter().filter(|decision| matches!(decision, Decision::Retry { .. })).count();
        prop_assert!(retries <= built.max_retries as usize, "{retries} retries: {decisions:?}");
        if let Some(Decision::Stop(Stop::Exhausted { attempts })) = decisions.last() {
            prop_assert_eq!(*attempts as usize, retries + 1);
        }
    }

    #[test]
    fn credentials_are_refreshed_at_most_once(
        built in any_policy(),
        request in any_request(),
        failures in prop::collection::vec(
            prop_oneof![3 => Just(Failure::class(RetryClass::Reauthenticate)), 1 => any_failure()],
            0..40,
        ),
    ) {
        let decisions = run(&built.policy, &request, &failures, &[]);
        let refreshes = decisions.iter().filter(|decision| **decision == Decision::RefreshCredentialsThenRetry).count();
        prop_assert!(refreshes <= 1, "{decisions:?}");
        let second_401 = failures
            .iter()
            .take(decisions.len())
            .filter(|failure| failure.class == RetryClass::Reauthenticate)
            .count() > 1;
        if second_401 {
            prop_assert_eq!(decisions.last(), Some(&stop(Stop::AuthRejectedAfterRefresh)));
        }
    }

    #[test]
    fn jitter_stays_within_the_nominal_delay(
        built in any_policy(),
        retries in any::<u32>(),
        random in any_random(),
    ) {
        let nominal = built.policy.nominal_delay(retries);
        prop_assert!(nominal <= built.max_delay);
        let equal = built.policy.clone().jitter(Jitter::Equal).backoff(retries, random);
        prop_assert!(equal >= nominal / 2 && equal <= nominal, "{equal:?} for {nominal:?}");
        prop_assert!(built.policy.clone().jitter(Jitter::Full).backoff(retries, random) <= nominal);
        prop_assert_eq!(built.policy.clone().jitter(Jitter::None).backoff(retries, random), nominal);
        prop_assert!(built.policy.nominal_delay(retries.saturating_add(1)) >= nominal);
    }

    #[test]
    fn retry_after_parses_any_number_and_never_panics(seconds in any::<u64>(), text in "\\PC{0,40}") {
        prop_assert_eq!(RetryAfter::parse(&seconds.to_string()), Some(RetryAfter::Delay(secs(seconds))));
        if let Some(RetryAfter::Delay(_)) = RetryAfter::parse(&text) {
            prop_assert!(text.trim_matches([' ', '\t']).bytes().all(|byte| byte.is_ascii_digit()));
        }
    }
}
