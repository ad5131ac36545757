//! tower integration (feature `tower`): [`ContractRetry`], a
//! [`tower::retry::Policy`](::tower::retry::Policy) for any service of `http` requests
//! (hyper-util's client, a `tower::Service<http::Request<B>>` of your own) that decides with
//! the same [`RetryPolicy::decide`] as this crate's reqwest client.
//!
//! ```
//! use error_contract::RetryPolicy;
//! use error_contract::tower::ContractRetry;
//! use tower::ServiceBuilder;
//! use tower::retry::RetryLayer;
//!
//! // Any service of `http` requests; its errors here are `std::io::Error`s.
//! let send = tower::service_fn(|request: error_contract::http::Request<String>| async move {
//!     let _ = request;
//!     Ok::<_, std::io::Error>(error_contract::http::Response::new(String::new()))
//! });
//! let service = ServiceBuilder::new()
//!     // `ContractRetry<E>`: `E` is the error type of the service it wraps.
//!     .layer(RetryLayer::new(ContractRetry::<std::io::Error>::new(RetryPolicy::default())))
//!     .service(send);
//! # let _ = service;
//! ```

use std::error::Error;
use std::time::Instant;

use http::{Request, Response};

use crate::{
    AttemptState, CommonErrorCode, Decision, ErrorResponse, RequestFacts, RetryClass, RetryPolicy,
};

/// A `tower::retry::Policy` deciding each failed attempt with [`RetryPolicy::decide`]: the
/// status's class by the contract's table, `Retry-After` (measured against the response's
/// `Date`), the method's safety and `Idempotency-Key`, `max_retries`, the deadline and the
/// budget; it waits the policy's delay with tokio's timer before the next attempt.
///
/// What it sees of a response is its status and headers, not its body, so a code's own class
/// (`already_exists` on a 409, say) is not read: a client that needs it decodes the final
/// response with [`ErrorResponse::from_parts`]. A 401 is not retried (a tower policy has no
/// token to refresh). A service error is `NotSent` when its chain holds an `io::Error` that
/// says the connection was never made (refused, unreachable), else `Transient`; set another
/// reading with [`classify_errors_with`](Self::classify_errors_with).
///
/// The request body `B` must be `Clone` to be sent again (`Full<Bytes>`, `String`); each
/// request sent through tower's `Retry` counts its own retries and its own deadline.
pub struct ContractRetry<E> {
    policy: RetryPolicy,
    state: AttemptState,
    started: Option<Instant>,
    classify: fn(&E) -> RetryClass,
}

impl<E: Error + 'static> ContractRetry<E> {
    /// Retries by `policy`, reading service errors by their `io::Error`.
    pub fn new(policy: RetryPolicy) -> Self {
        Self {
            policy,
            state: AttemptState::new(),
            started: None,
            classify: io_class::<E>,
        }
    }
}

impl<E> ContractRetry<E> {
    /// Retries by `policy`, reading a service error's class with `classify`: for error types
    /// that are not `std::error::Error`, or that know better (a connect error that says so).
    pub fn with_classifier(policy: RetryPolicy, classify: fn(&E) -> RetryClass) -> Self {
        Self {
            policy,
            state: AttemptState::new(),
            started: None,
            classify,
        }
    }

    /// The same policy reading service errors with `classify`.
    #[must_use]
    pub fn classify_errors_with(mut self, classify: fn(&E) -> RetryClass) -> Self {
        self.classify = classify;
        self
    }

    /// The retry policy it decides with.
    pub fn policy(&self) -> &RetryPolicy {
        &self.policy
    }

    /// How the attempts went so far.
    pub fn state(&self) -> &AttemptState {
        &self.state
    }
}

/// tower's `Retry` keeps one policy and copies it for each request it sends: that copy
/// counts the request's retries (the one it was copied from never retries anything).
impl<E> Clone for ContractRetry<E> {
    fn clone(&self) -> Self {
        Self {
            policy: self.policy.clone(),
            state: self.state,
            started: self.started,
            classify: self.classify,
        }
    }
}

impl<E> std::fmt::Debug for ContractRetry<E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ContractRetry")
            .field("policy", &self.policy)
            .field("state", &self.state)
            .finish_non_exhaustive()
    }
}

impl<B, R, E> ::tower::retry::Policy<Request<B>, Response<R>, E> for ContractRetry<E>
where
    B: Clone,
{
    type Future = tokio::time::Sleep;

    fn retry(
        &mut self,
        request: &mut Request<B>,
        result: &mut Result<Response<R>, E>,
    ) -> Option<Self::Future> {
        let facts = RequestFacts::from_headers(request.method().clone(), request.headers())
            .without_refresh();
        let elapsed = self
            .started
            .map(|started| started.elapsed())
            .unwrap_or_default();
        let state = self.state.with_elapsed(elapsed);
        let decision = match result {
            Ok(response) if response.status().as_u16() < 400 => {
                self.policy.record_success();
                return None;
            }
            Ok(response) => {
                // Status and headers only: the body is the caller's, unread.
                let failure = ErrorResponse::<CommonErrorCode>::from_parts(
                    response.status(),
                    response.headers(),
                    &[],
                );
                self.policy
                    .decide(&failure, &facts, &state, fastrand::f64())
            }
            Err(error) => {
                let class = (self.classify)(error);
                self.policy.decide(&class, &facts, &state, fastrand::f64())
            }
        };
        self.state.record(&decision);
        match decision {
            Decision::Retry { after } => Some(tokio::time::sleep(after)),
            _ => None,
        }
    }

    fn clone_request(&mut self, request: &Request<B>) -> Option<Request<B>> {
        // Asked first before a request's first attempt (then nothing is recorded yet), and
        // again before each retry: the clock starts at the first.
        if self.state.retries == 0 && self.state.auth_refreshes == 0 {
            self.started = Some(Instant::now());
        }
        let mut copy = Request::new(request.body().clone());
        *copy.method_mut() = request.method().clone();
        *copy.uri_mut() = request.uri().clone();
        *copy.version_mut() = request.version();
        *copy.headers_mut() = request.headers().clone();
        Some(copy)
    }
}

/// `NotSent` when an `io::Error` in `error`'s chain says the connection was never made,
/// else `Transient`.
fn io_class<E: Error + 'static>(error: &E) -> RetryClass {
    use std::io::ErrorKind;

    let mut current: Option<&(dyn Error + 'static)> = Some(error);
    while let Some(next) = current {
        if let Some(io) = next.downcast_ref::<std::io::Error>() {
            return match io.kind() {
                ErrorKind::ConnectionRefused
                | ErrorKind::AddrNotAvailable
                | ErrorKind::NetworkUnreachable
                | ErrorKind::HostUnreachable => RetryClass::NotSent,
                _ => RetryClass::Transient,
            };
        }
        current = next.source();
    }
    RetryClass::Transient
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_io_error_in_the_chain_decides_the_class() {
        let refused = std::io::Error::from(std::io::ErrorKind::ConnectionRefused);
        assert_eq!(io_class(&refused), RetryClass::NotSent);
        let reset = std::io::Error::from(std::io::ErrorKind::ConnectionReset);
        assert_eq!(io_class(&reset), RetryClass::Transient);
        let wrapped = std::io::Error::other(refused);
        // `other` wraps it as the source of an `Other` error: the outer kind decides.
        assert_eq!(io_class(&wrapped), RetryClass::Transient);
    }

    #[test]
    fn the_clock_starts_at_a_requests_first_attempt() {
        let mut policy = ContractRetry::<std::io::Error>::new(RetryPolicy::default());
        let request = Request::new(String::new());
        let _ = ::tower::retry::Policy::<_, Response<()>, std::io::Error>::clone_request(
            &mut policy,
            &request,
        );
        let first = policy.started.unwrap();
        policy.state = policy.state.with_retries(1);
        let _ = ::tower::retry::Policy::<_, Response<()>, std::io::Error>::clone_request(
            &mut policy,
            &request,
        );
        assert_eq!(policy.started, Some(first), "a retry keeps the first start");
    }
}
