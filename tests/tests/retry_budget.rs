//! The retry policy's limits besides `max_retries`: the shared retry budget and the deadline.

#[path = "support/retry.rs"]
mod support;

use std::time::Duration;

use error_contract::{AttemptState, Decision, Jitter, RetryBudget, RetryClass, RetryPolicy, Stop};

use support::{Failure, HALF, after_retries, get, millis, post, retry, secs, stop};

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
fn only_a_retry_takes_a_token_so_a_body_that_cannot_be_sent_again_takes_none() {
    let budget = RetryBudget::new(1, 0);
    let policy = RetryPolicy::default()
        .jitter(Jitter::None)
        .budget(budget.clone());
    let fresh = AttemptState::default();
    let stream = get().with_idempotency_key().not_replayable();
    for failure in [
        Failure::status(503),
        Failure::status(500),
        Failure::status(401),
        Failure::class(RetryClass::NotSent),
    ] {
        assert_eq!(
            policy.decide(&failure, &stream, &fresh, HALF),
            stop(Stop::NotSafeToRetry),
            "{:?}",
            failure.class
        );
    }
    assert_eq!(
        policy.decide(
            &Failure::status(401),
            &get().without_refresh(),
            &fresh,
            HALF
        ),
        stop(Stop::CannotRefresh)
    );
    assert_eq!(budget.available(), 1, "no answer but a Retry takes a token");
    assert_eq!(
        policy.decide(&Failure::status(503), &get(), &fresh, HALF),
        retry(secs(1))
    );
    assert_eq!(budget.available(), 0);
}
