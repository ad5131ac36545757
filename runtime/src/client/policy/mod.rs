//! The retry policy: a failure, the request's facts and the attempts so far in; a
//! [`Decision`] out. Pure: the caller passes the time elapsed and a random number, and sleeps.
//!
//! - `request`, `state`: what the policy is told about the request and the attempts so far;
//! - `after`: the `Retry-After` header;
//! - `backoff`, `budget`: the delays and the shared retry budget;
//! - `decision`: its answer; `retry_policy`: [`RetryPolicy`] and `decide`, the one place the order
//!   of the checks is written.

mod after;
mod backoff;
mod budget;
mod decision;
mod request;
mod retry_policy;
mod state;

pub use after::RetryAfter;
pub use backoff::{Jitter, Schedule};
pub use budget::RetryBudget;
pub use decision::{Decision, Stop};
pub use request::{IDEMPOTENCY_KEY, RequestFacts};
pub use retry_policy::RetryPolicy;
pub use state::AttemptState;
