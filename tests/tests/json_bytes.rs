//! The hand-written JSON writer against serde_json: every body error-contract writes (the
//! envelope in a new buffer and in a reused one, `ErrorEnvelope::to_json`, the problem
//! document) is byte for byte what serde_json writes for the same values, over arbitrary
//! messages, field values, codes and `details` trees, control characters, quotes,
//! backslashes and non-ASCII text included.

use error_contract::{ApiError, Details, ErrorEnvelope};
use proptest::prelude::*;
use serde::Serialize;

/// Every way a message is made: a template over two fields, `Display`, a static text with
/// escapes, details, and `meta`.
#[derive(Debug, thiserror::Error, ApiError)]
enum Shapes {
    #[error("template")]
    #[api(status = 404, message = "Value {first} \"then\"\t{second}.")]
    Template { first: String, second: String },

    #[error("display: {0}")]
    #[api(status = 409)]
    Display(String),

    #[error("details")]
    #[api(status = 400, message = "Tab\there, \"quoted\", \\ and \u{e9}\u{1}")]
    WithDetails(#[api(details)] Details),

    #[error("meta")]
    #[api(status = 409, message = "Taken: {key}")]
    WithMeta {
        #[api(meta)]
        key: String,
        #[api(meta)]
        count: u32,
        #[api(meta)]
        note: Option<String>,
    },
}

/// Strings that reach every escape: arbitrary Unicode, and short runs drawn mostly from the
/// bytes serde_json escapes.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[\\x00-\\x1f\"\\\\a-z \u{7f}\u{e9}\u{2028}\u{1f600}]{0,24}",
        // Longer than the room a message gets on the stack.
        "[a-z\"\\n]{200,400}",
    ]
}

fn any_details() -> impl Strategy<Value = Details> {
    let leaf = prop::collection::vec((any_text(), prop::collection::vec(any_text(), 0..3)), 0..4)
        .prop_map(|entries| {
            let mut details = Details::new();
            for (key, messages) in entries {
                if messages.is_empty() {
                    details = details.with_nested(key.clone(), Details::new());
                }
                for message in messages {
                    details = details.with(key.clone(), message);
                }
            }
            details
        });
    leaf.prop_recursive(3, 24, 3, |inner| {
        prop::collection::vec((any_text(), inner), 0..3).prop_map(|entries| {
            entries
                .into_iter()
                .fold(Details::new(), |details, (key, nested)| {
                    details.with_nested(key, nested)
                })
        })
    })
}

fn any_error() -> impl Strategy<Value = Shapes> {
    prop_oneof![
        (any_text(), any_text()).prop_map(|(first, second)| Shapes::Template { first, second }),
        any_text().prop_map(Shapes::Display),
        any_details().prop_map(Shapes::WithDetails),
        (any_text(), any::<u32>(), prop::option::of(any_text()))
            .prop_map(|(key, count, note)| Shapes::WithMeta { key, count, note }),
    ]
}

/// The problem document as a serde struct, in the members' order.
#[derive(Serialize)]
struct ProblemDocument<'a> {
    #[serde(rename = "type")]
    problem_type: &'a str,
    title: &'a str,
    status: u16,
    detail: &'a str,
    error_code: &'a str,
    #[serde(skip_serializing_if = "Details::is_empty")]
    details: &'a Details,
    #[serde(skip_serializing_if = "error_contract::Meta::is_empty")]
    meta: &'a error_contract::Meta,
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn every_body_is_what_serde_json_writes(error in any_error()) {
        let envelope = error.envelope();
        let expected = serde_json::to_vec(&envelope).unwrap();
        // `message()` and the message written into the body are the same text.
        prop_assert_eq!(&*envelope.error, &*error.message());

        let json = error.to_json();
        prop_assert_eq!(&json, &expected);
        if envelope.meta.is_empty() {
            // `meta`, written by its values' own `Serialize`, may grow the body.
            prop_assert_eq!(json.len(), json.capacity());
        }

        // Appended to a reused buffer, with and without room.
        let mut roomy = Vec::with_capacity(64 * 1024);
        roomy.extend_from_slice(b"[");
        error.write_json(&mut roomy);
        prop_assert_eq!(&roomy[1..], &expected[..]);
        let mut tight = b"[".to_vec();
        error.write_json(&mut tight);
        prop_assert_eq!(&tight[1..], &expected[..]);

        // The envelope's own writer.
        prop_assert_eq!(envelope.to_json(), expected);

        let status = error.status();
        let problem = ProblemDocument {
            problem_type: &error.problem_type(),
            title: status.canonical_reason().unwrap(),
            status: status.as_u16(),
            detail: &envelope.error,
            error_code: &envelope.error_code,
            details: &envelope.details,
            meta: &envelope.meta,
        };
        prop_assert_eq!(error.to_problem_json(), serde_json::to_vec(&problem).unwrap());
    }

    #[test]
    fn any_envelope_is_written_as_serde_json_writes_it(
        message in any_text(),
        code in any_text(),
        details in any_details(),
    ) {
        let envelope = ErrorEnvelope::new(message, code).with_details(details);
        let expected = serde_json::to_vec(&envelope).unwrap();
        prop_assert_eq!(envelope.to_json(), expected.clone());
        let mut out = Vec::with_capacity(64 * 1024);
        envelope.write_json(&mut out);
        prop_assert_eq!(out, expected);
    }
}
