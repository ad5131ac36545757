//! The hot-path budget, counted by a global allocator (not timed): a static variant's
//! `envelope()` and `message()` allocate nothing; its `to_json()` allocates once.

#![allow(unsafe_code)] // a counting GlobalAlloc cannot be written without it

#[path = "support/counting.rs"]
mod counting;

use counting::allocations;
use error_contract::{ApiError, CommonError, Details};
use error_contract_tests::{PartnerError, guide_validation_error};

#[global_allocator]
static GLOBAL: counting::Counting = counting::Counting;

#[test]
fn a_static_variant_allocates_nothing_for_its_envelope_and_message() {
    let error = CommonError::AuthenticationRequired;
    let (count, envelope) = allocations(|| error.envelope());
    assert_eq!(count, 0, "envelope() of a static variant");
    assert_eq!(
        envelope.error,
        "Authentication credentials were not provided."
    );
    let (count, message) = allocations(|| error.message());
    assert_eq!(count, 0, "message() of a static variant");
    assert_eq!(message, "Authentication credentials were not provided.");

    // Through a transparent variant too, and for a 5xx's generic text.
    let nested = PartnerError::Common(CommonError::InvalidToken);
    assert_eq!(allocations(|| nested.envelope()).0, 0);
    let server = PartnerError::Database("secret".into());
    assert_eq!(allocations(|| server.envelope()).0, 0);
    assert_eq!(allocations(|| server.message()).0, 0);
}

#[test]
fn to_json_of_a_static_variant_allocates_once() {
    let error = CommonError::RateLimited;
    let (count, json) = allocations(|| error.to_json());
    assert_eq!(count, 1, "only the output buffer");
    assert_eq!(json.len(), json.capacity(), "sized exactly, never grown");
}

#[test]
fn to_json_reserves_its_output_once_even_with_details() {
    let error = guide_validation_error();
    let (count, json) = allocations(|| error.to_json());
    assert_eq!(
        count, 1,
        "the details are borrowed, not cloned: only the buffer"
    );
    assert_eq!(json.len(), json.capacity());
}

#[test]
fn a_formatted_message_allocates_only_its_text() {
    let error = PartnerError::InvoiceNotFound("inv_42".into());
    let (count, message) = allocations(|| error.message());
    assert_eq!(message, "Invoice inv_42 not found.");
    assert_eq!(count, 1);
    let empty = Details::new();
    assert_eq!(
        allocations(|| empty.clone()).0,
        0,
        "an empty Details is free"
    );
}

#[test]
fn write_json_into_a_buffer_with_room_allocates_nothing_for_a_static_variant() {
    let mut out = Vec::with_capacity(1024);
    for error in [CommonError::RateLimited, CommonError::NotFound] {
        out.clear();
        let (count, ()) = allocations(|| error.write_json(&mut out));
        assert_eq!(count, 0, "{error:?}");
        assert_eq!(out, error.to_json());
        assert_eq!(out.capacity(), 1024, "never grown");
    }
    // An empty buffer grows once, to the exact size, as `to_json` allocates.
    let error = guide_validation_error();
    let mut out = Vec::new();
    assert_eq!(allocations(|| error.write_json(&mut out)).0, 1);
    assert_eq!(out.len(), out.capacity());
}

#[test]
fn a_formatted_message_is_written_into_the_body_with_no_string_of_its_own() {
    let error = PartnerError::InvoiceNotFound("inv_42".into());
    let (count, json) = allocations(|| error.to_json());
    assert_eq!(count, 1, "only the body: the message is formatted into it");
    assert_eq!(json.len(), json.capacity(), "sized exactly, never grown");
    assert_eq!(
        json,
        br#"{"error":"Invoice inv_42 not found.","error_code":"invoice_not_found","details":{}}"#
    );
    let mut out = Vec::with_capacity(1024);
    assert_eq!(
        allocations(|| error.write_json(&mut out)).0,
        0,
        "room enough"
    );
    assert_eq!(out, json);

    // A message longer than the room kept for it on the stack moves to the heap first.
    let long = PartnerError::InvoiceNotFound("x".repeat(1000));
    let (count, json) = allocations(|| long.to_json());
    assert_eq!(count, 2, "the message's own copy, then the body");
    assert_eq!(json.len(), json.capacity());
    assert_eq!(json, serde_json::to_vec(&long.envelope()).unwrap());
    // Escaped in many pieces, it grows as a `Vec` does; the body is still exact.
    let escaped = PartnerError::InvoiceNotFound("x\"".repeat(400));
    let json = escaped.to_json();
    assert_eq!(json.len(), json.capacity());
    assert_eq!(json, serde_json::to_vec(&escaped.envelope()).unwrap());
}

#[test]
fn a_problem_document_allocates_once_at_its_exact_size() {
    for error in [
        PartnerError::InvoiceNotFound("inv_42".into()),
        guide_validation_error(),
    ] {
        let (count, json) = allocations(|| error.to_problem_json());
        assert_eq!(count, 1, "{error:?}");
        assert_eq!(json.len(), json.capacity(), "{error:?}");
    }
}

#[test]
fn decoding_the_guides_example_copies_no_message_the_contract_holds() {
    use std::borrow::Cow;

    use error_contract::{CommonErrorCode, ErrorResponse};
    use http::{HeaderMap, StatusCode};

    let body = guide_validation_error().to_json();
    let headers = HeaderMap::new();
    let (count, response) = allocations(|| {
        ErrorResponse::<CommonErrorCode>::from_parts(StatusCode::BAD_REQUEST, &headers, &body)
    });
    let envelope = response.envelope().expect("an envelope");
    assert!(
        matches!(envelope.error, Cow::Borrowed(_)),
        "the code's own static message, borrowed"
    );
    // Two keys, two messages and their two lists, and the root's entries: nothing else.
    assert_eq!(count, 7);

    // A message the contract does not hold is copied.
    let body = br#"{"error":"Other words","error_code":"validation_error","details":{}}"#;
    let response =
        ErrorResponse::<CommonErrorCode>::from_parts(StatusCode::BAD_REQUEST, &headers, body);
    assert_eq!(response.message(), "Other words");
    assert!(matches!(response.envelope().unwrap().error, Cow::Owned(_)));
}

#[test]
fn a_meta_nobody_reads_is_one_copy_of_its_text() {
    use error_contract::{ErrorResponse, Meta};
    use error_contract_tests::PartnerErrorCode;
    use http::{HeaderMap, StatusCode};

    let body = br#"{"error":"Taken.","error_code":"duplicate_external_id","details":{},"meta":{"external_id":"ext-1","invoice_id":"inv_0001","attempts":3}}"#;
    let headers = HeaderMap::new();
    let (count, response) = allocations(|| {
        ErrorResponse::<PartnerErrorCode>::from_parts(StatusCode::CONFLICT, &headers, body)
    });
    assert_eq!(count, 2, "the message and the meta object's text");
    // Read when first asked, once.
    let (count, invoice) = allocations(|| response.meta().get_as::<String>("invoice_id"));
    assert_eq!(invoice.as_deref(), Some("inv_0001"));
    assert!(count > 0);
    let (count, attempts) = allocations(|| {
        response
            .meta()
            .get("attempts")
            .map(|raw| raw.get().to_owned())
    });
    assert_eq!(attempts.as_deref(), Some("3"));
    assert_eq!(count, 1, "only the copy this test makes");
    let mut expected = Meta::new();
    expected.insert("external_id", "ext-1").unwrap();
    expected.insert("invoice_id", "inv_0001").unwrap();
    expected.insert("attempts", &3).unwrap();
    assert_eq!(response.meta(), &expected);
}
