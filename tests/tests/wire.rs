//! The wire format: the guide's bytes, headers, secrets, and the envelope round trip.

use error_contract::{ApiError, CommonError, Details, ErrorEnvelope};
use error_contract_tests::{PartnerError, every_common_error, guide_validation_error};
use http::StatusCode;
use http::header::{CONTENT_TYPE, RETRY_AFTER, WWW_AUTHENTICATE};
use proptest::prelude::*;

/// The guide's "Validation Errors" example, with its whitespace removed.
const GUIDE_EXAMPLE: &str = r#"{"error":"Validation errors in request data","error_code":"validation_error","details":{"email":["Enter a valid email address."],"currency":["Invalid currency code. Must be one of: GBP, EUR, USD"]}}"#;

#[test]
fn the_guide_validation_example_is_reproduced_byte_for_byte() {
    let error = guide_validation_error();
    assert_eq!(String::from_utf8(error.to_json()).unwrap(), GUIDE_EXAMPLE);
    assert_eq!(
        String::from_utf8(error.envelope().to_json()).unwrap(),
        GUIDE_EXAMPLE
    );
    assert_eq!(
        serde_json::to_string(&error.envelope()).unwrap(),
        GUIDE_EXAMPLE
    );
    assert_eq!(
        error.to_response().body().as_slice(),
        GUIDE_EXAMPLE.as_bytes()
    );
}

#[test]
fn details_are_always_written_and_read_back_when_missing_or_null() {
    let json = String::from_utf8(CommonError::NotFound.to_json()).unwrap();
    assert_eq!(
        json,
        r#"{"error":"Not found.","error_code":"not_found","details":{}}"#
    );
    for body in [
        r#"{"error":"x","error_code":"y"}"#,
        r#"{"error":"x","error_code":"y","details":null}"#,
        r#"{"error":"x","error_code":"y","details":{},"extra":[1,2]}"#,
    ] {
        let envelope: ErrorEnvelope = serde_json::from_str(body).unwrap();
        assert_eq!(envelope, ErrorEnvelope::new("x", "y"), "{body}");
    }
}

#[test]
fn the_strict_envelope_rejects_wrong_types() {
    for body in [
        r#"{"error":1,"error_code":"y"}"#,
        r#"{"error_code":"y"}"#,
        r#"{"error":"x","error_code":"y","details":{"a":"not a list"}}"#,
        r#"{"error":"x","error_code":"y","details":[]}"#,
    ] {
        assert!(
            serde_json::from_str::<ErrorEnvelope>(body).is_err(),
            "{body}"
        );
    }
}

#[test]
fn a_5xx_never_shows_its_secret() {
    let secret = "postgres://admin:hunter2@10.0.0.7/prod";
    let error = PartnerError::Database(secret.to_owned());
    assert!(
        error.to_string().contains(secret),
        "Display stays private but complete"
    );
    assert_eq!(error.message(), "Internal server error");
    let json = String::from_utf8(error.to_json()).unwrap();
    assert!(!json.contains("hunter2"), "{json}");
    let response = error.to_response();
    assert!(!String::from_utf8_lossy(response.body()).contains("hunter2"));
    for value in response.headers().values() {
        assert!(!value.to_str().unwrap().contains("hunter2"));
    }
    assert!(!format!("{:?}", error.envelope()).contains("hunter2"));
}

#[test]
fn a_401_carries_a_bearer_challenge() {
    let response = PartnerError::Common(CommonError::AuthenticationRequired).to_response();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(response.headers()[CONTENT_TYPE], "application/json");
    assert_eq!(response.headers()[WWW_AUTHENTICATE], "Bearer");
    assert!(response.headers().get(RETRY_AFTER).is_none());

    let response = PartnerError::Common(CommonError::InvalidToken).to_response();
    assert_eq!(
        response.headers()[WWW_AUTHENTICATE],
        r#"Bearer error="invalid_token""#
    );
    let response = CommonError::InvalidToken.to_response();
    assert_eq!(
        response.headers()[WWW_AUTHENTICATE],
        r#"Bearer error="invalid_token""#
    );
}

#[test]
fn a_503_with_retry_after_sends_the_header() {
    #[derive(Debug, ApiError)]
    enum Down {
        #[api(status = 503, retry_after = 30)]
        Maintenance,
        #[api(status = 409, message = "Busy.", retry_after = 2)]
        Busy,
    }
    let response = Down::Maintenance.to_response();
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(response.headers()[CONTENT_TYPE], "application/json");
    assert_eq!(response.headers()[RETRY_AFTER], "30");
    assert!(response.headers().get(WWW_AUTHENTICATE).is_none());
    assert_eq!(
        response.body().as_slice(),
        br#"{"error":"Service unavailable","error_code":"maintenance","details":{}}"#
    );
    // `retry_after` adds the header whatever the class.
    assert_eq!(Down::Busy.to_response().headers()[RETRY_AFTER], "2");
    // Without `retry_after`, a 503 has no header.
    let response = CommonError::ServiceUnavailable.to_response();
    assert!(response.headers().get(RETRY_AFTER).is_none());
}

#[test]
fn details_keep_insertion_order_on_the_wire_and_in_equality() {
    let details = Details::new()
        .with("zeta", "last letter")
        .with("alpha", "first letter");
    let json = serde_json::to_string(&details).unwrap();
    assert_eq!(json, r#"{"zeta":["last letter"],"alpha":["first letter"]}"#);
    let back: Details = serde_json::from_str(&json).unwrap();
    assert_eq!(back, details);
    let reversed = Details::new()
        .with("alpha", "first letter")
        .with("zeta", "last letter");
    assert_ne!(reversed, details, "order is part of equality");
}

fn details_strategy() -> impl Strategy<Value = Details> {
    let leaf = prop::collection::vec(
        (
            any::<String>(),
            prop::collection::vec(any::<String>(), 1..3),
        ),
        0..4,
    )
    .prop_map(|entries| {
        let mut details = Details::new();
        for (key, messages) in entries {
            for message in messages {
                details.push(key.clone(), message);
            }
        }
        details
    });
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop::collection::vec((any::<String>(), inner), 0..4).prop_map(|entries| {
            let mut details = Details::new();
            for (key, nested) in entries {
                details.nest(key, nested);
            }
            details
        })
    })
}

proptest! {
    #[test]
    fn envelope_round_trips_through_json(error in any::<String>(), code in any::<String>(), details in details_strategy()) {
        let envelope = ErrorEnvelope::new(error, code).with_details(details);
        let json = envelope.to_json();
        prop_assert_eq!(&json, &serde_json::to_vec(&envelope).unwrap());
        let back: ErrorEnvelope = serde_json::from_slice(&json).unwrap();
        prop_assert_eq!(back, envelope);
    }
}

#[test]
fn a_static_body_written_at_compile_time_is_what_serde_json_writes() {
    #[derive(Debug, ApiError)]
    enum Tricky {
        #[api(
            status = 400,
            message = "Quote \" backslash \\ tab \t newline \n bell \u{7} del \u{7f} caf\u{e9} </script> {{braces}}"
        )]
        Tricky,
        #[api(status = 503)]
        Down,
    }
    for error in [Tricky::Tricky, Tricky::Down] {
        assert!(error.static_json().is_some(), "{error:?} has a fixed body");
        assert_eq!(
            error.to_json(),
            serde_json::to_vec(&error.envelope()).unwrap(),
            "{error:?}"
        );
    }
    // Every CommonError without details has its body written at compile time.
    for error in every_common_error() {
        let expected = match error {
            CommonError::ValidationError(_) => None,
            _ => Some(serde_json::to_vec(&error.envelope()).unwrap()),
        };
        assert_eq!(
            error.static_json().map(|json| json.as_bytes().to_vec()),
            expected,
            "{error:?}"
        );
    }
    // A message over fields or with details is written at run time.
    assert_eq!(
        CommonError::ValidationError(Details::new()).static_json(),
        None
    );
    assert_eq!(
        PartnerError::InvoiceNotFound("x".into()).static_json(),
        None
    );
    assert!(
        PartnerError::Common(CommonError::NotFound)
            .static_json()
            .is_some(),
        "forwarded"
    );
}
