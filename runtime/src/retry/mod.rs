//! Retry classification: what a client should do about a failure.

mod after;
mod class;

pub use after::RetryAfter;
pub use class::{RetryClass, Retryable};
