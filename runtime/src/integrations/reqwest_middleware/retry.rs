//! [`RetryMiddleware`]: the reqwest client's retry loop, run over the rest of a
//! reqwest-middleware stack.

use std::fmt;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;

use http::Extensions;
use reqwest::{Request, Response};
use reqwest_middleware::{Middleware, Next};

use crate::integrations::reqwest::{
    ClientError, Ended, FailedAttempt, LogLevels, RetryLoop, TokenSource, Transport,
};
use crate::{ErrorCode, RetryPolicy};

/// A [`reqwest_middleware::Middleware`] that retries by a [`RetryPolicy`], refreshes its
/// token once after a 401 and classifies each error response by `C`, the contract's code
/// enum, as the reqwest [`Client`](crate::reqwest::Client) does, sending each attempt
/// through the rest of the stack.
///
/// Generic over `C` so that a code's own class counts (a 409 `already_exists` code is used,
/// not retried or stopped on as a plain 409); with [`CommonErrorCode`](crate::CommonErrorCode)
/// the codes every API shares are read and any other falls back to the status table.
///
/// Cheap to clone; clones share the token source, the policy's retry budget and, with
/// [`with_rate_limit_pacing`](Self::with_rate_limit_pacing), the last quota seen. See the
/// [module](super) for what it returns and where it goes in a stack.
///
/// ```
/// use error_contract::reqwest::StaticToken;
/// use error_contract::reqwest_middleware::RetryMiddleware;
/// use error_contract::{CommonErrorCode, RetryPolicy};
///
/// let client = reqwest_middleware::ClientBuilder::new(reqwest::Client::new())
///     .with(
///         RetryMiddleware::<CommonErrorCode>::new(RetryPolicy::default())
///             .with_token_source(StaticToken("tok_acme".into())),
///     )
///     .build();
/// # let _ = client;
/// ```
pub struct RetryMiddleware<C> {
    retries: RetryLoop,
    code: PhantomData<fn() -> C>,
}

impl<C: ErrorCode> RetryMiddleware<C> {
    /// Retries by `policy`, without credentials, decoding error bodies up to
    /// [`DEFAULT_BODY_LIMIT`](crate::DEFAULT_BODY_LIMIT).
    pub fn new(policy: RetryPolicy) -> Self {
        Self {
            retries: RetryLoop::new(policy),
            code: PhantomData,
        }
    }

    /// Sends `Authorization: Bearer <token>` from `source` on every attempt (replacing one
    /// the request had), and asks it for a fresh token once when the server answers 401.
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

    /// The largest error body read and decoded (1 MiB by default); see the [module](super)
    /// for what the caller gets of a longer one.
    #[must_use]
    pub fn with_body_limit(mut self, limit: usize) -> Self {
        self.retries.set_body_limit(limit);
        self
    }

    /// Calls `observer` after every failed attempt with what happened and what the
    /// middleware does next, as [`Client::on_failed_attempt`](crate::reqwest::Client::on_failed_attempt).
    #[must_use]
    pub fn on_failed_attempt(
        mut self,
        observer: impl Fn(&FailedAttempt) + Send + Sync + 'static,
    ) -> Self {
        self.retries.set_observer(observer);
        self
    }

    /// Logs at these levels instead of the defaults (feature `tracing`), as
    /// [`Client::with_log_levels`](crate::reqwest::Client::with_log_levels).
    #[must_use]
    pub fn with_log_levels(mut self, levels: LogLevels) -> Self {
        self.retries.set_log_levels(levels);
        self
    }

    /// Paces the middleware by the rate limits the server announces, so that a quota used up
    /// is waited out before the next request instead of earning a 429, as
    /// [`Client::with_rate_limit_pacing`](crate::reqwest::Client::with_rate_limit_pacing)
    /// does. Off by default.
    ///
    /// The middleware remembers the quota of the latest response (success or error) that
    /// announced one, read by [`RateLimit::from_headers`](crate::RateLimit::from_headers);
    /// every clone made after this call shares it, whichever clone saw it (and so does every
    /// `ClientWithMiddleware` built with one of them). Before each attempt (the first and
    /// every retry), when that quota has no request left (`remaining` is 0) and a reset still
    /// ahead, the middleware waits until the reset, then sends the attempt through the rest of
    /// the stack:
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
    ///   [`deadline`](RetryPolicy::deadline) (counted from the moment the request reached
    ///   this middleware, the wait included), the request is sent at once rather than left no
    ///   time;
    /// - a quota with requests left, or without a reset, clears the wait; a response
    ///   without rate-limit headers changes nothing.
    ///
    /// With the `tracing` feature, each wait is logged at `DEBUG` (target `error_contract`)
    /// with the host, `wait_ms` and the quota's `policy`.
    ///
    /// ```no_run
    /// use error_contract::reqwest_middleware::RetryMiddleware;
    /// use error_contract::{CommonErrorCode, RetryPolicy};
    ///
    /// # async fn run() -> Result<(), reqwest_middleware::Error> {
    /// let client = reqwest_middleware::ClientBuilder::new(reqwest::Client::new())
    ///     .with(RetryMiddleware::<CommonErrorCode>::new(RetryPolicy::default()).with_rate_limit_pacing())
    ///     .build();
    /// for page in 1..=10 {
    ///     // A response with `RateLimit: "default";r=0;t=12` makes the next page wait 12 s.
    ///     let url = format!("http://127.0.0.1:8080/v1/invoices/?page={page}");
    ///     client.get(url).send().await?;
    /// }
    /// # Ok(())
    /// # }
    /// ```
    #[must_use]
    pub fn with_rate_limit_pacing(mut self) -> Self {
        self.retries.set_rate_limit_pacing();
        self
    }

    /// The retry policy.
    pub fn policy(&self) -> &RetryPolicy {
        self.retries.policy()
    }
}

impl<C> Clone for RetryMiddleware<C> {
    fn clone(&self) -> Self {
        Self {
            retries: self.retries.clone(),
            code: PhantomData,
        }
    }
}

impl<C> fmt::Debug for RetryMiddleware<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut debug = f.debug_struct("RetryMiddleware");
        debug.field("code", &std::any::type_name::<C>());
        self.retries.debug_fields(&mut debug);
        debug.finish_non_exhaustive()
    }
}

/// `reqwest_middleware`'s `async fn handle`, as `async_trait` writes it.
impl<C: ErrorCode + Send + Sync> Middleware for RetryMiddleware<C> {
    fn handle<'life0, 'life1, 'life2, 'async_trait>(
        &'life0 self,
        req: Request,
        extensions: &'life1 mut Extensions,
        next: Next<'life2>,
    ) -> Pin<Box<dyn Future<Output = reqwest_middleware::Result<Response>> + Send + 'async_trait>>
    where
        'life0: 'async_trait,
        'life1: 'async_trait,
        'life2: 'async_trait,
        Self: 'async_trait,
    {
        Box::pin(self.send(req, extensions, next))
    }
}

impl<C: ErrorCode + Send + Sync> RetryMiddleware<C> {
    async fn send(
        &self,
        request: Request,
        extensions: &mut Extensions,
        next: Next<'_>,
    ) -> reqwest_middleware::Result<Response> {
        let url = request.url().clone();
        let mut rest = Rest { next, extensions };
        match self.retries.run::<C, _>(request, &mut rest).await {
            Ok(response) => Ok(response),
            // The server's answer, body and all, with what the loop made of it.
            Err(Ended::Failed {
                error,
                body: Some(body),
            }) => {
                let mut response = body.into_response();
                response.extensions_mut().insert::<ClientError<C>>(error);
                Ok(response)
            }
            Err(Ended::Failed { error, body: None }) => match error.into_transport() {
                // reqwest's own error, as a stack without this middleware would return it.
                Ok(transport) => Err(reqwest_middleware::Error::Reqwest(transport.with_url(url))),
                Err(error) => Err(reqwest_middleware::Error::middleware(*error)),
            },
            Err(Ended::Other(error)) => Err(error),
        }
    }
}

/// The rest of the stack, to send each attempt through.
struct Rest<'a, 'e> {
    next: Next<'a>,
    extensions: &'e mut Extensions,
}

impl Transport for Rest<'_, '_> {
    type Other = reqwest_middleware::Error;

    fn send(
        &mut self,
        request: Request,
    ) -> impl Future<Output = Result<reqwest::Result<Response>, Self::Other>> + Send + '_ {
        let sent = self.next.clone().run(request, self.extensions);
        async move {
            match sent.await {
                Ok(response) => Ok(Ok(response)),
                Err(reqwest_middleware::Error::Reqwest(error)) => Ok(Err(error)),
                Err(other) => Err(other),
            }
        }
    }
}
