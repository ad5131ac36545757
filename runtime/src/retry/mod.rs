//! Retry classification and policy: what a client should do about a failure.
//!
//! A failure is [`Retryable`]: it has a [`RetryClass`] and perhaps a `Retry-After`
//! ([`RetryAfter`] parses the header). A [`RetryPolicy`] turns it, with the request's
//! [`RequestFacts`] and the [`AttemptState`] so far, into a [`Decision`]. The default policy,
//! the Standard Error Response guide's retry table:
//!
//! | outcome | class | decision (default policy) |
//! |---|---|---|
//! | connect refused, DNS failure, connect timeout | `NotSent` | retry, any method |
//! | 500, 502, 504, 408, read timeout after sending | `Transient` | retry if the request is safe to repeat |
//! | 429, 503 | `Throttled` | retry if safe; wait `max(Retry-After, backoff)` |
//! | 401 | `Reauthenticate` | refresh credentials, retry once; a second 401 stops |
//! | 409 with a code marked `already_exists` | `AlreadyExists` | use the existing resource |
//! | other 4xx, 501, 505, other 5xx | `Permanent` | stop |
//!
//! Safe to repeat: GET, HEAD, OPTIONS, or any request carrying an `Idempotency-Key`; PUT and
//! DELETE by opt-in ([`RetryPolicy::retry_put_delete`]). At most 3 retries (4 attempts), after
//! nominal delays of 1 s, 2 s and 4 s (base 1 s, doubled, capped at 20 s) with equal jitter
//! (a delay in `[d/2, d]`). A `Retry-After` is honoured up to 60 s; a longer one stops with the
//! value in [`Stop::RetryAfterTooLong`] rather than sleep for hours. Every step saturates.
//! Opt-in: a deadline ([`RetryPolicy::deadline`]) and a [`RetryBudget`] shared by a client.
//!
//! The policy is pure: the caller passes the time elapsed and a random number, and sleeps.
//!
//! ```
//! use std::time::Duration;
//! use error_contract::{AttemptState, Decision, RequestFacts, RetryPolicy, Stop};
//! use error_contract::http::{Method, StatusCode};
//!
//! let policy = RetryPolicy::default();
//! assert_eq!(policy.schedule().to_string(), "1s, 2s, 4s");
//!
//! // A GET that is answered 401, then 503 again and again.
//! let request = RequestFacts::new(Method::GET);
//! let mut answers = [StatusCode::UNAUTHORIZED].into_iter().chain([StatusCode::SERVICE_UNAVAILABLE; 9]);
//! let mut state = AttemptState::default();
//! let mut log = Vec::new();
//! let outcome = loop {
//!     let Some(status) = answers.next() else { break None };
//!     let random = 0.5; // a real client draws a fresh number in [0, 1) each time
//!     let decision = policy.decide(&status, &request, &state, random);
//!     log.push(decision.to_string());
//!     match decision {
//!         Decision::Retry { after } => state.elapsed += after, // sleep(after), send again
//!         Decision::RefreshCredentialsThenRetry => {}           // refresh, send again
//!         // UseExisting, Stop, or what a later version adds (`Decision` is non-exhaustive).
//!         _ => break Some(decision),
//!     }
//!     state.record(&decision);
//! };
//! assert_eq!(log, [
//!     "refresh credentials, then retry",
//!     "retry in 750ms",
//!     "retry in 1.5s",
//!     "retry in 3s",
//!     "gave up: retries exhausted after 4 attempts",
//! ]);
//! assert_eq!(outcome, Some(Decision::Stop(Stop::Exhausted { attempts: 4 })));
//! assert_eq!(state.elapsed, Duration::from_millis(5250));
//! ```

mod after;
mod backoff;
mod budget;
mod class;
mod decision;
mod policy;
mod request;
mod state;

pub use after::RetryAfter;
pub use backoff::{Jitter, Schedule};
pub use budget::RetryBudget;
pub use class::{RetryClass, Retryable};
pub use decision::{Decision, Stop};
pub use policy::RetryPolicy;
pub use request::{IDEMPOTENCY_KEY, RequestFacts};
pub use state::AttemptState;
