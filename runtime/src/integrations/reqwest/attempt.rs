//! The attempts of one request: the loop that sends them and obeys the policy
//! ([`RetryLoop`], the one the [`Client`](super::Client) runs over its `reqwest::Client` and
//! the reqwest-middleware `RetryMiddleware` over the rest of its stack), what each failed
//! attempt ran into ([`Failure`], the loop's and the log's) and what an observer is told about
//! it ([`FailedAttempt`]).

use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, Instant};

use http::header::AUTHORIZATION;
use http::{HeaderValue, Method};
use reqwest::{Request, Response, Url};

use super::classify::{self, ErrorBody};
use super::error::{ClientError, ClientErrorKind};
use super::log::{self, LogLevels};
use super::pacing::{Pacer, Ticket};
use super::timeout::{self, AttemptTimeout};
use super::token::{DynTokenSource, TokenError, TokenSource};
use crate::IDEMPOTENCY_KEY;
use crate::client::DEFAULT_BODY_LIMIT;
use crate::{
    AttemptState, Decision, ErrorCode, RateLimit, RequestFacts, RetryClass, RetryPolicy, Retryable,
    Stop,
};

/// One failed attempt and what the client decided about it, as
/// [`Client::on_failed_attempt`](super::Client::on_failed_attempt) reports it.
///
/// Non-exhaustive: later versions may report more; to build one (say, to test an observer),
/// use [`new`](Self::new) and the `with_*` methods.
///
/// ```
/// use error_contract::reqwest::FailedAttempt;
/// use error_contract::{Decision, RetryClass};
/// use error_contract::http::StatusCode;
/// use std::time::Duration;
///
/// let retry = Decision::Retry { after: Duration::from_secs(1) };
/// let attempt = FailedAttempt::new(1, RetryClass::Throttled, retry)
///     .with_status(StatusCode::SERVICE_UNAVAILABLE)
///     .with_error_code("service_unavailable");
/// assert_eq!(attempt.error_code.as_deref(), Some("service_unavailable"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct FailedAttempt {
    /// 1 for the first request, 2 for the next, …
    pub attempt: u32,
    /// The status the server answered with (also when its error body was cut off by a
    /// timeout); `None` for a transport failure or no response in time.
    pub status: Option<http::StatusCode>,
    /// The `error_code` the server sent, known to the contract or not.
    pub error_code: Option<String>,
    /// The failure's class.
    pub class: RetryClass,
    /// What the client does next: wait and retry, refresh the token, or stop.
    pub decision: Decision,
}

impl FailedAttempt {
    /// Attempt number `attempt` (1 for the first request) failed with `class`, and the client
    /// decided `decision`; no status or code, as for a transport failure.
    pub fn new(attempt: u32, class: RetryClass, decision: Decision) -> Self {
        Self {
            attempt,
            status: None,
            error_code: None,
            class,
            decision,
        }
    }

    /// The same attempt, answered with `status`.
    #[must_use]
    pub fn with_status(mut self, status: http::StatusCode) -> Self {
        self.status = Some(status);
        self
    }

    /// The same attempt, whose response carried `error_code`.
    #[must_use]
    pub fn with_error_code(mut self, error_code: impl Into<String>) -> Self {
        self.error_code = Some(error_code.into());
        self
    }
}

/// What one attempt ran into.
pub(super) enum Failure<C: ErrorCode> {
    Api(crate::ErrorResponse<C>),
    Transport(reqwest::Error),
    /// The attempt's time ran out: no response head, or an unfinished error body.
    TimedOut(AttemptTimeout),
}

impl<C: ErrorCode> Failure<C> {
    pub(super) fn report(&self, attempt: u32, decision: Decision) -> FailedAttempt {
        let (status, error_code) = match self {
            Failure::Api(response) => (
                Some(response.status()),
                response.error_code().map(str::to_owned),
            ),
            Failure::Transport(_) => (None, None),
            Failure::TimedOut(timeout) => (timeout.status, None),
        };
        FailedAttempt {
            attempt,
            status,
            error_code,
            class: self.retry_class(),
            decision,
        }
    }

    pub(super) fn into_error(self, attempts: u32, outcome: Decision) -> ClientError<C> {
        let last_class = self.retry_class();
        let kind = match self {
            Failure::Api(response) => ClientErrorKind::Api(response),
            Failure::Transport(error) => ClientErrorKind::Transport(Arc::new(error)),
            Failure::TimedOut(timeout) => ClientErrorKind::TimedOut(timeout),
        };
        ClientError {
            kind,
            attempts,
            last_class,
            outcome,
        }
    }
}

impl<C: ErrorCode> Retryable for Failure<C> {
    fn retry_class(&self) -> RetryClass {
        match self {
            Failure::Api(response) => response.retry_class(),
            Failure::Transport(error) => classify::transport_class(error),
            // It may have reached the server, as a read timeout may.
            Failure::TimedOut(_) => RetryClass::Transient,
        }
    }

    fn retry_after(&self) -> Option<std::time::Duration> {
        match self {
            Failure::Api(response) => response.retry_after(),
            // A cut-off error body is not an answer to obey.
            Failure::Transport(_) | Failure::TimedOut(_) => None,
        }
    }
}

/// What an observer of failed attempts is.
type Observer = dyn Fn(&FailedAttempt) + Send + Sync;

/// Where the loop sends each attempt: the `reqwest::Client` itself, or the rest of a
/// reqwest-middleware stack.
pub(crate) trait Transport: Send {
    /// A failure that is neither a response nor reqwest's own (an inner middleware's): not
    /// classified, handed back as it came.
    type Other: Send;

    /// Sends one attempt: the response or reqwest's error, or else the
    /// [`Other`](Self::Other) failure.
    fn send(
        &mut self,
        request: Request,
    ) -> impl Future<Output = Result<reqwest::Result<Response>, Self::Other>> + Send + '_;
}

/// How a request that did not succeed ended.
#[expect(
    clippy::large_enum_variant,
    reason = "returned once per request, by value, on its way to the caller"
)]
pub(crate) enum Ended<C: ErrorCode, E> {
    /// The policy's last answer (`UseExisting` or a `Stop`), or a failed token source: the
    /// error, already logged; for a server's answer, also its body as read.
    Failed {
        error: ClientError<C>,
        #[cfg_attr(
            not(feature = "reqwest-middleware"),
            expect(
                dead_code,
                reason = "the middleware hands it back; the Client, the error alone"
            )
        )]
        body: Option<ErrorBody>,
    },
    /// The transport's [`Other`](Transport::Other) failure: no decision was asked for it.
    Other(E),
}

/// The retry loop and what it runs with: the policy, the token source, the keys, the body
/// limit, the observer, the log levels and the rate-limit pacing. Cheap to clone; clones
/// share the token source, the policy's budget and the pacing's last quota.
#[derive(Clone)]
pub(crate) struct RetryLoop {
    policy: RetryPolicy,
    tokens: Option<Arc<dyn DynTokenSource>>,
    idempotency_keys: bool,
    body_limit: usize,
    observer: Option<Arc<Observer>>,
    log_levels: LogLevels,
    pacer: Option<Arc<Pacer>>,
}

impl RetryLoop {
    /// Retries by `policy`, without credentials.
    pub(crate) fn new(policy: RetryPolicy) -> Self {
        Self {
            policy,
            tokens: None,
            idempotency_keys: false,
            body_limit: DEFAULT_BODY_LIMIT,
            observer: None,
            log_levels: LogLevels::default(),
            pacer: None,
        }
    }

    pub(crate) fn policy(&self) -> &RetryPolicy {
        &self.policy
    }

    pub(crate) fn set_observer(
        &mut self,
        observer: impl Fn(&FailedAttempt) + Send + Sync + 'static,
    ) {
        self.observer = Some(Arc::new(observer));
    }

    pub(crate) fn set_token_source(&mut self, source: impl TokenSource + 'static) {
        self.tokens = Some(Arc::new(source));
    }

    pub(crate) fn set_idempotency_keys(&mut self) {
        self.idempotency_keys = true;
    }

    pub(crate) fn set_body_limit(&mut self, limit: usize) {
        self.body_limit = limit;
    }

    pub(crate) fn set_log_levels(&mut self, levels: LogLevels) {
        self.log_levels = levels;
    }

    /// Paces by the quotas the server announces, with a last quota of its own: shared by the
    /// clones made after this call, not by those made before.
    pub(crate) fn set_rate_limit_pacing(&mut self) {
        self.pacer = Some(Arc::new(Pacer::default()));
    }

    /// Its settings, as fields of `debug`.
    pub(crate) fn debug_fields(&self, debug: &mut std::fmt::DebugStruct<'_, '_>) {
        debug
            .field("policy", &self.policy)
            .field("token_source", &self.tokens.is_some())
            .field("idempotency_keys", &self.idempotency_keys)
            .field("body_limit", &self.body_limit)
            .field("observer", &self.observer.is_some())
            .field("log_levels", &self.log_levels)
            .field("rate_limit_pacing", &self.pacer.is_some());
    }

    /// A request that could not be built, so was never sent: its error, logged. reqwest's
    /// error may name the url, query string included: it is kept out of errors and logs, as
    /// for a transport error.
    pub(crate) fn unbuilt<C: ErrorCode>(&self, error: reqwest::Error) -> ClientError<C> {
        let error = ClientError {
            kind: ClientErrorKind::Build(Arc::new(error.without_url())),
            attempts: 0,
            last_class: RetryClass::Permanent,
            outcome: Decision::Stop(Stop::Permanent),
        };
        log::finished(&self.log_levels, None, &error);
        error
    }

    /// Sends `request` through `transport`, retrying as the policy says, until a response
    /// below 400 or the end the policy (or the token source, or the transport) decides.
    ///
    /// The loop tells the policy what it knows about the request and obeys its answer as
    /// given: a request whose body cannot be cloned (a stream) is sent once and is
    /// [`not_replayable`](RequestFacts::not_replayable); without a token source it is
    /// [`without_refresh`](RequestFacts::without_refresh). With pacing, each attempt first
    /// waits out the last quota seen if it is used up. Each attempt — sending, waiting for the
    /// head, reading an error body — ends by the policy's
    /// [`attempt_limit`](RetryPolicy::attempt_limit).
    pub(crate) async fn run<C: ErrorCode, T: Transport>(
        &self,
        mut request: Request,
        transport: &mut T,
    ) -> Result<Response, Ended<C, T::Other>> {
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
                return Err(self.token_failed(error, 0, RetryClass::Permanent, attempt.url()));
            }
        };
        loop {
            if let Some(token) = &token {
                attempt.headers_mut().insert(AUTHORIZATION, token.clone());
            }
            let url = attempt.url().clone();
            let ticket = match &self.pacer {
                Some(pacer) => pacer.pace(&self.policy, &url, started).await,
                None => Ticket::default(),
            };
            attempts = attempts.saturating_add(1);
            // One end for the whole attempt: connect, send, head and error body.
            let limit = self.policy.attempt_limit(started.elapsed());
            let end = timeout::end_after(limit);
            let (failure, body) = match timeout::within(end, transport.send(attempt)).await {
                Some(Ok(Ok(response))) if response.status().as_u16() < 400 => {
                    if let Some(pacer) = &self.pacer {
                        pacer.observe(ticket, RateLimit::from_headers(response.headers()), None);
                    }
                    self.policy.record_success();
                    return Ok(response);
                }
                Some(Ok(Ok(response))) => {
                    let status = response.status();
                    match timeout::within(end, ErrorBody::read(response, self.body_limit)).await {
                        Some(body) => {
                            let response = body.decode(self.body_limit);
                            if let Some(pacer) = &self.pacer {
                                pacer.observe(
                                    ticket,
                                    response.rate_limit(),
                                    response.retry_after(),
                                );
                            }
                            (Failure::Api(response), Some(body))
                        }
                        None => (
                            Failure::TimedOut(self.timed_out(limit, started).reading_body(status)),
                            None,
                        ),
                    }
                }
                // reqwest's message names the url, query string included: keep it out of
                // errors and logs.
                Some(Ok(Err(error))) => (Failure::Transport(error.without_url()), None),
                Some(Err(other)) => return Err(Ended::Other(other)),
                None => (Failure::TimedOut(self.timed_out(limit, started)), None),
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
                            let class = RetryClass::Reauthenticate;
                            return Err(self.token_failed(error, attempts, class, &url));
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
                    return Err(Ended::Failed { error, body });
                }
            };
            state.record(&decision);
            (attempt, kept) = split(next);
        }
    }

    /// An attempt given `limit` ran out of time; the deadline's doing if none is left.
    fn timed_out(&self, limit: Duration, started: Instant) -> AttemptTimeout {
        let timeout = AttemptTimeout::new(limit);
        match self.policy.time_left(started.elapsed()) {
            Some(left) if left.is_zero() => timeout.by_deadline(),
            _ => timeout,
        }
    }

    /// The `Authorization` value from the token source, if there is one.
    async fn token(&self, force_refresh: bool) -> Result<Option<HeaderValue>, TokenError> {
        let Some(tokens) = &self.tokens else {
            return Ok(None);
        };
        let token = tokens.token(force_refresh).await?;
        let mut value = HeaderValue::try_from(format!("Bearer {token}"))?;
        value.set_sensitive(true);
        Ok(Some(value))
    }

    /// The token source failed: nothing more is sent. `last_class` is the class of the
    /// failure that asked for the token (a 401's `Reauthenticate`), `Permanent` before the
    /// first attempt. Logged.
    fn token_failed<C: ErrorCode, E>(
        &self,
        error: TokenError,
        attempts: u32,
        last_class: RetryClass,
        url: &Url,
    ) -> Ended<C, E> {
        let error = ClientError {
            kind: ClientErrorKind::Token(Arc::from(error)),
            attempts,
            last_class,
            outcome: Decision::Stop(Stop::Permanent),
        };
        log::finished(&self.log_levels, Some(url), &error);
        Ended::Failed { error, body: None }
    }
}

#[cfg(feature = "reqwest-middleware")]
impl<C: ErrorCode> ClientError<C> {
    /// The transport error this holds, as reqwest gave it (less its url), when it holds one;
    /// else itself.
    pub(crate) fn into_transport(self) -> Result<reqwest::Error, Box<Self>> {
        match self.kind {
            ClientErrorKind::Transport(error) => Arc::try_unwrap(error).map_err(|error| {
                Box::new(Self {
                    kind: ClientErrorKind::Transport(error),
                    ..self
                })
            }),
            kind => Err(Box::new(Self { kind, ..self })),
        }
    }
}

/// `request` to send, and a copy of it to send again if its body can be cloned.
fn split(request: Request) -> (Request, Option<Request>) {
    match request.try_clone() {
        Some(copy) => (copy, Some(request)),
        None => (request, None),
    }
}

/// 128 random bits in hex: unique enough that two requests never share a key.
fn fresh_idempotency_key() -> HeaderValue {
    let key = format!("{:032x}", fastrand::u128(..));
    HeaderValue::try_from(key).unwrap_or_else(|_| HeaderValue::from_static("invalid-key"))
}
