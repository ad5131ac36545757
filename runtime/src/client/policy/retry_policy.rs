//! [`RetryPolicy`]: the builder and its pure `decide`.

use std::time::Duration;

use http::Method;

use super::backoff::{self, Jitter, Schedule};
use super::{AttemptState, Decision, RequestFacts, RetryBudget, Stop};
use crate::{RetryClass, Retryable};

/// When and how long to retry: the guide's policy by default, adjustable with builder methods.
///
/// | setting | default | builder |
/// |---|---|---|
/// | retries after the first attempt | 3 (4 attempts) | [`max_retries`](Self::max_retries) |
/// | first delay | 1 s, doubled per retry | [`base_delay`](Self::base_delay) |
/// | longest backoff delay | 20 s | [`max_delay`](Self::max_delay) |
/// | jitter | equal: a delay in `[d/2, d]` | [`jitter`](Self::jitter) |
/// | longest `Retry-After` honoured | 60 s; longer stops | [`max_retry_after`](Self::max_retry_after) |
/// | methods safe to repeat | GET, HEAD, OPTIONS, or an `Idempotency-Key` | [`retry_put_delete`](Self::retry_put_delete) |
/// | deadline | none | [`deadline`](Self::deadline) |
/// | longest single attempt | 30 s ([`DEFAULT_ATTEMPT_TIMEOUT`](Self::DEFAULT_ATTEMPT_TIMEOUT)) | [`attempt_timeout`](Self::attempt_timeout) |
/// | shared retry budget | none | [`budget`](Self::budget) |
///
/// `Clone` shares the budget, if any, between the clones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    max_retries: u32,
    base_delay: Duration,
    max_delay: Duration,
    jitter: Jitter,
    max_retry_after: Duration,
    retry_put_delete: bool,
    deadline: Option<Duration>,
    attempt_timeout: Duration,
    budget: Option<RetryBudget>,
}

/// The guide's policy: 3 retries at 1 s, 2 s, 4 s (equal jitter, cap 20 s), `Retry-After` up
/// to 60 s, only safe methods or requests with an `Idempotency-Key`; each attempt bounded by
/// 30 s; no deadline, no budget.
impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_retries: 3,
            base_delay: Duration::from_secs(1),
            max_delay: Duration::from_secs(20),
            jitter: Jitter::Equal,
            max_retry_after: Duration::from_secs(60),
            retry_put_delete: false,
            deadline: None,
            attempt_timeout: Self::DEFAULT_ATTEMPT_TIMEOUT,
            budget: None,
        }
    }
}

impl RetryPolicy {
    /// How long one attempt may take by default — connecting, sending, waiting for the
    /// response's head and reading an error body — so that a server that never answers
    /// costs a bounded time even without a [`deadline`](Self::deadline).
    ///
    /// ```
    /// use std::time::Duration;
    /// use error_contract::RetryPolicy;
    ///
    /// assert_eq!(RetryPolicy::DEFAULT_ATTEMPT_TIMEOUT, Duration::from_secs(30));
    /// assert_eq!(RetryPolicy::default().attempt_limit(Duration::ZERO), Duration::from_secs(30));
    /// ```
    pub const DEFAULT_ATTEMPT_TIMEOUT: Duration = Duration::from_secs(30);

    /// The default policy (see [`Default`](#impl-Default-for-RetryPolicy)).
    pub fn new() -> Self {
        Self::default()
    }

    /// Retries allowed after the first attempt; 0 never retries.
    #[must_use]
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = retries;
        self
    }

    /// The nominal delay before the first retry; each later retry doubles it.
    #[must_use]
    pub fn base_delay(mut self, delay: Duration) -> Self {
        self.base_delay = delay;
        self
    }

    /// The longest nominal backoff delay (jitter only shortens it).
    #[must_use]
    pub fn max_delay(mut self, delay: Duration) -> Self {
        self.max_delay = delay;
        self
    }

    /// How the backoff delay is randomised.
    #[must_use]
    pub fn jitter(mut self, jitter: Jitter) -> Self {
        self.jitter = jitter;
        self
    }

    /// The longest `Retry-After` the client will wait; a longer one gives
    /// [`Stop::RetryAfterTooLong`] at once.
    #[must_use]
    pub fn max_retry_after(mut self, limit: Duration) -> Self {
        self.max_retry_after = limit;
        self
    }

    /// Whether PUT and DELETE, idempotent by RFC 9110 §9.2.2, are safe to repeat without an
    /// `Idempotency-Key`. Off by default: only if the server really implements them so.
    #[must_use]
    pub fn retry_put_delete(mut self, enabled: bool) -> Self {
        self.retry_put_delete = enabled;
        self
    }

    /// Gives up with [`Stop::DeadlineExceeded`] rather than start an attempt more than
    /// `deadline` after the first one started (measured by the caller, in
    /// [`AttemptState::elapsed`]). A client also cuts the attempt under way when the deadline
    /// runs out: see [`attempt_limit`](Self::attempt_limit).
    #[must_use]
    pub fn deadline(mut self, deadline: Duration) -> Self {
        self.deadline = Some(deadline);
        self
    }

    /// The longest one attempt may take — connecting, sending, waiting for the response's
    /// head and reading an error body — before the client abandons it (30 s by default,
    /// [`DEFAULT_ATTEMPT_TIMEOUT`](Self::DEFAULT_ATTEMPT_TIMEOUT)). An attempt cut off so is
    /// `Transient`, since it may have reached the server, and is retried like any read
    /// timeout.
    #[must_use]
    pub fn attempt_timeout(mut self, timeout: Duration) -> Self {
        self.attempt_timeout = timeout;
        self
    }

    /// How long an attempt started `elapsed` after the first one may take: the
    /// [`attempt_timeout`](Self::attempt_timeout), or the time left before the
    /// [`deadline`](Self::deadline) if that is shorter (zero once it has passed). Pure: the
    /// caller measures `elapsed`.
    ///
    /// ```
    /// use std::time::Duration;
    /// use error_contract::RetryPolicy;
    ///
    /// let policy = RetryPolicy::default().deadline(Duration::from_secs(45));
    /// assert_eq!(policy.attempt_limit(Duration::from_secs(5)), Duration::from_secs(30));
    /// assert_eq!(policy.attempt_limit(Duration::from_secs(40)), Duration::from_secs(5));
    /// assert_eq!(policy.attempt_limit(Duration::from_secs(50)), Duration::ZERO);
    /// ```
    pub fn attempt_limit(&self, elapsed: Duration) -> Duration {
        match self.time_left(elapsed) {
            Some(left) => left.min(self.attempt_timeout),
            None => self.attempt_timeout,
        }
    }

    /// The time left before the [`deadline`](Self::deadline), `elapsed` after the first
    /// attempt started: zero once it has passed, `None` without a deadline.
    pub fn time_left(&self, elapsed: Duration) -> Option<Duration> {
        self.deadline
            .map(|deadline| deadline.saturating_sub(elapsed))
    }

    /// The longest `Retry-After` honoured ([`max_retry_after`](Self::max_retry_after)); the
    /// reqwest client's rate-limit pacing waits no longer either.
    #[cfg(feature = "reqwest")]
    pub(crate) fn retry_after_limit(&self) -> Duration {
        self.max_retry_after
    }

    /// Makes every retry that reaches the server pay a token from `budget`, shared with every
    /// clone of it; see [`decide`](Self::decide) and [`record_success`](Self::record_success).
    #[must_use]
    pub fn budget(mut self, budget: RetryBudget) -> Self {
        self.budget = Some(budget);
        self
    }

    /// The retry budget, if the policy has one.
    pub fn retry_budget(&self) -> Option<&RetryBudget> {
        self.budget.as_ref()
    }

    /// Records a successful response in the retry budget, if any (see
    /// [`RetryBudget::deposit`]). Call it once per success.
    pub fn record_success(&self) {
        if let Some(budget) = &self.budget {
            budget.deposit();
        }
    }

    /// Whether the policy lets `request` be sent again after it may have reached the server:
    /// its body can be sent again ([`RequestFacts::replayable`]), and it is a GET, HEAD or
    /// OPTIONS, any request with an `Idempotency-Key`, or a PUT or DELETE if
    /// [`retry_put_delete`](Self::retry_put_delete) is on.
    pub fn is_safe_to_repeat(&self, request: &RequestFacts) -> bool {
        let method = &request.method;
        request.replayable
            && (request.idempotency_key
                || *method == Method::GET
                || *method == Method::HEAD
                || *method == Method::OPTIONS
                || (self.retry_put_delete && (*method == Method::PUT || *method == Method::DELETE)))
    }

    /// The nominal delay before retry number `retries + 1`: `base · 2^retries`, capped at
    /// `max_delay`, saturating.
    pub fn nominal_delay(&self, retries: u32) -> Duration {
        backoff::nominal(self.base_delay, self.max_delay, retries)
    }

    /// The nominal delay with the policy's jitter applied, for `random` in `[0, 1)`.
    pub fn backoff(&self, retries: u32, random: f64) -> Duration {
        self.jitter.apply(self.nominal_delay(retries), random)
    }

    /// The nominal delays before each allowed retry, without jitter.
    ///
    /// ```
    /// use error_contract::RetryPolicy;
    ///
    /// assert_eq!(RetryPolicy::default().schedule().to_string(), "1s, 2s, 4s");
    /// ```
    pub fn schedule(&self) -> Schedule {
        Schedule::new(self.base_delay, self.max_delay, self.max_retries)
    }

    /// What to do about `failure`, the outcome of an attempt at `request`, given what has
    /// happened so far (`state`) and a random number in `[0, 1)` for the jitter (clamped into
    /// it; NaN reads as 0).
    ///
    /// A client asks and obeys the answer unedited: everything it knows about the request
    /// (its method and key, whether its body can be sent again, whether it can refresh
    /// credentials) is in `request`, so there is nothing left to correct.
    ///
    /// The checks, in order:
    ///
    /// 1. the class: `Permanent` → [`Stop::Permanent`]; `AlreadyExists` →
    ///    [`Decision::UseExisting`]; `Reauthenticate` → [`Stop::AuthRejectedAfterRefresh`]
    ///    if a refresh was made already, else [`Stop::CannotRefresh`] if the client cannot
    ///    refresh (`!request.can_refresh`), else [`Stop::NotSafeToRetry`] if the body cannot
    ///    be sent again (`!request.replayable`), else
    ///    [`Decision::RefreshCredentialsThenRetry`]; `NotSent`, `Transient` and `Throttled`
    ///    go on;
    /// 2. safety to repeat → [`Stop::NotSafeToRetry`]: a body that cannot be sent again
    ///    (`!request.replayable`), for every class that reaches this step, `NotSent`
    ///    included (the attempt consumed the body); then the method
    ///    ([`is_safe_to_repeat`](Self::is_safe_to_repeat)), skipped for `NotSent`;
    /// 3. `state.retries` has reached `max_retries` →
    ///    [`Stop::Exhausted { attempts: retries + auth_refreshes + 1 }`](Stop::Exhausted),
    ///    every request sent (a resend after a refresh is a request, not a retry);
    /// 4. the failure's `Retry-After` (honoured for `Transient` and `Throttled`) is above
    ///    `max_retry_after` → [`Stop::RetryAfterTooLong`];
    /// 5. the wait, `max(Retry-After, jittered backoff)`, would end past the deadline (or the
    ///    deadline has passed) → [`Stop::DeadlineExceeded`];
    /// 6. the budget has no token for a retry that reaches the server →
    ///    [`Stop::BudgetExhausted`];
    ///
    /// and otherwise [`Decision::Retry`] with that wait.
    ///
    /// `decide` reads no clock and draws no random number. Its one effect: when it returns
    /// `Retry` for a failure other than `NotSent`, it withdraws a token from the policy's
    /// budget, if any; no other answer costs a token. So call it once per failed attempt.
    /// The crate documentation has it in a client's loop.
    ///
    /// ```
    /// use std::time::Duration;
    /// use error_contract::{AttemptState, Decision, Jitter, RequestFacts, RetryClass, RetryPolicy, Stop};
    /// use error_contract::http::{Method, StatusCode};
    ///
    /// let policy = RetryPolicy::default().jitter(Jitter::None);
    /// let (get, post) = (RequestFacts::new(Method::GET), RequestFacts::new(Method::POST));
    /// let first = AttemptState::default();
    /// let third = first.with_retries(2);
    ///
    /// let bad_gateway = StatusCode::BAD_GATEWAY;
    /// let wait = |secs| Decision::Retry { after: Duration::from_secs(secs) };
    /// assert_eq!(policy.decide(&bad_gateway, &get, &first, 0.3), wait(1));
    /// assert_eq!(policy.decide(&bad_gateway, &get, &third, 0.3), wait(4));
    /// assert_eq!(policy.decide(&bad_gateway, &post, &first, 0.3), Decision::Stop(Stop::NotSafeToRetry));
    /// assert_eq!(policy.decide(&RetryClass::NotSent, &post, &first, 0.3), wait(1));
    /// assert_eq!(policy.decide(&StatusCode::NOT_FOUND, &get, &first, 0.3), Decision::Stop(Stop::Permanent));
    ///
    /// // A streamed body is gone once sent, even if the connection was refused.
    /// let stream = RequestFacts::new(Method::PUT).with_idempotency_key().not_replayable();
    /// assert_eq!(policy.decide(&RetryClass::NotSent, &stream, &first, 0.3), Decision::Stop(Stop::NotSafeToRetry));
    ///
    /// // A 401 to a client with no token source; and one after a refresh.
    /// let unauthorized = StatusCode::UNAUTHORIZED;
    /// let no_source = RequestFacts::new(Method::GET).without_refresh();
    /// assert_eq!(policy.decide(&unauthorized, &no_source, &first, 0.3), Decision::Stop(Stop::CannotRefresh));
    /// assert_eq!(policy.decide(&unauthorized, &get, &first, 0.3), Decision::RefreshCredentialsThenRetry);
    /// let refreshed = first.with_auth_refreshes(1);
    /// assert_eq!(policy.decide(&unauthorized, &get, &refreshed, 0.3), Decision::Stop(Stop::AuthRejectedAfterRefresh));
    ///
    /// // Three retries and one refresh: five requests were sent.
    /// let last = first.with_retries(3).with_auth_refreshes(1);
    /// assert_eq!(policy.decide(&bad_gateway, &get, &last, 0.3), Decision::Stop(Stop::Exhausted { attempts: 5 }));
    /// ```
    pub fn decide(
        &self,
        failure: &impl Retryable,
        request: &RequestFacts,
        state: &AttemptState,
        random: f64,
    ) -> Decision {
        // 1. The class.
        let class = failure.retry_class();
        match class {
            RetryClass::NotSent | RetryClass::Transient | RetryClass::Throttled => {}
            RetryClass::Reauthenticate if state.auth_refreshes > 0 => {
                return Decision::Stop(Stop::AuthRejectedAfterRefresh);
            }
            RetryClass::Reauthenticate if !request.can_refresh => {
                return Decision::Stop(Stop::CannotRefresh);
            }
            // The resend after a refresh needs the body again.
            RetryClass::Reauthenticate if !request.replayable => {
                return Decision::Stop(Stop::NotSafeToRetry);
            }
            RetryClass::Reauthenticate => return Decision::RefreshCredentialsThenRetry,
            RetryClass::AlreadyExists => return Decision::UseExisting,
            // A class this match does not list fails to compile here; none can be unknown.
            RetryClass::Permanent => return Decision::Stop(Stop::Permanent),
        }
        // 2. Safety to repeat: a consumed body cannot be sent again even if the server never
        // saw it; the method matters only if it may have.
        let reached_server = class != RetryClass::NotSent;
        if !request.replayable || (reached_server && !self.is_safe_to_repeat(request)) {
            return Decision::Stop(Stop::NotSafeToRetry);
        }
        // 3. The retries: every request sent is counted, resends after a refresh too.
        if state.retries >= self.max_retries {
            return Decision::Stop(Stop::Exhausted {
                attempts: state
                    .retries
                    .saturating_add(state.auth_refreshes)
                    .saturating_add(1),
            });
        }
        // 4. Retry-After. A server that never saw the request cannot have asked for a wait.
        let retry_after = if reached_server {
            failure.retry_after()
        } else {
            None
        };
        if let Some(asked) = retry_after.filter(|asked| *asked > self.max_retry_after) {
            return Decision::Stop(Stop::RetryAfterTooLong(asked));
        }
        // 5. The deadline.
        let after = retry_after
            .unwrap_or(Duration::ZERO)
            .max(self.backoff(state.retries, random));
        if let Some(deadline) = self.deadline
            && (state.elapsed >= deadline || state.elapsed.saturating_add(after) > deadline)
        {
            return Decision::Stop(Stop::DeadlineExceeded);
        }
        // 6. The budget, last, so that only a `Retry` takes a token.
        if reached_server
            && let Some(budget) = &self.budget
            && !budget.withdraw()
        {
            return Decision::Stop(Stop::BudgetExhausted);
        }
        Decision::Retry { after }
    }
}
