//! Properties of the retry policy over any policy, request, state and sequence of failures:
//! the caps, `max_retries` and the count of requests sent, one refresh at most, a body that
//! cannot be sent again, no credential source, the budget, jitter bounds, `Retry-After`
//! parsing.

#[path = "support/retry.rs"]
mod support;

use std::time::Duration;

use error_contract::{
    AttemptState, Decision, Jitter, RequestFacts, RetryAfter, RetryBudget, RetryClass, RetryPolicy,
    Stop,
};
use http::Method;
use proptest::prelude::*;

use support::{Failure, millis, secs, stop};

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
    // Mostly bodies that can be sent again and clients that can refresh, so that the
    // properties about retries see long runs too.
    (
        method,
        any::<bool>(),
        prop::bool::weighted(0.8),
        prop::bool::weighted(0.8),
    )
        .prop_map(|(method, idempotency_key, replayable, can_refresh)| {
            let mut facts = RequestFacts::new(method);
            if idempotency_key {
                facts = facts.with_idempotency_key();
            }
            if !replayable {
                facts = facts.not_replayable();
            }
            if !can_refresh {
                facts = facts.without_refresh();
            }
            facts
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
        let refreshes = decisions.iter().filter(|decision| **decision == Decision::RefreshCredentialsThenRetry).count();
        if let Some(Decision::Stop(Stop::Exhausted { attempts })) = decisions.last() {
            // Every request sent: one decision per failed attempt.
            prop_assert_eq!(*attempts as usize, retries + refreshes + 1);
            prop_assert_eq!(*attempts as usize, decisions.len());
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
    fn a_body_that_cannot_be_sent_again_is_never_sent_again(
        built in any_policy(),
        failure in any_failure(),
        request in any_request(),
        state in any_state(),
        random in any_random(),
    ) {
        let request = request.not_replayable();
        let before = built.policy.retry_budget().map(RetryBudget::available);
        let decision = built.policy.decide(&failure, &request, &state, random);
        prop_assert!(
            !matches!(decision, Decision::Retry { .. } | Decision::RefreshCredentialsThenRetry),
            "{decision:?}"
        );
        prop_assert_eq!(built.policy.retry_budget().map(RetryBudget::available), before);
    }

    #[test]
    fn without_refresh_a_401_never_asks_for_one(
        built in any_policy(),
        failure in any_failure(),
        request in any_request(),
        state in any_state(),
        random in any_random(),
    ) {
        let decision = built.policy.decide(&failure, &request.without_refresh(), &state, random);
        prop_assert_ne!(decision, Decision::RefreshCredentialsThenRetry);
        if failure.class == RetryClass::Reauthenticate {
            let expected = if state.auth_refreshes > 0 {
                Stop::AuthRejectedAfterRefresh
            } else {
                Stop::CannotRefresh
            };
            prop_assert_eq!(decision, stop(expected));
        }
    }

    #[test]
    fn only_a_retry_that_reaches_the_server_spends_a_token(
        built in any_policy(),
        failure in any_failure(),
        request in any_request(),
        state in any_state(),
        random in any_random(),
    ) {
        let Some(budget) = built.policy.retry_budget() else {
            return Ok(());
        };
        let before = budget.available();
        let decision = built.policy.decide(&failure, &request, &state, random);
        let spent = matches!(decision, Decision::Retry { .. }) && failure.class != RetryClass::NotSent;
        prop_assert_eq!(budget.available(), before - u32::from(spent), "{:?}", decision);
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
