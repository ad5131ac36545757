//! Client side: body → [`ErrorResponse`] → [`Decision`](crate::Decision).
//!
//! - `decode`: the untrusted body, read once and leniently, into an envelope;
//! - `response`: [`ErrorResponse`] itself, its accessors, `Display` and `Retryable`;
//! - `rate_limit`: [`RateLimit`], the quota a response's headers announce;
//! - `policy`: what to do about the failure, as the contract's retry table says.

mod decode;
pub(crate) mod policy;
mod rate_limit;
mod response;

pub use decode::limits::DetailsLimits;
pub use rate_limit::RateLimit;
pub use response::{DEFAULT_BODY_LIMIT, ErrorResponse};
