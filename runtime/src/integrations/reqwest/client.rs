//! [`Client`]: sends a request, bounds each attempt by the policy's time, classifies each
//! failure and follows the [`RetryPolicy`].

use std::sync::Arc;
use std::time::Instant;

use http::header::AUTHORIZATION;
use http::{HeaderValue, Method};
use reqwest::{Request, RequestBuilder, Response};

use super::attempt::{FailedAttempt, Failure};
use super::classify;
use super::error::{ClientError, ClientErrorKind};
use super::log::{self, LogLevels};
use super::timeout::{self, AttemptTimeout};
use super::token::{DynTokenSource, TokenSource};
use crate::IDEMPOTENCY_KEY;
use crate::client::DEFAULT_BODY_LIMIT;
use crate::{AttemptState, Decision, ErrorCode, RequestFacts, RetryClass, RetryPolicy, Stop};

/// A `reqwest::Client` that retries by a [`RetryPolicy`], refreshes its token once after a
/// 401, and returns the server's error as a typed [`ErrorResponse`](crate::ErrorResponse).
///
/// Cheap to clone; clones share the `reqwest` connection pool, the token source and the
/// policy's retry budget.
///
/// ```no_run
/// use error_contract::reqwest::{Client, StaticToken};
/// use error_contract::{CommonErrorCode, RetryPolicy};
///
/// # async fn run() -> Result<(), error_contract::reqwest::ClientError<CommonErrorCode>> {
/// let client = Client::new(reqwest::Client::new(), RetryPolicy::default())
///     .with_token_source(StaticToken("tok_acme".into()));
/// let response = client
///     .send::<CommonErrorCode>(client.http().get("http://127.0.0.1:8080/v1/platform/businesses/"))
///     .await?;
/// println!("{}", response.status());
/// # Ok(())
/// # }
/// ```
#[derive(Clone)]
pub struct Client {
    http: reqwest::Client,
    policy: RetryPolicy,
    tokens: Option<Arc<dyn DynTokenSource>>,
    idempotency_keys: bool,
    body_limit: usize,
    observer: Option<Arc<Observer>>,
    log_levels: LogLevels,
}

/// What [`Client::on_failed_attempt`] calls.
type Observer = dyn Fn(&FailedAttempt) + Send + Sync;

impl Client {
    /// A client over `http`, retrying by `policy`, without credentials.
    pub fn new(http: reqwest::Client, policy: RetryPolicy) -> Self {
        Self {
            http,
            policy,
            tokens: None,
            idempotency_keys: false,
            body_limit: DEFAULT_BODY_LIMIT,
            observer: None,
            log_levels: LogLevels::default(),
        }
    }

    /// Calls `observer` after every failed attempt with what happened and what the client
    /// does next, for metrics or for showing a user the retries.
    #[must_use]
    pub fn on_failed_attempt(
        mut self,
        observer: impl Fn(&FailedAttempt) + Send + Sync + 'static,
    ) -> Self {
        self.observer = Some(Arc::new(observer));
        self
    }

    /// Sends `Authorization: Bearer <token>` from `source`, and asks it for a fresh token once
    /// when the server answers 401.
    #[must_use]
    pub fn with_token_source(mut self, source: impl TokenSource + 'static) -> Self {
        self.tokens = Some(Arc::new(source));
        self
    }

    /// Gives every POST without an `Idempotency-Key` a fresh one, so that it may be retried
    /// (the server must honour the header). The key stays the same across its retries.
    #[must_use]
    pub fn with_idempotency_keys(mut self) -> Self {
        self.idempotency_keys = true;
        self
    }

    /// The largest error body decoded (1 MiB by default); a larger one keeps its status only.
    #[must_use]
    pub fn with_body_limit(mut self, limit: usize) -> Self {
        self.body_limit = limit;
        self
    }

    /// Logs at these levels instead of the defaults (feature `tracing`; without it nothing is
    /// logged): a retried attempt at `WARN`; the final event at `ERROR` after a 5xx, a
    /// transport failure, a failed token source or a request that could not be built, at
    /// `WARN` after any other 4xx, at `DEBUG` for a use-existing 409. See [`LogLevels`].
    #[must_use]
    pub fn with_log_levels(mut self, levels: LogLevels) -> Self {
        self.log_levels = levels;
        self
    }

    /// The underlying `reqwest` client, to build requests with.
    pub fn http(&self) -> &reqwest::Client {
        &self.http
    }

    /// The retry policy.
    pub fn policy(&self) -> &RetryPolicy {
        &self.policy
    }

    /// Builds and sends `request`, retrying as the policy says. `Ok` is any response below
    /// 400; a 4xx or 5xx the policy gives up on, a transport failure, or a failed token
    /// refresh is a [`ClientError`], with the attempts made and the last class.
    ///
    /// # Errors
    ///
    /// A [`ClientError`] when the request does not end in a response below 400.
    pub async fn send<C: ErrorCode>(
        &self,
        request: RequestBuilder,
    ) -> Result<Response, ClientError<C>> {
        match request.build() {
            Ok(request) => self.execute(request).await,
            Err(error) => {
                // reqwest's error may name the url, query string included: keep it out of
                // errors and logs, as for a transport error.
                let error = ClientError {
                    kind: ClientErrorKind::Build(Arc::new(error.without_url())),
                    attempts: 0,
                    last_class: RetryClass::Permanent,
                    outcome: Decision::Stop(Stop::Permanent),
                };
                log::finished(&self.log_levels, None, &error);
                Err(error)
            }
        }
    }

    /// [`send`](Self::send) for a request already built.
    ///
    /// The client tells the policy what it knows about the request and obeys its answer as
    /// given: a request whose body cannot be cloned (a stream) is sent once and is
    /// [`not_replayable`](RequestFacts::not_replayable), so the policy never asks to send it
    /// again; without a token source the request is
    /// [`without_refresh`](RequestFacts::without_refresh), so a 401 stops with
    /// [`Stop::CannotRefresh`].
    ///
    /// # Errors
    ///
    /// A [`ClientError`] when the request does not end in a response below 400.
    pub async fn execute<C: ErrorCode>(
        &self,
        mut request: Request,
    ) -> Result<Response, ClientError<C>> {
        if self.idempotency_keys
            && request.method() == Method::POST
            && !request.headers().contains_key(IDEMPOTENCY_KEY)
        {
            request
                .headers_mut()
                .insert(IDEMPOTENCY_KEY, fresh_idempotency_key());
        }
        let mut facts = RequestFacts::from_headers(request.method().clone(), request.headers());
        if self.tokens.is_none() {
            facts = facts.without_refresh();
        }
        // The request to send, and a copy kept for a resend; a body that cannot be copied (a
        // stream) goes once, and the policy is told so.
        let (mut attempt, mut kept) = split(request);
        if kept.is_none() {
            facts = facts.not_replayable();
        }
        let started = Instant::now();
        let mut state = AttemptState::default();
        // Requests sent; it agrees with the policy's `Stop::Exhausted { attempts }`, which
        // counts retries + refreshes + 1 from `state`.
        let mut attempts = 0_u32;
        // Nothing was sent yet: the token source's failure is the whole story.
        let mut token = match self.token(false).await {
            Ok(token) => token,
            Err(error) => {
                let error = token_failure(error, 0, RetryClass::Permanent);
                log::finished(&self.log_levels, Some(attempt.url()), &error);
                return Err(error);
            }
        };
        loop {
            if let Some(token) = &token {
                attempt.headers_mut().insert(AUTHORIZATION, token.clone());
            }
            let url = attempt.url().clone();
            attempts = attempts.saturating_add(1);
            // One end for the whole attempt: connect, send, head and error body.
            let limit = self.policy.attempt_limit(started.elapsed());
            let end = timeout::end_after(limit);
            let failure = match timeout::within(end, self.http.execute(attempt)).await {
                Some(Ok(response)) if !is_failure(&response) => {
                    self.policy.record_success();
                    return Ok(response);
                }
                Some(Ok(response)) => {
                    let status = response.status();
                    let read = classify::error_response::<C>(response, self.body_limit);
                    match timeout::within(end, read).await {
                        Some(response) => Failure::Api(response),
                        None => {
                            Failure::TimedOut(self.timed_out(limit, started).reading_body(status))
                        }
                    }
                }
                // reqwest's message names the url, query string included: keep it out of
                // errors and logs.
                Some(Err(error)) => Failure::Transport(error.without_url()),
                None => Failure::TimedOut(self.timed_out(limit, started)),
            };
            state.elapsed = started.elapsed();
            let decision = self
                .policy
                .decide(&failure, &facts, &state, fastrand::f64());
            if let Some(observer) = &self.observer {
                observer(&failure.report(attempts, decision));
            }
            // The policy asks to send again only a request it was told is replayable, so
            // `kept` is there for `Retry` and `RefreshCredentialsThenRetry`.
            let next = match (decision, kept) {
                (Decision::Retry { after }, Some(next)) => {
                    log::retried(&self.log_levels, &url, &failure, attempts, &decision);
                    tokio::time::sleep(after).await;
                    next
                }
                (Decision::RefreshCredentialsThenRetry, Some(next)) => {
                    log::retried(&self.log_levels, &url, &failure, attempts, &decision);
                    token = match self.token(true).await {
                        Ok(token) => token,
                        Err(error) => {
                            let error = token_failure(error, attempts, RetryClass::Reauthenticate);
                            log::finished(&self.log_levels, Some(&url), &error);
                            return Err(error);
                        }
                    };
                    next
                }
                // UseExisting or a Stop: the final attempt is logged once, by the final event.
                (decision, _) => {
                    debug_assert!(
                        matches!(decision, Decision::UseExisting | Decision::Stop(_)),
                        "the policy asked to re-send a request it was told is not replayable",
                    );
                    let error = failure.into_error(attempts, decision);
                    log::finished(&self.log_levels, Some(&url), &error);
                    return Err(error);
                }
            };
            state.record(&decision);
            (attempt, kept) = split(next);
        }
    }

    /// An attempt given `limit` ran out of time; the deadline's doing if none is left.
    fn timed_out(&self, limit: std::time::Duration, started: Instant) -> AttemptTimeout {
        let timeout = AttemptTimeout::new(limit);
        match self.policy.time_left(started.elapsed()) {
            Some(left) if left.is_zero() => timeout.by_deadline(),
            _ => timeout,
        }
    }

    /// The `Authorization` value from the token source, if the client has one.
    async fn token(&self, force_refresh: bool) -> Result<Option<HeaderValue>, super::TokenError> {
        let Some(tokens) = &self.tokens else {
            return Ok(None);
        };
        let token = tokens.token(force_refresh).await?;
        let mut value = HeaderValue::try_from(format!("Bearer {token}"))?;
        value.set_sensitive(true);
        Ok(Some(value))
    }
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("policy", &self.policy)
            .field("token_source", &self.tokens.is_some())
            .field("idempotency_keys", &self.idempotency_keys)
            .field("body_limit", &self.body_limit)
            .field("observer", &self.observer.is_some())
            .field("log_levels", &self.log_levels)
            .finish_non_exhaustive()
    }
}

/// `request` to send, and a copy of it to send again if its body can be cloned.
fn split(request: Request) -> (Request, Option<Request>) {
    match request.try_clone() {
        Some(copy) => (copy, Some(request)),
        None => (request, None),
    }
}

fn is_failure(response: &Response) -> bool {
    response.status().as_u16() >= 400
}

/// The token source failed: nothing more is sent. `last_class` is the class of the failure
/// that asked for the token (a 401's `Reauthenticate`), `Permanent` before the first attempt.
fn token_failure<C: ErrorCode>(
    error: super::TokenError,
    attempts: u32,
    last_class: RetryClass,
) -> ClientError<C> {
    ClientError {
        kind: ClientErrorKind::Token(Arc::from(error)),
        attempts,
        last_class,
        outcome: Decision::Stop(Stop::Permanent),
    }
}

/// 128 random bits in hex: unique enough that two requests never share a key.
fn fresh_idempotency_key() -> HeaderValue {
    let key = format!("{:032x}", fastrand::u128(..));
    HeaderValue::try_from(key).unwrap_or_else(|_| HeaderValue::from_static("invalid-key"))
}
