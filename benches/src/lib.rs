//! Inputs and hand-written baselines shared by the benches in `benches/`.
//!
//! Each bench group compares error-contract with what a careful engineer would write by hand
//! for the same job, so the budgets in the design ("within 1.25× of hand-written") have a
//! concrete baseline.

pub mod hand_written;
pub mod hand_written_server;
pub mod invoice_error;
pub mod sim;

/// `serialize` and `decode`: a 409 with two public values under `meta`, after the guide's
/// three keys.
pub const DUPLICATE_BODY: &[u8] = br#"{"error":"An invoice with external_id ext-1 already exists.","error_code":"duplicate_external_id","details":{},"meta":{"external_id":"ext-1","invoice_id":"inv_0001"}}"#;

/// The guide's validation example as a server sends it: compact, keys in the guide's order.
pub const GUIDE_VALIDATION_BODY: &[u8] = br#"{"error":"Validation errors in request data","error_code":"validation_error","details":{"email":["Enter a valid email address."],"currency":["Invalid currency code. Must be one of: GBP, EUR, USD"]}}"#;

/// `serialize`, `response`: a unit variant with a static message.
pub const NOT_FOUND_BODY: &[u8] =
    br#"{"error":"Not found.","error_code":"not_found","details":{}}"#;

/// `serialize`, `response`: a message formatted from one field (`inv_42`).
pub const INVOICE_NOT_FOUND_BODY: &[u8] =
    br#"{"error":"Invoice inv_42 not found","error_code":"invoice_not_found","details":{}}"#;
