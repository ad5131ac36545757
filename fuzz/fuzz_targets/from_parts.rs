//! `ErrorResponse::from_parts` on arbitrary bodies under arbitrary statuses.
//!
//! Input: two bytes choosing the status (100 + big-endian `u16` mod 900, so every valid
//! status is reachable), then the body. Besides "no panic", it checks what the contract
//! promises for any body: the status is kept, the message is never blank, and decoding is
//! idempotent (an envelope, re-encoded, decodes to itself).

#![no_main]

use error_contract::{CommonErrorCode, ErrorResponse, Retryable};
use http::{HeaderMap, StatusCode};
use libfuzzer_sys::fuzz_target;

type Response = ErrorResponse<CommonErrorCode>;

fuzz_target!(|data: &[u8]| {
    let Some((status, body)) = data.split_first_chunk::<2>() else {
        return;
    };
    let status = StatusCode::from_u16(100 + u16::from_be_bytes(*status) % 900)
        .expect("100..=999 is a valid status");
    let headers = HeaderMap::new();
    let response = Response::from_parts(status, &headers, body);

    assert_eq!(response.status(), status);
    assert!(!response.message().trim().is_empty());
    let _ = response.to_string();
    let _ = response.retry_class();
    let _ = response.details().flatten().count();
    let _ = response.details().to_string();

    match response.envelope() {
        Some(envelope) => {
            let again = Response::from_parts(status, &headers, &envelope.to_json());
            assert_eq!(again.envelope(), Some(envelope));
            assert_eq!(again.code(), response.code());
        }
        None => {
            assert!(response.details().is_empty());
            assert_eq!(response.error_code(), None);
        }
    }
});
