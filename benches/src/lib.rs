//! Inputs and hand-written baselines shared by the benches in `benches/`.
//!
//! Each bench group compares error-contract with what a careful engineer would write by hand
//! for the same job, so the budgets in the design ("within 1.25× of hand-written") have a
//! concrete baseline.

pub mod hand_written;

/// The seed's validation example as a server sends it: compact, keys in the seed's order.
pub const SEED_VALIDATION_BODY: &[u8] = br#"{"error":"Validation errors in request data","error_code":"validation_error","details":{"email":["Enter a valid email address."],"currency":["Invalid currency code. Must be one of: GBP, EUR, USD"]}}"#;
