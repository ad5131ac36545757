//! Client side: body → [`ErrorResponse`] → [`Decision`](crate::Decision).
//!
//! - `decode`: the untrusted body, read once and leniently, into an envelope;
//! - `response`: [`ErrorResponse`] itself, its accessors, `Display` and `Retryable`;
//! - `policy`: what to do about the failure, as the contract's retry table says.

mod decode;
pub(crate) mod policy;
mod response;

pub use decode::limits::DetailsLimits;
pub use response::{DEFAULT_BODY_LIMIT, ErrorResponse};
