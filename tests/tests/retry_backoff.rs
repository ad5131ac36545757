//! The retry policy's backoff: nominal delays doubling up to the cap, equal and full jitter,
//! out-of-range random numbers, saturation, and the guide's default policy.

#[path = "support/retry.rs"]
mod support;

use std::time::Duration;

use error_contract::{AttemptState, Decision, Jitter, RetryPolicy, Stop};
use http::StatusCode;

use support::{Failure, HALF, after_retries, get, millis, retry, secs, stop};

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
