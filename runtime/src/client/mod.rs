//! Client side: decoding untrusted error responses into the contract's typed codes.
//!
//! [`ErrorResponse::from_parts`] takes what an HTTP client has after a failed request (status,
//! headers, body bytes) and never fails: whatever the body is, the status and a message
//! survive. The pieces, one responsibility each:
//!
//! - `body`: the first, single-pass reading of the body's top-level object;
//! - `lenient`: the lenient reading of `details` (and of bare `serializer.errors`);
//! - `bare`: bare Django REST Framework bodies, normalised into the envelope;
//! - `response`: [`ErrorResponse`] itself, its accessors, `Display` and `Retryable`.

mod bare;
mod body;
mod lenient;
mod response;

pub use response::{DEFAULT_BODY_LIMIT, ErrorResponse};
