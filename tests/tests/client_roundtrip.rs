//! Whatever envelope a server can produce, the client decodes back: the same `error`,
//! `error_code` and details, in the same order.

use error_contract::{
    ApiError, CommonError, CommonErrorCode, Details, ErrorEnvelope, ErrorResponse,
};
use http::{HeaderMap, StatusCode};
use proptest::prelude::*;

type Response = ErrorResponse<CommonErrorCode>;

/// One entry of a generated tree: messages, or a nested tree.
#[derive(Debug, Clone)]
enum Entry {
    Messages(Vec<String>),
    Nested(Details),
}

fn build(entries: Vec<(String, Entry)>) -> Details {
    let mut details = Details::new();
    for (key, entry) in entries {
        match entry {
            Entry::Messages(messages) => {
                for message in messages {
                    details.push(key.clone(), message);
                }
            }
            Entry::Nested(nested) => {
                details.nest(key, nested);
            }
        }
    }
    details
}

fn messages() -> impl Strategy<Value = Entry> {
    prop::collection::vec(any::<String>(), 1..4).prop_map(Entry::Messages)
}

/// Trees as the server's builder makes them: arbitrary Unicode keys and messages, any
/// order, nested a few levels (with list-like decimal keys too).
fn details() -> impl Strategy<Value = Details> {
    let key = prop_oneof![any::<String>(), (0_u32..20).prop_map(|i| i.to_string())];
    let leaf = prop::collection::vec((key.clone(), messages()), 0..5).prop_map(build);
    leaf.prop_recursive(4, 48, 5, move |inner| {
        prop::collection::vec(
            (
                key.clone(),
                prop_oneof![messages(), inner.prop_map(Entry::Nested)],
            ),
            0..5,
        )
        .prop_map(build)
    })
}

fn error_status() -> impl Strategy<Value = StatusCode> {
    (400_u16..600).prop_map(|code| StatusCode::from_u16(code).unwrap())
}

proptest! {
    #[test]
    fn any_envelope_round_trips(
        error in any::<String>(),
        error_code in any::<String>(),
        details in details(),
        status in error_status(),
    ) {
        let sent = ErrorEnvelope::new(error.clone(), error_code.clone()).with_details(details.clone());
        let response = Response::from_parts(status, &HeaderMap::new(), &sent.to_json());

        prop_assert_eq!(response.status(), status);
        let envelope = response.envelope().expect("an envelope");
        prop_assert_eq!(&envelope.error, &error);
        prop_assert_eq!(&envelope.error_code, &error_code);
        // Equality of Details is order-sensitive; the bytes prove it once more.
        prop_assert_eq!(response.details(), &details);
        prop_assert_eq!(
            serde_json::to_string(response.details()).unwrap(),
            serde_json::to_string(&details).unwrap()
        );
        prop_assert_eq!(response.error_code(), Some(error_code.as_str()).filter(|code| !code.is_empty()));
        if !error.trim().is_empty() {
            prop_assert_eq!(response.message(), error.as_str());
        }
        prop_assert!(!response.message().trim().is_empty());
    }

    #[test]
    fn a_derived_error_round_trips_through_its_response(details in details()) {
        let error = CommonError::ValidationError(details.clone());
        let sent = error.to_response();
        let response = Response::from_parts(sent.status(), sent.headers(), sent.body());
        prop_assert_eq!(response.code(), Some(CommonErrorCode::ValidationError));
        prop_assert_eq!(response.message(), "Validation errors in request data");
        prop_assert_eq!(response.details(), &details);
    }
}
