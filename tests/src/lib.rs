//! Shared helpers for the integration tests of error-contract.

pub mod drf;
pub mod hostile;
