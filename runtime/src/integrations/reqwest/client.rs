//! [`Client`]: sends a request, bounds each attempt by the policy's time, classifies each
//! failure and follows the [`RetryPolicy`].

use std::convert::Infallible;
use std::future::Future;

use reqwest::{Request, RequestBuilder, Response};

use super::attempt::{Ended, FailedAttempt, RetryLoop, Transport};
use super::error::ClientError;
use super::log::LogLevels;
use super::token::TokenSource;
use crate::{ErrorCode, RetryPolicy};

/// A `reqwest::Client` that retries by a [`RetryPolicy`], refreshes its token once after a
/// 401, and returns the server's error as a typed [`ErrorResponse`](crate::ErrorResponse).
///
/// Cheap to clone; clones share the `reqwest` connection pool, the token source, the
/// policy's retry budget and, with [`with_rate_limit_pacing`](Self::with_rate_limit_pacing),
/// the last quota seen.
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
    retries: RetryLoop,
}

impl Client {
    /// A client over `http`, retrying by `policy`, without credentials.
    pub fn new(http: reqwest::Client, policy: RetryPolicy) -> Self {
        Self {
            http,
            retries: RetryLoop::new(policy),
        }
    }

    /// Calls `observer` after every failed attempt with what happened and what the client
    /// does next, for metrics or for showing a user the retries.
    #[must_use]
    pub fn on_failed_attempt(
        mut self,
        observer: impl Fn(&FailedAttempt) + Send + Sync + 'static,
    ) -> Self {
        self.retries.set_observer(observer);
        self
    }

    /// Sends `Authorization: Bearer <token>` from `source`, and asks it for a fresh token once
    /// when the server answers 401.
    #[must_use]
    pub fn with_token_source(mut self, source: impl TokenSource + 'static) -> Self {
        self.retries.set_token_source(source);
        self
    }

    /// Gives every POST without an `Idempotency-Key` a fresh one, so that it may be retried
    /// (the server must honour the header). The key stays the same across its retries.
    #[must_use]
    pub fn with_idempotency_keys(mut self) -> Self {
        self.retries.set_idempotency_keys();
        self
    }

    /// The largest error body decoded (1 MiB by default); a larger one keeps its status only.
    #[must_use]
    pub fn with_body_limit(mut self, limit: usize) -> Self {
        self.retries.set_body_limit(limit);
        self
    }

    /// Logs at these levels instead of the defaults (feature `tracing`; without it nothing is
    /// logged): a retried attempt at `WARN`; the final event at `ERROR` after a 5xx, a
    /// transport failure, a failed token source or a request that could not be built, at
    /// `WARN` after any other 4xx, at `DEBUG` for a use-existing 409. See [`LogLevels`].
    #[must_use]
    pub fn with_log_levels(mut self, levels: LogLevels) -> Self {
        self.retries.set_log_levels(levels);
        self
    }

    /// Paces the client by the rate limits the server announces, so that a quota used up is
    /// waited out before the next request instead of earning a 429. Off by default.
    ///
    /// The client remembers the quota of the latest response (success or error) that
    /// announced one, read by [`RateLimit::from_headers`](crate::RateLimit::from_headers);
    /// every clone made after this call shares it, whichever clone saw it. It counts the
    /// quota down with each request it sends (the requests still in flight when an answer
    /// arrives are taken off what the answer says is left), and before each attempt (the
    /// first and every retry), when no request is left and a reset is still ahead, it waits
    /// until the reset, then sends:
    ///
    /// - **`Retry-After` wins**: a response with both a used-up quota and a `Retry-After`
    ///   (a 429 or a 503) is waited out for the `Retry-After`, not the quota's reset; the
    ///   retry of that request waits as the policy says, `max(Retry-After, backoff)`, and
    ///   finds nothing more to wait;
    /// - **bounded by the policy**: the wait is at most the policy's
    ///   [`max_retry_after`](RetryPolicy::max_retry_after) (60 s by default), after which
    ///   the request is sent anyway (the quota is a hint: the server may serve it, or answer
    ///   with a `Retry-After` for the policy to judge);
    /// - **never past the deadline**: if the wait would reach the policy's
    ///   [`deadline`](RetryPolicy::deadline) (counted from the start of `send`, the wait
    ///   included), the request is sent at once rather than left no time;
    /// - a quota with requests left, or without a reset, clears the wait; a response
    ///   without rate-limit headers changes nothing.
    ///
    /// With the `tracing` feature, each wait is logged at `DEBUG` (target `error_contract`)
    /// with the host, `wait_ms` and the quota's `policy`.
    ///
    /// ```no_run
    /// use error_contract::reqwest::Client;
    /// use error_contract::{CommonErrorCode, RetryPolicy};
    ///
    /// # async fn run() -> Result<(), error_contract::reqwest::ClientError<CommonErrorCode>> {
    /// let client = Client::new(reqwest::Client::new(), RetryPolicy::default()).with_rate_limit_pacing();
    /// for page in 1..=10 {
    ///     // A response with `RateLimit: "default";r=0;t=12` makes the next page wait 12 s.
    ///     let url = format!("http://127.0.0.1:8080/v1/invoices/?page={page}");
    ///     client.send::<CommonErrorCode>(client.http().get(url)).await?;
    /// }
    /// # Ok(())
    /// # }
    /// ```
    #[must_use]
    pub fn with_rate_limit_pacing(mut self) -> Self {
        self.retries.set_rate_limit_pacing();
        self
    }

    /// The underlying `reqwest` client, to build requests with.
    pub fn http(&self) -> &reqwest::Client {
        &self.http
    }

    /// The retry policy.
    pub fn policy(&self) -> &RetryPolicy {
        self.retries.policy()
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
            Err(error) => Err(self.retries.unbuilt(error)),
        }
    }

    /// [`send`](Self::send) for a request already built.
    ///
    /// The client tells the policy what it knows about the request and obeys its answer as
    /// given: a request whose body cannot be cloned (a stream) is sent once and is
    /// [`not_replayable`](crate::RequestFacts::not_replayable), so the policy never asks to
    /// send it again; without a token source the request is
    /// [`without_refresh`](crate::RequestFacts::without_refresh), so a 401 stops with
    /// [`Stop::CannotRefresh`](crate::Stop::CannotRefresh).
    ///
    /// # Errors
    ///
    /// A [`ClientError`] when the request does not end in a response below 400.
    pub async fn execute<C: ErrorCode>(
        &self,
        request: Request,
    ) -> Result<Response, ClientError<C>> {
        match self.retries.run(request, &mut &self.http).await {
            Ok(response) => Ok(response),
            // The client hands back the error alone: the body was decoded into it.
            Err(Ended::Failed { error, body: _ }) => Err(error),
            Err(Ended::Other(never)) => match never {},
        }
    }
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut debug = f.debug_struct("Client");
        self.retries.debug_fields(&mut debug);
        debug.finish_non_exhaustive()
    }
}

/// Each attempt goes to the `reqwest::Client` itself, which fails only as reqwest does.
impl Transport for &reqwest::Client {
    type Other = Infallible;

    fn send(
        &mut self,
        request: Request,
    ) -> impl Future<Output = Result<reqwest::Result<Response>, Infallible>> + Send + '_ {
        let sent = self.execute(request);
        async move { Ok(sent.await) }
    }
}
