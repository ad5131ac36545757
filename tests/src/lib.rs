//! Shared helpers for the integration tests of error-contract.
