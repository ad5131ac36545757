//! Hostile bodies under many statuses: the status and a message always survive, nothing
//! panics, and the raw body never leaks into the message.

use std::panic::{AssertUnwindSafe, catch_unwind};

use error_contract::{CommonErrorCode, ErrorResponse};
use error_contract_tests::hostile::{self, Expect};
use http::{HeaderMap, StatusCode};

type Response = ErrorResponse<CommonErrorCode>;

const STATUSES: [u16; 10] = [400, 401, 404, 409, 422, 429, 500, 502, 503, 599];

fn is_validation(status: StatusCode) -> bool {
    status == StatusCode::BAD_REQUEST || status == StatusCode::UNPROCESSABLE_ENTITY
}

/// Every problem with one body under one status.
fn check(case: &hostile::Case, status: StatusCode) -> Vec<String> {
    let mut problems = Vec::new();
    let headers = HeaderMap::new();
    let Ok(response) = catch_unwind(AssertUnwindSafe(|| {
        Response::from_parts(status, &headers, &case.body)
    })) else {
        return vec!["from_parts panicked".to_owned()];
    };
    if response.status() != status {
        problems.push(format!("status became {}", response.status()));
    }
    if response.message().trim().is_empty() {
        problems.push("message is blank".to_owned());
    }
    let expected = match case.expect {
        Expect::NoEnvelope => false,
        Expect::Envelope => true,
        Expect::FieldErrors => is_validation(status),
    };
    if response.envelope().is_some() != expected {
        let envelope = format!("{:?}", response.envelope());
        problems.push(format!(
            "envelope is {}, expected {}",
            envelope.chars().take(200).collect::<String>(),
            if expected { "Some" } else { "None" }
        ));
    }
    let display = response.to_string();
    match response.envelope() {
        None => {
            let fallback = status
                .canonical_reason()
                .map_or_else(|| format!("HTTP {}", status.as_u16()), str::to_owned);
            if response.message() != fallback {
                problems.push(format!(
                    "message {:?} is not the status's",
                    response.message()
                ));
            }
            if display != format!("{fallback} (HTTP {})", status.as_u16()) {
                problems.push(format!("Display is {display:?}"));
            }
            if response.code().is_some() || response.error_code().is_some() {
                problems.push("a code without an envelope".to_owned());
            }
            if !response.details().is_empty() {
                problems.push("details without an envelope".to_owned());
            }
        }
        Some(envelope) => {
            // Decoding is idempotent: the envelope re-encoded decodes to itself.
            let again = Response::from_parts(status, &headers, &envelope.to_json());
            if again.envelope() != Some(envelope) || again.code() != response.code() {
                problems.push("re-encoded envelope decodes differently".to_owned());
            }
        }
    }
    if case.body.len() > 64 && display.len() >= case.body.len() {
        problems.push("Display is as long as the body".to_owned());
    }
    problems
}

#[test]
fn hostile_bodies_keep_status_and_message_under_every_status() {
    let cases = hostile::cases();
    assert!(cases.len() >= 30, "only {} hostile bodies", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        for status in STATUSES {
            let status = StatusCode::from_u16(status).unwrap();
            for problem in check(case, status) {
                failures.push(format!(
                    "{} under {}: {problem}",
                    case.name,
                    status.as_u16()
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn hostile_case_names_are_unique() {
    let cases = hostile::cases();
    let mut names: Vec<_> = cases.iter().map(|case| case.name).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), cases.len());
}

fn decode(status: u16, body: &[u8]) -> Response {
    Response::from_parts(
        StatusCode::from_u16(status).unwrap(),
        &HeaderMap::new(),
        body,
    )
}

fn body_of(name: &str) -> Vec<u8> {
    hostile::cases()
        .into_iter()
        .find(|case| case.name == name)
        .unwrap_or_else(|| panic!("no hostile case {name}"))
        .body
}

#[test]
fn a_bom_is_stripped() {
    let response = decode(404, &body_of("bom-then-envelope"));
    assert_eq!(response.code(), Some(CommonErrorCode::NotFound));
    assert_eq!(response.message(), "Not found.");
}

#[test]
fn repeated_keys_keep_the_first_string_and_merge_details() {
    let response = decode(409, &body_of("duplicate-keys"));
    assert_eq!(response.message(), "first");
    assert_eq!(response.error_code(), Some("a"));
    assert_eq!(response.details().get("f").unwrap(), ["1", "2"]);
}

#[test]
fn wrong_types_read_as_missing_and_details_as_text() {
    let response = decode(500, &body_of("wrong-types"));
    assert_eq!(response.message(), "Internal Server Error");
    assert_eq!(response.error_code(), None);
    assert_eq!(
        response.details().get("non_field_errors").unwrap(),
        ["whole body"]
    );
}

#[test]
fn escaped_keys_and_unknown_fields_are_read() {
    let response = decode(404, &body_of("escaped-keys"));
    assert_eq!(response.code(), Some(CommonErrorCode::NotFound));
    let response = decode(404, &body_of("unknown-fields"));
    assert_eq!(response.code(), Some(CommonErrorCode::NotFound));
    assert_eq!(response.message(), "x");
}

#[test]
fn numbers_and_booleans_in_details_become_text() {
    let response = decode(400, &body_of("numbers-and-booleans"));
    let messages = response.details().get("n").unwrap();
    assert_eq!(messages.len(), 6);
    assert_eq!(messages[2], "18446744073709551615");
    assert_eq!(messages[3], "-9223372036854775808");
    assert_eq!(messages[4..], ["true", "false"]);
}

#[test]
fn details_past_the_depth_limit_are_dropped_but_the_envelope_stays() {
    let response = decode(400, &body_of("details-100-deep"));
    assert_eq!(response.message(), "Deep");
    assert_eq!(response.details().flatten().count(), 0);
    assert!(
        !String::from_utf8(response.envelope().unwrap().to_json())
            .unwrap()
            .contains("bottom")
    );
}

#[test]
fn control_characters_survive_as_sent() {
    let response = decode(400, &body_of("escaped-controls"));
    assert_eq!(response.message(), "\u{0}\u{1b}[31mred\n");
    assert_eq!(response.error_code(), Some("x\ty"));
}
