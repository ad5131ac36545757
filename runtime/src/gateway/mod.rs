//! Gateways: an upstream's error response, decoded by the client, answered again by this
//! server as it came (`client` → `contract` → `server`).
//!
//! - `forwarded`: [`Forwarded`], the upstream's status, code, message, details and
//!   `Retry-After` as an [`ApiError`](crate::ApiError);
//! - `code`: [`ForwardedCode`], its code enum: the upstream contract's, the gateway's own
//!   two (`bad_gateway`, `gateway_timeout`), or a code the upstream contract does not know;
//! - `interned`: the `'static` strings of upstream codes the contract does not know.

mod code;
mod forwarded;
mod interned;

pub use code::ForwardedCode;
pub use forwarded::Forwarded;
