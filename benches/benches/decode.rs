//! `decode`: `ErrorResponse::from_parts` against `serde_json::from_slice` into a borrowed
//! struct plus a `match` on the code, on the guide's validation example (`validation`) and on
//! a 409 with two `meta` values (`meta`).
//!
//! The budget is ≤ 1.15× of `decode/hand_written/*`. Run with
//! `cargo bench -p error-contract-benches --bench decode`.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use error_contract::{ApiError, CommonError, CommonErrorCode, Details, ErrorResponse};
use error_contract_benches::invoice_error::InvoiceErrorCode;
use error_contract_benches::{DUPLICATE_BODY, GUIDE_VALIDATION_BODY, hand_written};
use http::{HeaderMap, StatusCode};

/// Both decoders read the body the same way before anything is timed.
fn check_inputs() {
    let sent = CommonError::ValidationError(
        Details::new()
            .with("email", "Enter a valid email address.")
            .with(
                "currency",
                "Invalid currency code. Must be one of: GBP, EUR, USD",
            ),
    );
    assert_eq!(sent.to_json(), GUIDE_VALIDATION_BODY);
    let ours = ErrorResponse::<CommonErrorCode>::from_parts(
        StatusCode::BAD_REQUEST,
        &HeaderMap::new(),
        GUIDE_VALIDATION_BODY,
    );
    let (theirs, code) =
        hand_written::decode(GUIDE_VALIDATION_BODY).expect("the guide's example decodes");
    assert_eq!(ours.code(), Some(CommonErrorCode::ValidationError));
    assert_eq!(code, Some(hand_written::Code::ValidationError));
    assert_eq!(ours.message(), theirs.error);
    assert_eq!(ours.details(), &sent.details());
    assert_eq!(ours.details().len(), theirs.details.len());

    let ours = ErrorResponse::<InvoiceErrorCode>::from_parts(
        StatusCode::CONFLICT,
        &HeaderMap::new(),
        DUPLICATE_BODY,
    );
    let (theirs, code) = hand_written::decode_meta(DUPLICATE_BODY).expect("the 409 decodes");
    assert_eq!(ours.code(), Some(InvoiceErrorCode::DuplicateExternalId));
    assert_eq!(code, Some(hand_written::InvoiceCode::DuplicateExternalId));
    assert_eq!(ours.message(), theirs.error);
    let meta = ours.meta();
    assert_eq!(
        meta.get_as::<String>("external_id").as_deref(),
        Some(&*theirs.meta.external_id)
    );
    assert_eq!(
        meta.get_as::<String>("invoice_id").as_deref(),
        Some(&*theirs.meta.invoice_id)
    );
}

fn decode(c: &mut Criterion) {
    check_inputs();
    let headers = HeaderMap::new();
    let mut group = c.benchmark_group("decode");
    group.bench_function("error_contract/validation", |b| {
        b.iter(|| {
            ErrorResponse::<CommonErrorCode>::from_parts(
                black_box(StatusCode::BAD_REQUEST),
                black_box(&headers),
                black_box(GUIDE_VALIDATION_BODY),
            )
        });
    });
    group.bench_function("hand_written/validation", |b| {
        b.iter(|| hand_written::decode(black_box(GUIDE_VALIDATION_BODY)));
    });
    group.bench_function("error_contract/meta", |b| {
        b.iter(|| {
            ErrorResponse::<InvoiceErrorCode>::from_parts(
                black_box(StatusCode::CONFLICT),
                black_box(&headers),
                black_box(DUPLICATE_BODY),
            )
        });
    });
    group.bench_function("hand_written/meta", |b| {
        b.iter(|| hand_written::decode_meta(black_box(DUPLICATE_BODY)));
    });
    group.finish();
}

criterion_group!(benches, decode);
criterion_main!(benches);
