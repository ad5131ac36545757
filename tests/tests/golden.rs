//! Golden bodies: the exact bytes four errors answer with, as the envelope and as RFC 9457's
//! problem document, in `tests/golden/envelope/` and `tests/golden/problem/` (one file a
//! code, the body as sent, no newline added). Any byte that changes fails; after a change
//! that is meant, `UPDATE_GOLDEN=1 cargo test -p error-contract-tests --test golden` rewrites
//! the files (and says which), for review in the diff.
//!
//! The Standard Error Response guide's example body is checked in `wire.rs`; here, an error
//! without meta must also be exactly the guide's three keys.

#![warn(clippy::pedantic)]

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use error_contract::{ApiError, CommonError, Details};
use error_contract_tests::problem::{self, Fixture};
use http::header::{CONTENT_TYPE, RETRY_AFTER, WWW_AUTHENTICATE};
use http::{HeaderValue, StatusCode};
use serde::Serialize;
use serde_json::Value;

/// The four shapes, with the problem `type` a documented contract gives them.
#[derive(Debug, thiserror::Error, ApiError)]
#[api(problem_type = "https://docs.example.com/errors/{code}")]
pub enum GoldenError {
    /// A unit variant (and a 401, so the challenge is part of the response).
    #[error("no credentials")]
    #[api(
        status = 401,
        message = "Authentication credentials were not provided."
    )]
    AuthenticationRequired,

    /// A formatted message.
    #[error("invoice {0} not found")]
    #[api(status = 404, message = "Invoice {0} not found")]
    InvoiceNotFound(String),

    /// Field errors.
    #[error("validation failed")]
    #[api(status = 400, message = "Validation errors in request data")]
    ValidationError(#[api(details)] Details),

    /// Meta: the design's example.
    #[error("external_id {external_id} is taken by {invoice_id}")]
    #[api(
        status = 409,
        retry = "already_exists",
        message = "An invoice with external_id {external_id} already exists.",
        retry_after = 5
    )]
    DuplicateExternalId {
        #[api(meta)]
        external_id: String,
        #[api(meta)]
        invoice_id: String,
    },
}

/// The guide's validation example's details.
fn guide_details() -> Details {
    Details::new()
        .with("email", "Enter a valid email address.")
        .with(
            "currency",
            "Invalid currency code. Must be one of: GBP, EUR, USD",
        )
}

/// Each golden error, by the name of its files.
fn cases() -> Vec<(&'static str, GoldenError)> {
    vec![
        (
            "authentication_required",
            GoldenError::AuthenticationRequired,
        ),
        (
            "invoice_not_found",
            GoldenError::InvoiceNotFound("inv_0001".into()),
        ),
        (
            "validation_error",
            GoldenError::ValidationError(guide_details()),
        ),
        (
            "duplicate_external_id",
            GoldenError::DuplicateExternalId {
                external_id: "ext-1".into(),
                invoice_id: "inv_0001".into(),
            },
        ),
    ]
}

/// The two forms, by the name of their folders.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    Envelope,
    Problem,
}

impl Form {
    const ALL: [Form; 2] = [Form::Envelope, Form::Problem];

    fn dir(self) -> PathBuf {
        let name = match self {
            Form::Envelope => "envelope",
            Form::Problem => "problem",
        };
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("golden")
            .join(name)
    }

    fn body(self, error: &GoldenError) -> Vec<u8> {
        match self {
            Form::Envelope => error.to_json(),
            Form::Problem => error.to_problem_json(),
        }
    }

    fn response(self, error: &GoldenError) -> http::Response<Vec<u8>> {
        match self {
            Form::Envelope => error.to_response(),
            Form::Problem => error.to_problem_response(),
        }
    }

    fn content_type(self) -> &'static str {
        match self {
            Form::Envelope => "application/json",
            Form::Problem => "application/problem+json",
        }
    }
}

fn updating() -> bool {
    std::env::var_os("UPDATE_GOLDEN").is_some_and(|value| value == "1")
}

/// Written straight to the process's stderr, past the test harness's capture, so a rewrite
/// is reported even when the test passes.
fn say(line: &str) {
    let _ = writeln!(std::io::stderr(), "{line}");
}

/// Where two byte strings first differ, for the failure message.
fn first_difference(a: &[u8], b: &[u8]) -> usize {
    a.iter()
        .zip(b)
        .position(|(x, y)| x != y)
        .unwrap_or(a.len().min(b.len()))
}

/// Compares `actual` with the golden file at `path`, or rewrites the file under
/// `UPDATE_GOLDEN=1`. Returns what is wrong, if anything.
fn compare(path: &Path, actual: &[u8]) -> Option<String> {
    // Relative to the workspace, as a reader finds it: `tests/golden/…`.
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let shown = path.strip_prefix(workspace).unwrap_or(path).display();
    let expected = fs::read(path).ok();
    if updating() {
        if expected.as_deref() == Some(actual) {
            say(&format!("golden: {shown} unchanged"));
        } else {
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, actual).unwrap();
            say(&format!("golden: UPDATE_GOLDEN=1, rewrote {shown}"));
        }
        return None;
    }
    let hint = "if the change is meant, run `UPDATE_GOLDEN=1 cargo test -p error-contract-tests --test golden` and review the diff";
    match expected {
        None => Some(format!("{shown} is missing; {hint}")),
        Some(expected) if expected != actual => Some(format!(
            "{shown} differs at byte {} (golden {} bytes, actual {}):\n  golden: {:?}\n  actual: {:?}\n{hint}",
            first_difference(&expected, actual),
            expected.len(),
            actual.len(),
            String::from_utf8_lossy(&expected),
            String::from_utf8_lossy(actual),
        )),
        Some(_) => None,
    }
}

#[test]
fn every_body_is_its_golden_file_byte_for_byte() {
    let mut problems = Vec::new();
    for form in Form::ALL {
        for (name, error) in cases() {
            let path = form.dir().join(format!("{name}.json"));
            let body = form.body(&error);
            problems.extend(compare(&path, &body));
            // The response sends the same bytes, with its status and media type.
            let response = form.response(&error);
            if response.body() != &body {
                problems.push(format!(
                    "{form:?} {name}: the response's body is not the body"
                ));
            }
            if response.status() != error.status() {
                problems.push(format!(
                    "{form:?} {name}: status {} instead of {}",
                    response.status(),
                    error.status()
                ));
            }
            let content_type = response.headers().get(CONTENT_TYPE);
            if content_type.map(HeaderValue::as_bytes) != Some(form.content_type().as_bytes()) {
                problems.push(format!(
                    "{form:?} {name}: Content-Type {content_type:?} instead of {}",
                    form.content_type()
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

#[test]
fn no_golden_file_is_left_without_its_error() {
    if updating() {
        return;
    }
    let names: Vec<String> = cases()
        .iter()
        .map(|(name, _)| format!("{name}.json"))
        .collect();
    for form in Form::ALL {
        let mut found: Vec<String> = fs::read_dir(form.dir())
            .unwrap_or_else(|error| panic!("{}: {error}", form.dir().display()))
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        found.sort();
        let mut expected = names.clone();
        expected.sort();
        assert_eq!(found, expected, "{}", form.dir().display());
    }
}

#[test]
fn the_problem_response_has_the_envelopes_status_and_headers() {
    for (name, error) in cases() {
        let envelope = error.to_response();
        let problem = error.to_problem_response();
        assert_eq!(problem.status(), envelope.status(), "{name}");
        for header in [WWW_AUTHENTICATE, RETRY_AFTER] {
            assert_eq!(
                problem.headers().get(&header),
                envelope.headers().get(&header),
                "{name}: {header}"
            );
        }
        let mut other: Vec<_> = problem.headers().keys().collect();
        other.sort_by_key(|name| name.as_str());
        let mut expected: Vec<_> = envelope.headers().keys().collect();
        expected.sort_by_key(|name| name.as_str());
        assert_eq!(other, expected, "{name}: the same headers");
    }
    let response = GoldenError::AuthenticationRequired.to_problem_response();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(response.headers()[WWW_AUTHENTICATE], "Bearer");
    let response = cases().pop().unwrap().1.to_problem_response();
    assert_eq!(response.headers()[RETRY_AFTER], "5");
}

/// The guide's body: exactly these three keys, in this order.
#[derive(Serialize)]
struct GuideBody<'a> {
    error: &'a str,
    error_code: &'a str,
    details: &'a Details,
}

/// The keys of a JSON object body, in the order written.
fn keys(body: &[u8]) -> Vec<String> {
    // serde_json's Map sorts its keys unless `preserve_order` is on, so read them in order
    // with a visitor of our own.
    struct Keys(Vec<String>);
    impl<'de> serde::Deserialize<'de> for Keys {
        fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            struct Visitor;
            impl<'de> serde::de::Visitor<'de> for Visitor {
                type Value = Keys;
                fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    f.write_str("an object")
                }
                fn visit_map<A: serde::de::MapAccess<'de>>(
                    self,
                    mut map: A,
                ) -> Result<Keys, A::Error> {
                    let mut keys = Vec::new();
                    while let Some((key, _)) = map.next_entry::<String, serde::de::IgnoredAny>()? {
                        keys.push(key);
                    }
                    Ok(Keys(keys))
                }
            }
            deserializer.deserialize_map(Visitor)
        }
    }
    serde_json::from_slice::<Keys>(body).unwrap().0
}

#[test]
fn an_envelope_without_meta_is_the_guides_three_keys() {
    for (name, error) in cases() {
        let body = error.to_json();
        let guide = serde_json::to_vec(&GuideBody {
            error: &error.message(),
            error_code: error.error_code(),
            details: &error.details(),
        })
        .unwrap();
        if error.meta().is_empty() {
            assert_eq!(
                String::from_utf8(body.clone()).unwrap(),
                String::from_utf8(guide).unwrap(),
                "{name}"
            );
            assert_eq!(keys(&body), ["error", "error_code", "details"], "{name}");
        } else {
            // The guide's three keys, byte for byte, then `meta`.
            let open = guide.len() - 1;
            assert_eq!(body[..open], guide[..open], "{name}");
            assert!(body[open..].starts_with(br#","meta":{"#), "{name}");
            assert_eq!(
                keys(&body),
                ["error", "error_code", "details", "meta"],
                "{name}"
            );
        }
    }
}

#[test]
fn the_problem_document_keeps_rfc_9457s_members_first() {
    for (name, error) in cases() {
        let body = error.to_problem_json();
        let mut expected = vec!["type", "title", "status", "detail", "error_code"];
        if !error.details().is_empty() {
            expected.push("details");
        }
        if !error.meta().is_empty() {
            expected.push("meta");
        }
        assert_eq!(keys(&body), expected, "{name}");
        let value: Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(
            value["type"],
            format!("https://docs.example.com/errors/{}", error.error_code()),
            "{name}"
        );
        assert_eq!(
            value["title"],
            error.status().canonical_reason().unwrap(),
            "{name}"
        );
        assert_eq!(value["status"], error.status().as_u16(), "{name}");
        assert_eq!(value["detail"], *error.message(), "{name}");
    }
}

#[test]
fn the_designs_meta_example_is_reproduced_byte_for_byte() {
    // DESIGN.md, "`meta`: the public fields of a variant".
    let design = r#"{"error":"An invoice with external_id ext-1 already exists.","error_code":"duplicate_external_id","details":{},"meta":{"external_id":"ext-1","invoice_id":"inv_0001"}}"#;
    let error = cases().pop().unwrap().1;
    assert_eq!(String::from_utf8(error.to_json()).unwrap(), design);
    assert_eq!(
        String::from_utf8(error.envelope().to_json()).unwrap(),
        design
    );
    assert_eq!(serde_json::to_string(&error.envelope()).unwrap(), design);
}

/// `tests/fixtures/problem/ours.json` says it holds our own server's problem form: each of its
/// bodies must be what a derived error writes.
#[test]
fn the_problem_fixture_of_our_own_server_is_what_it_writes() {
    #[derive(Debug, ApiError)]
    enum Plain {
        #[api(
            status = 409,
            message = "An invoice with external_id {external_id} already exists."
        )]
        DuplicateExternalId {
            #[api(meta)]
            external_id: String,
            #[api(meta)]
            invoice_id: String,
        },
    }
    let written: Vec<(&str, Vec<u8>)> = vec![
        (
            "1.",
            Plain::DuplicateExternalId {
                external_id: "ext-1".into(),
                invoice_id: "inv_0001".into(),
            }
            .to_problem_json(),
        ),
        (
            "2.",
            GoldenError::ValidationError(
                Details::new().with("email", "Enter a valid email address."),
            )
            .to_problem_json(),
        ),
        ("3.", CommonError::NotFound.to_problem_json()),
    ];
    let fixtures: Vec<Fixture> = problem::load("ours.json");
    assert_eq!(fixtures.len(), written.len());
    let mut problems = Vec::new();
    for (fixture, (number, body)) in fixtures.iter().zip(written) {
        assert!(fixture.title.starts_with(number), "{}", fixture.name());
        if fixture.json.as_bytes() != body {
            problems.push(format!(
                "{}:\n  fixture: {}\n  written: {}",
                fixture.name(),
                fixture.json,
                String::from_utf8_lossy(&body)
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
