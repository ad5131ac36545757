//! The hot-path budget, counted by a global allocator (not timed): a static variant's
//! `envelope()` and `message()` allocate nothing; its `to_json()` allocates once.

#![allow(unsafe_code)] // a counting GlobalAlloc cannot be written without it

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use error_contract::{ApiError, CommonError, Details};
use error_contract_tests::{PartnerError, guide_validation_error};

struct Counting;

thread_local! {
    // Per thread, so tests running in parallel do not count each other's allocations.
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

// SAFETY: every call is forwarded unchanged to the system allocator; counting touches only a
// const-initialised thread-local `Cell`, which never allocates.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.with(|count| count.set(count.get() + 1));
        // SAFETY: the caller upholds `alloc`'s contract, which `System` shares.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from `System.alloc` with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.with(|count| count.set(count.get() + 1));
        // SAFETY: as for `alloc` and `dealloc`.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// How many allocations `f` makes on this thread, and its result.
fn allocations<T>(f: impl FnOnce() -> T) -> (usize, T) {
    let before = ALLOCATIONS.with(Cell::get);
    let value = f();
    (ALLOCATIONS.with(Cell::get) - before, value)
}

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
