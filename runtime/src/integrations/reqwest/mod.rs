//! A `reqwest` client that follows the contract (feature `reqwest`): the guide's whole client
//! practice — exponential backoff, the retry loop, one credential refresh after a 401, error
//! logging and typed validation errors — in one call.
//!
//! [`Client::send`] returns the response, or a [`ClientError`] carrying the server's
//! [`ErrorResponse`](crate::ErrorResponse) decoded into your code enum (or the transport
//! error), the attempts made and the last [`RetryClass`](crate::RetryClass):
//!
//! | what happened | class | the client |
//! |---|---|---|
//! | connect refused, DNS failure, connect timeout | `NotSent` | retries, any method |
//! | timeout or reset after sending, 500, 502, 504, 408 | `Transient` | retries a request safe to repeat |
//! | no response head, or an unfinished error body, within the attempt's time | `Transient` | retries a request safe to repeat; [`ClientErrorKind::TimedOut`] |
//! | 429, 503 | `Throttled` | retries a request safe to repeat, after `max(Retry-After, backoff)` |
//! | 401 | `Reauthenticate` | asks the [`TokenSource`] for a fresh token and re-sends once; without one, stops with [`Stop::CannotRefresh`](crate::Stop::CannotRefresh) |
//! | 409 marked `already_exists` | `AlreadyExists` | stops with [`ClientError::is_use_existing`] |
//! | other 4xx, 501, 505, body and decode errors | `Permanent` | stops |
//!
//! The client only asks and obeys: it tells [`RetryPolicy::decide`](crate::RetryPolicy::decide)
//! the request's [`RequestFacts`](crate::RequestFacts) — its method and `Idempotency-Key`,
//! whether its body can be sent again (a body that cannot be cloned, such as a stream, is
//! [`not_replayable`](crate::RequestFacts::not_replayable)) and whether it has a token source
//! to refresh from ([`without_refresh`](crate::RequestFacts::without_refresh) if not) — and
//! does what each [`Decision`](crate::Decision) says, unedited. So a streamed body is sent
//! once and any failure that would be retried, a refused connection included, stops with
//! [`Stop::NotSafeToRetry`](crate::Stop::NotSafeToRetry), spending no retry budget; and
//! [`ClientError::attempts`], the requests sent, is the policy's count when the retries run
//! out: [`Stop::Exhausted { attempts }`](crate::Stop::Exhausted), retries plus refreshes
//! plus one.
//!
//! Every attempt — connecting, sending, waiting for the response's head and reading an
//! error body — is bounded by the policy's
//! [`attempt_timeout`](crate::RetryPolicy::attempt_timeout) (30 s by default) and by the
//! time left before its [`deadline`](crate::RetryPolicy::deadline), so `send` returns by the
//! deadline even if the server never answers; the client measures the time and asks
//! [`RetryPolicy::attempt_limit`](crate::RetryPolicy::attempt_limit). A body the caller
//! reads from a successful response is the caller's to bound.
//!
//! Backoff sleeps use the policy's delays with real randomness for the jitter. A request
//! with an `Idempotency-Key` keeps its key across retries;
//! [`Client::with_idempotency_keys`] adds a fresh one to every POST.
//!
//! With the `tracing` feature the client logs one event per failed attempt that it retries
//! (WARN) and one final event per request that did not succeed, at a level that says how bad
//! the outcome is: ERROR after a 5xx, a transport failure, a failed token source or a request
//! that could not be built; WARN after any other 4xx; DEBUG for a use-existing 409. Each has
//! `url` (without query or credentials), `status_code`, `error_code`, `error` (the server's
//! message, or a transport error with its causes), `retry_class`, `attempt` and `decision` —
//! never a header. [`Client::with_log_levels`] changes the levels (see [`LogLevels`]).
//!
//! `reqwest` is used without its default features: choose your TLS backend in your own
//! `reqwest` dependency.

// `attempt::RetryLoop` is the one retry loop: `Client` runs it over its `reqwest::Client`,
// the reqwest-middleware feature's `RetryMiddleware` over the rest of its stack.
mod attempt;
mod classify;
mod client;
mod error;
mod log;
mod pacing;
mod timeout;
mod token;

/// The same [`LogLevel`](crate::LogLevel) as at the crate's root, where the server's log
/// levels use it too.
#[doc(no_inline)]
pub use crate::LogLevel;
pub use attempt::FailedAttempt;
#[cfg(feature = "reqwest-middleware")]
pub(crate) use attempt::{Ended, RetryLoop, Transport};
pub use client::Client;
pub use error::{ClientError, ClientErrorKind};
pub use log::LogLevels;
pub use timeout::AttemptTimeout;
pub use token::{StaticToken, TokenError, TokenSource};
