//! `ErrorResponse`: accessors, the message fallback, `Display`, the body limit, retry
//! classification and `Retry-After`.

use std::time::Duration;

use error_contract::{
    ApiError, CommonError, CommonErrorCode, DEFAULT_BODY_LIMIT, Details, DetailsLimits,
    ErrorEnvelope, ErrorResponse, RetryAfter, RetryClass, Retryable,
};
use http::header::RETRY_AFTER;
use http::{HeaderMap, HeaderValue, StatusCode};

type Response = ErrorResponse<CommonErrorCode>;

const GUIDE_EXAMPLE: &str = r#"{
  "error": "Validation errors in request data",
  "error_code": "validation_error",
  "details": {
    "email": ["Enter a valid email address."],
    "currency": ["Invalid currency code. Must be one of: GBP, EUR, USD"]
  }
}"#;

fn status(code: u16) -> StatusCode {
    StatusCode::from_u16(code).unwrap()
}

fn decode(code: u16, body: &str) -> Response {
    Response::from_parts(status(code), &HeaderMap::new(), body.as_bytes())
}

#[test]
fn the_guide_example_decodes_to_its_typed_code_in_order() {
    let response = decode(400, GUIDE_EXAMPLE);
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert_eq!(response.code(), Some(CommonErrorCode::ValidationError));
    assert_eq!(response.error_code(), Some("validation_error"));
    assert_eq!(response.message(), "Validation errors in request data");
    let keys: Vec<_> = response.details().iter().map(|(key, _)| key).collect();
    assert_eq!(keys, ["email", "currency"]);
    assert_eq!(
        response.details().get("currency").unwrap(),
        ["Invalid currency code. Must be one of: GBP, EUR, USD"]
    );
    assert_eq!(
        response.envelope(),
        Some(
            &ErrorEnvelope::new("Validation errors in request data", "validation_error")
                .with_details(
                    Details::new()
                        .with("email", "Enter a valid email address.")
                        .with(
                            "currency",
                            "Invalid currency code. Must be one of: GBP, EUR, USD"
                        )
                )
        )
    );
    assert_eq!(
        response.to_string(),
        "Validation errors in request data (validation_error)"
    );
}

#[test]
fn what_the_server_sends_the_client_reads() {
    let error = CommonError::ValidationError(Details::new().with("email", "taken"));
    let sent = error.to_response();
    let response = Response::from_parts(sent.status(), sent.headers(), sent.body());
    assert_eq!(response.code(), Some(error.code()));
    assert_eq!(response.envelope(), Some(&error.envelope()));
}

#[test]
fn an_unknown_code_is_kept_raw() {
    let response = decode(
        503,
        r#"{"error":"Gone fishing","error_code":"gone_fishing"}"#,
    );
    assert_eq!(response.code(), None);
    assert_eq!(response.error_code(), Some("gone_fishing"));
    assert_eq!(response.to_string(), "Gone fishing (gone_fishing)");
    assert_eq!(response.retry_class(), RetryClass::Throttled);
}

#[test]
fn a_known_code_decides_the_retry_class_over_the_status() {
    // 500 alone is Transient; the contract says rate_limited is Throttled.
    let response = decode(500, r#"{"error":"Slow down","error_code":"rate_limited"}"#);
    assert_eq!(response.code(), Some(CommonErrorCode::RateLimited));
    assert_eq!(response.retry_class(), RetryClass::Throttled);
    // 503 alone is Throttled; the contract says validation_error is Permanent.
    let response = decode(503, r#"{"error":"Bad","error_code":"validation_error"}"#);
    assert_eq!(response.retry_class(), RetryClass::Permanent);
}

#[test]
fn a_derived_contract_classifies_its_own_codes() {
    #[derive(Debug, thiserror::Error, error_contract::ApiError)]
    enum PlatformError {
        #[error("duplicate external id")]
        #[api(status = 409, retry = "already_exists")]
        DuplicateExternalId,
        #[error("invoice not found")]
        #[api(status = 404)]
        InvoiceNotFound,
    }
    let body = r#"{"error":"duplicate","error_code":"duplicate_external_id","details":{}}"#;
    let response = ErrorResponse::<PlatformErrorCode>::from_parts(
        StatusCode::CONFLICT,
        &HeaderMap::new(),
        body.as_bytes(),
    );
    assert_eq!(
        response.code(),
        Some(PlatformErrorCode::DuplicateExternalId)
    );
    assert_eq!(response.retry_class(), RetryClass::AlreadyExists);
    // Without the code the status table answers: a 409 is permanent.
    let response = ErrorResponse::<PlatformErrorCode>::from_parts(
        StatusCode::CONFLICT,
        &HeaderMap::new(),
        b"conflict",
    );
    assert_eq!(response.retry_class(), RetryClass::Permanent);
    // The server's side of the same contract.
    assert_eq!(
        PlatformError::DuplicateExternalId.code(),
        PlatformErrorCode::DuplicateExternalId
    );
    assert_eq!(
        PlatformError::InvoiceNotFound.status(),
        StatusCode::NOT_FOUND
    );
}

#[test]
fn classes_by_status_when_there_is_no_code() {
    for (code, class) in [
        (400, RetryClass::Permanent),
        (401, RetryClass::Reauthenticate),
        (408, RetryClass::Transient),
        (429, RetryClass::Throttled),
        (500, RetryClass::Transient),
        (501, RetryClass::Permanent),
        (502, RetryClass::Transient),
        (503, RetryClass::Throttled),
        (504, RetryClass::Transient),
    ] {
        assert_eq!(decode(code, "").retry_class(), class, "status {code}");
    }
}

#[test]
fn the_message_falls_back_to_the_status_reason() {
    assert_eq!(decode(404, "").message(), "Not Found");
    assert_eq!(decode(404, "").to_string(), "Not Found (HTTP 404)");
    assert_eq!(decode(502, "<html>").message(), "Bad Gateway");
    // An empty or blank `error` falls back too, and the code is still shown.
    let response = decode(404, r#"{"error":"","error_code":"not_found"}"#);
    assert_eq!(response.message(), "Not Found");
    assert_eq!(response.to_string(), "Not Found (not_found)");
    assert_eq!(response.envelope().unwrap().error, "");
    assert_eq!(
        decode(500, r#"{"error":" \n "}"#).message(),
        "Internal Server Error"
    );
    // A status with no reason phrase.
    assert_eq!(decode(599, "").message(), "HTTP 599");
    assert_eq!(decode(599, "").to_string(), "HTTP 599 (HTTP 599)");
}

#[test]
fn an_empty_error_code_is_no_code() {
    let response = decode(404, r#"{"error":"Nope","error_code":""}"#);
    assert_eq!(response.error_code(), None);
    assert_eq!(response.code(), None);
    assert_eq!(response.to_string(), "Nope (HTTP 404)");
}

#[test]
fn bare_drf_detail_bodies() {
    let response = decode(404, r#"{"detail":"Not found."}"#);
    assert_eq!(response.message(), "Not found.");
    assert_eq!(response.error_code(), None);
    assert_eq!(response.to_string(), "Not found. (HTTP 404)");
    assert_eq!(response.envelope().unwrap().error_code, "");

    let response = decode(401, r#"{"detail":"Invalid token.","code":"invalid_token"}"#);
    assert_eq!(response.code(), Some(CommonErrorCode::InvalidToken));
    assert_eq!(response.to_string(), "Invalid token. (invalid_token)");

    // A code that is not a string is no code.
    let response = decode(403, r#"{"code":403,"detail":"Forbidden."}"#);
    assert_eq!(response.error_code(), None);
    assert_eq!(response.message(), "Forbidden.");
}

#[test]
fn bare_field_maps_are_read_under_validation_statuses_only() {
    let body = r#"{"email":["Enter a valid email address."],"detail":["not a detail body"]}"#;
    for code in [400, 422] {
        let response = decode(code, body);
        assert_eq!(response.message(), "Validation errors in request data");
        assert_eq!(response.error_code(), None);
        assert_eq!(
            serde_json::to_string(response.details()).unwrap(),
            body,
            "status {code}"
        );
    }
    let response = decode(409, body);
    assert_eq!(response.envelope(), None);
    assert_eq!(response.message(), "Conflict");
    assert!(response.details().is_empty());
}

#[test]
fn the_body_limit() {
    assert_eq!(DEFAULT_BODY_LIMIT, 1024 * 1024);
    let body = br#"{"error":"Not found.","error_code":"not_found"}"#;
    let at = |limit| Response::from_parts_with_limit(status(404), &HeaderMap::new(), body, limit);
    assert_eq!(at(body.len()).code(), Some(CommonErrorCode::NotFound));
    let over = at(body.len() - 1);
    assert_eq!(over.envelope(), None);
    assert_eq!(over.status(), StatusCode::NOT_FOUND);
    assert_eq!(over.message(), "Not Found");

    // The default: a body padded to exactly 1 MiB is read, one byte more is not.
    let mut padded = body.to_vec();
    padded.resize(DEFAULT_BODY_LIMIT, b' ');
    let headers = HeaderMap::new();
    assert!(
        Response::from_parts(status(404), &headers, &padded)
            .envelope()
            .is_some()
    );
    padded.push(b' ');
    assert!(
        Response::from_parts(status(404), &headers, &padded)
            .envelope()
            .is_none()
    );
}

fn with_retry_after(value: &'static [u8]) -> Response {
    let mut headers = HeaderMap::new();
    headers.insert(RETRY_AFTER, HeaderValue::from_bytes(value).unwrap());
    Response::from_parts(status(503), &headers, b"")
}

#[test]
fn retry_after_seconds_and_dates() {
    let response = with_retry_after(b"120");
    assert_eq!(
        response.retry_after_header(),
        Some(RetryAfter::Delay(Duration::from_secs(120)))
    );
    assert_eq!(response.retry_after(), Some(Duration::from_secs(120)));

    // A date in the past is no wait at all; one far ahead is a long one.
    let past = with_retry_after(b"Sun, 06 Nov 1994 08:49:37 GMT");
    assert!(matches!(past.retry_after_header(), Some(RetryAfter::At(_))));
    assert_eq!(past.retry_after(), Some(Duration::ZERO));
    let future = with_retry_after(b"Fri, 31 Dec 9999 23:59:59 GMT");
    assert!(future.retry_after().unwrap() > Duration::from_secs(100 * 365 * 24 * 3600));

    // Malformed or non-UTF-8 values are ignored.
    for value in [&b"soon"[..], b"-5", b"1.5", b"", b"\xff\xfe"] {
        let response = with_retry_after(value);
        assert_eq!(response.retry_after_header(), None, "{value:?}");
        assert_eq!(response.retry_after(), None);
    }
    assert_eq!(decode(503, "").retry_after(), None);
}

#[test]
fn an_error_response_is_a_std_error_clone_and_eq() {
    let response = decode(400, GUIDE_EXAMPLE);
    let copy = response.clone();
    assert_eq!(copy, response);
    assert_ne!(decode(500, GUIDE_EXAMPLE), response);
    let boxed: Box<dyn std::error::Error + Send + Sync> = Box::new(response);
    assert_eq!(
        boxed.to_string(),
        "Validation errors in request data (validation_error)"
    );
    assert!(format!("{copy:?}").contains("ValidationError"));
}

#[test]
fn the_display_never_shows_the_raw_body() {
    let body = "<html><body>secret=hunter2 stack trace…</body></html>";
    let response = decode(500, body);
    assert!(!response.to_string().contains("hunter2"));
    assert!(!response.message().contains("hunter2"));
}

#[test]
fn a_deep_server_made_tree_within_the_limit_round_trips() {
    // The messages of the deepest key sit one array below its object: `depth - 2` objects
    // above the root's keep that array within the limit.
    let deep = |levels: usize| {
        let mut details = Details::new().with("leaf", "bottom");
        for level in 0..levels {
            details = Details::new().with_nested(format!("k{level}"), details);
        }
        ErrorEnvelope::new("Deep", "deep").with_details(details)
    };
    let within = deep(DetailsLimits::DEFAULT.depth - 2);
    let response = Response::from_parts(status(400), &HeaderMap::new(), &within.to_json());
    assert_eq!(response.envelope(), Some(&within));
    assert!(!response.details_truncated());

    let past = deep(DetailsLimits::DEFAULT.depth - 1);
    let response = Response::from_parts(status(400), &HeaderMap::new(), &past.to_json());
    assert!(response.details_truncated());
    assert_eq!(
        response.details().flatten().count(),
        0,
        "the leaf past the limit"
    );
    assert_eq!(
        response.code(),
        None,
        "`deep` is not a code `CommonErrorCode` knows"
    );
    assert_eq!(response.error_code(), Some("deep"));
}

/// A server still on an older release sends a code the contract has since renamed: the
/// client decodes it as the new code through its alias, and rebuilds the error from it.
#[test]
fn a_former_code_decodes_through_its_alias() {
    use error_contract::{ApiError, ErrorCode};

    #[derive(Debug, PartialEq, thiserror::Error, ApiError)]
    enum Renamed {
        #[error("invoice {invoice_id} missing")]
        #[api(
            status = 404,
            message = "Invoice not found.",
            alias = "no_such_invoice"
        )]
        InvoiceNotFound {
            #[api(meta)]
            invoice_id: String,
        },
    }

    let body = br#"{"error":"Invoice not found.","error_code":"no_such_invoice","details":{},"meta":{"invoice_id":"inv_9"}}"#;
    let response = ErrorResponse::<RenamedCode>::from_parts(
        http::StatusCode::NOT_FOUND,
        &http::HeaderMap::new(),
        body,
    );
    assert_eq!(response.code(), Some(RenamedCode::InvoiceNotFound));
    assert_eq!(
        response.code().map(ErrorCode::as_str),
        Some("invoice_not_found")
    );
    // What the server sent stays readable as sent.
    assert_eq!(response.error_code(), Some("no_such_invoice"));
    assert_eq!(
        response.to_error::<Renamed>(),
        Some(Renamed::InvoiceNotFound {
            invoice_id: "inv_9".into()
        })
    );
}
