//! The allocation budgets on the first call in a process: nothing is set up lazily on the way
//! (no hasher seed, no lazily built empty `details`). One test alone in its binary, so its
//! calls are the process's first.

#![allow(unsafe_code)] // a counting GlobalAlloc cannot be written without it

#[path = "support/counting.rs"]
mod counting;

use counting::allocations;
use error_contract::{ApiError, CommonError};
use error_contract_tests::PartnerError;

#[global_allocator]
static GLOBAL: counting::Counting = counting::Counting;

#[test]
fn the_first_calls_in_a_process_allocate_what_every_call_does() {
    // A static variant whose `details()` is the shared empty tree, first of all.
    let error = PartnerError::Common(CommonError::InvalidToken);
    let (count, envelope) = allocations(|| error.envelope());
    assert_eq!(count, 0, "the first envelope() of the process");
    assert!(envelope.details.is_empty());
    let (count, details) = allocations(|| CommonError::NotFound.details());
    assert_eq!(count, 0);
    assert!(details.is_empty());
    let (count, json) = allocations(|| PartnerError::InvoiceNotFound("inv_42".into()).to_json());
    assert_eq!(count, 1 + 1, "the field's String, then the body");
    assert_eq!(json.len(), json.capacity());
}
