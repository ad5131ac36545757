//! The retry policy's decisions: DESIGN.md's "Retry classification" table, method safety,
//! the request's facts (key, a body that cannot be sent again, no credential source),
//! credential refresh, and how decisions read. Backoff, `Retry-After`, the budget and the
//! deadline, and the properties have their own `retry_*` files.

#[path = "support/retry.rs"]
mod support;

use std::time::Duration;

use error_contract::{
    ApiError, AttemptState, Decision, Jitter, RequestFacts, RetryClass, RetryPolicy, Stop,
};
use http::{HeaderMap, HeaderValue, Method, StatusCode};

use support::{Failure, HALF, after_retries, get, millis, post, retry, rfc_date, secs, stop};

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
    // The request's facts: a body that cannot be sent again, and no way to refresh credentials.
    let stream = || get().not_replayable();
    let keyed_stream = || post().with_idempotency_key().not_replayable();
    let no_refresh = || get().without_refresh();
    let already_exists = Failure::class(RetryClass::AlreadyExists);
    #[rustfmt::skip]
    let facts = [
        case("stream, not sent", not_sent, stream(), fresh, stop(Stop::NotSafeToRetry)),
        case("stream with a key, not sent", not_sent, keyed_stream(), fresh, stop(Stop::NotSafeToRetry)),
        case("stream, transient", transient, stream(), fresh, stop(Stop::NotSafeToRetry)),
        case("stream with a key, 500", Failure::status(500), keyed_stream(), fresh, stop(Stop::NotSafeToRetry)),
        case("stream, throttled", throttled, stream(), fresh, stop(Stop::NotSafeToRetry)),
        case("stream with a key, 503", Failure::status(503), keyed_stream(), fresh, stop(Stop::NotSafeToRetry)),
        case("stream, 401", Failure::status(401), stream(), fresh, stop(Stop::NotSafeToRetry)),
        case("stream, 401 after a refresh", Failure::status(401), stream(), refreshed, stop(Stop::AuthRejectedAfterRefresh)),
        case("stream, 409 already_exists", already_exists, keyed_stream(), fresh, Decision::UseExisting),
        case("stream, permanent", Failure::status(404), stream(), fresh, stop(Stop::Permanent)),
        case("stream, before max_retries", Failure::status(503), stream(), after_retries(3), stop(Stop::NotSafeToRetry)),
        case("stream, before Retry-After", throttled.retry_after(secs(3600)), stream(), fresh, stop(Stop::NotSafeToRetry)),
        case("PUT stream, opt-in off", Failure::status(502), RequestFacts::new(Method::PUT).not_replayable(), fresh, stop(Stop::NotSafeToRetry)),
        case("401 without refresh", Failure::status(401), no_refresh(), fresh, stop(Stop::CannotRefresh)),
        case("401 on a POST without refresh", Failure::status(401), post().without_refresh(), fresh, stop(Stop::CannotRefresh)),
        case("401 without refresh, retries used up", Failure::status(401), no_refresh(), after_retries(3), stop(Stop::CannotRefresh)),
        case("401 without refresh, stream", Failure::status(401), no_refresh().not_replayable(), fresh, stop(Stop::CannotRefresh)),
        case("401 after a refresh, without refresh", Failure::status(401), no_refresh(), refreshed, stop(Stop::AuthRejectedAfterRefresh)),
        case("503 without refresh", Failure::status(503), no_refresh(), fresh, retry(millis(750))),
        case("not sent without refresh", not_sent, post().without_refresh(), fresh, retry(millis(750))),
        case("409 without refresh", already_exists, post().without_refresh(), fresh, Decision::UseExisting),
        case("404 without refresh", Failure::status(404), no_refresh(), fresh, stop(Stop::Permanent)),
        case("max_retries reached after a refresh", Failure::status(503), get(), after_retries(3).with_auth_refreshes(1), stop(Stop::Exhausted { attempts: 5 })),
        case("not sent, max_retries reached after a refresh", not_sent, post(), after_retries(3).with_auth_refreshes(1), stop(Stop::Exhausted { attempts: 5 })),
        case("past max_retries after two refreshes", Failure::status(500), get(), after_retries(7).with_auth_refreshes(2), stop(Stop::Exhausted { attempts: 10 })),
        case("max_retries reached, counts saturate", Failure::status(503), get(), after_retries(u32::MAX).with_auth_refreshes(1), stop(Stop::Exhausted { attempts: u32::MAX })),
    ];
    let cases: Vec<Case> = retryable
        .into_iter()
        .chain(permanent)
        .chain(others)
        .chain(facts)
        .collect();

    let policy = RetryPolicy::default();
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|case| {
            let got = policy.decide(&case.failure, &case.request, &case.state, HALF);
            (got != case.expected).then(|| {
                format!(
                    "{} ({:?}, {} replayable {} can_refresh {} {:?}, {:?}): expected {:?}, got {got:?}",
                    case.name,
                    case.failure.class,
                    case.request.method,
                    case.request.replayable,
                    case.request.can_refresh,
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
        stop(Stop::Exhausted { attempts: 3 }),
        "the refresh did not count as a retry, the 503 did; the resend after it is a request"
    );
}

#[test]
fn a_body_that_cannot_be_sent_again_is_never_sent_again() {
    let policy = RetryPolicy::default();
    let state = AttemptState::default();
    let classes = [
        RetryClass::NotSent,
        RetryClass::Transient,
        RetryClass::Throttled,
        RetryClass::Reauthenticate,
        RetryClass::AlreadyExists,
        RetryClass::Permanent,
    ];
    for class in classes {
        let replayable = policy.decide(&class, &get().with_idempotency_key(), &state, HALF);
        let stream = policy.decide(
            &class,
            &get().with_idempotency_key().not_replayable(),
            &state,
            HALF,
        );
        let expected = match replayable {
            // Every answer that sends the request again becomes "not safe to repeat".
            Decision::Retry { .. } | Decision::RefreshCredentialsThenRetry => {
                stop(Stop::NotSafeToRetry)
            }
            other => other,
        };
        assert_eq!(stream, expected, "{class:?}");
    }
    assert!(RetryPolicy::default().is_safe_to_repeat(&get()));
    assert!(!RetryPolicy::default().is_safe_to_repeat(&get().not_replayable()));
    assert!(
        !RetryPolicy::default()
            .retry_put_delete(true)
            .is_safe_to_repeat(&RequestFacts::new(Method::PUT).not_replayable())
    );
}

#[test]
fn without_refresh_a_401_cannot_refresh_and_a_second_one_is_still_rejected() {
    let policy = RetryPolicy::default().max_retries(1).jitter(Jitter::None);
    let no_source = get().without_refresh();
    let fresh = AttemptState::default();
    assert_eq!(
        policy.decide(&Failure::status(401), &no_source, &fresh, HALF),
        stop(Stop::CannotRefresh)
    );
    assert_eq!(
        policy.decide(&Failure::status(401), &get(), &fresh, HALF),
        Decision::RefreshCredentialsThenRetry,
        "the same 401 with a credential source"
    );
    // A 401 after the refresh: rejected again, whether or not another refresh is possible.
    let mut state = fresh;
    state.record(&policy.decide(&Failure::status(401), &get(), &state, HALF));
    for request in [get(), no_source.clone()] {
        assert_eq!(
            policy.decide(&Failure::status(401), &request, &state, HALF),
            stop(Stop::AuthRejectedAfterRefresh)
        );
    }
    // Only a 401 reads the fact; every other class is decided as with a source.
    for status in [503, 500, 404] {
        assert_eq!(
            policy.decide(&Failure::status(status), &no_source, &fresh, HALF),
            policy.decide(&Failure::status(status), &get(), &fresh, HALF),
            "{status}"
        );
    }
}

#[test]
fn exhausted_counts_every_request_sent_refreshes_included() {
    let policy = RetryPolicy::default().jitter(Jitter::None);
    // A GET answered 401, then 503 again and again: 1 + 1 resend + 3 retries.
    let answers = [401, 503, 503, 503, 503, 503, 503].map(Failure::status);
    let mut state = AttemptState::default();
    let mut sent = 0_u32;
    let mut last = None;
    for answer in answers {
        sent += 1;
        let decision = policy.decide(&answer, &get(), &state, HALF);
        if !matches!(
            decision,
            Decision::Retry { .. } | Decision::RefreshCredentialsThenRetry
        ) {
            last = Some(decision);
            break;
        }
        state.record(&decision);
    }
    assert_eq!(last, Some(stop(Stop::Exhausted { attempts: 5 })));
    assert_eq!(sent, 5);
    assert_eq!(state.retries + state.auth_refreshes + 1, 5);
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
        (
            stop(Stop::CannotRefresh),
            "gave up: the server asked for new credentials and the client has no way to refresh them",
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
