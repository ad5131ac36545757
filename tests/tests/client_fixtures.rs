//! Every real Django REST Framework body in `shared/fixtures/drf/` decodes without losing a
//! message; the plain `serializer.errors` bodies re-encode byte-identical; the other forms
//! decode to their canonical form; the pre-3.18 `many=True` lists decode equal to 3.18's.
//!
//! Failures name the fixture by its file and title, and every fixture is checked before the
//! test fails, so one run lists every broken one.

use std::collections::BTreeMap;

use error_contract::{CommonErrorCode, Detail, Details, ErrorCode, ErrorResponse};
use error_contract_tests::drf::{self, Fixture};
use http::{HeaderMap, StatusCode};
use serde_json::Value;

type Response = ErrorResponse<CommonErrorCode>;

fn decode(status: StatusCode, body: &str) -> Response {
    Response::from_parts(status, &HeaderMap::new(), body.as_bytes())
}

fn json(details: &Details) -> String {
    serde_json::to_string(details).unwrap()
}

/// Whether a parsed body is the standard envelope.
fn is_envelope(value: &Value) -> bool {
    value.get("error").is_some_and(Value::is_string)
        || value.get("error_code").is_some_and(Value::is_string)
}

/// A plain `serializer.errors` tree: objects of string arrays and objects, nothing else.
fn is_plain_tree(value: &Value) -> bool {
    value.as_object().is_some_and(|map| {
        map.values().all(|value| match value {
            Value::Array(items) => items.iter().all(Value::is_string),
            Value::Object(_) => is_plain_tree(value),
            _ => false,
        })
    })
}

/// Every message text of a `details` value, as the decoder must keep them: strings, numbers
/// and booleans, and the text of `{message|detail|msg, code}` objects in lists (not their
/// codes). Keys are not messages.
fn texts(value: &Value, in_list: bool, out: &mut Vec<String>) {
    match value {
        Value::Null => {}
        Value::Bool(flag) => out.push(flag.to_string()),
        Value::Number(number) => out.push(number.to_string()),
        Value::String(text) => out.push(text.clone()),
        Value::Array(items) => items.iter().for_each(|item| texts(item, true, out)),
        Value::Object(map) => {
            let message = ["message", "detail", "msg"]
                .into_iter()
                .find_map(|key| map.get(key).and_then(Value::as_str));
            match message {
                Some(message) if in_list => out.push(message.to_owned()),
                _ => map.values().for_each(|value| texts(value, false, out)),
            }
        }
    }
}

fn counted(texts: impl IntoIterator<Item = String>) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for text in texts {
        *counts.entry(text).or_default() += 1;
    }
    counts
}

/// Every problem with one fixture, decoded under 400 (and under 404 for a `{"detail"}` body).
fn check_fixture(fixture: &Fixture) -> Vec<String> {
    let mut problems = Vec::new();
    let value: Value = serde_json::from_str(&fixture.json).expect("fixtures are valid JSON");
    let response = decode(StatusCode::BAD_REQUEST, &fixture.json);
    if response.status() != StatusCode::BAD_REQUEST {
        problems.push("status lost".to_owned());
    }
    let Some(envelope) = response.envelope() else {
        return vec!["no envelope".to_owned()];
    };

    // The error text and code, and where the details came from.
    let (error, error_code, details_value) = if is_envelope(&value) {
        (
            value["error"].as_str().unwrap().to_owned(),
            value.get("error_code").and_then(Value::as_str),
            value.get("details").cloned().unwrap_or(Value::Null),
        )
    } else if let Some(detail) = value.get("detail").and_then(Value::as_str) {
        // DRF's default handler for everything but validation errors; 8d is a 404.
        let not_found = decode(StatusCode::NOT_FOUND, &fixture.json);
        if not_found.envelope() != Some(envelope) {
            problems.push("a {\"detail\"} body decodes differently under 404".to_owned());
        }
        (
            detail.to_owned(),
            value.get("code").and_then(Value::as_str),
            Value::Null,
        )
    } else {
        // A bare serializer.errors: the message is the contract's validation text.
        let other = decode(StatusCode::CONFLICT, &fixture.json);
        if other.envelope().is_some() {
            problems.push("a bare field map is read as one under 409".to_owned());
        }
        (
            "Validation errors in request data".to_owned(),
            None,
            value.clone(),
        )
    };
    if envelope.error != error || response.message() != error {
        problems.push(format!("error is {:?}, expected {error:?}", envelope.error));
    }
    if response.error_code() != error_code {
        problems.push(format!(
            "error_code is {:?}, expected {error_code:?}",
            response.error_code()
        ));
    }
    if let Some(code) = error_code {
        let typed = CommonErrorCode::from_code(code);
        if response.code() != typed {
            problems.push(format!(
                "code() is {:?}, expected {typed:?}",
                response.code()
            ));
        }
    }

    // Not one message lost, and none invented.
    let mut expected = Vec::new();
    texts(&details_value, false, &mut expected);
    let decoded = response
        .details()
        .flatten()
        .flat_map(|(_, messages)| messages.to_vec());
    if counted(decoded) != counted(expected) {
        problems.push(format!(
            "messages differ: decoded {}",
            json(response.details())
        ));
    }

    problems
}

#[test]
fn every_fixture_decodes_without_losing_a_message() {
    let fixtures = drf::all();
    let mut failures = Vec::new();
    for fixture in &fixtures {
        for problem in check_fixture(fixture) {
            failures.push(format!("{}: {problem}", fixture.name()));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} fixtures failed:\n{}",
        failures.len(),
        fixtures.len(),
        failures.join("\n")
    );
}

/// The canonical form of each fixture that is not already canonical, by case number.
fn canonical_form(fixture: &Fixture, siblings: &[Fixture]) -> Option<String> {
    Some(match fixture.case() {
        // get_full_details(): message objects keep only their text, giving case 1 back.
        "1c" => siblings
            .iter()
            .find(|sibling| sibling.case() == "1")?
            .json
            .clone(),
        // ValidationError(...).detail at the top level goes under non_field_errors.
        "7" => r#"{"non_field_errors":["msg"]}"#.to_owned(),
        "7b" => r#"{"non_field_errors":["a","b"]}"#.to_owned(),
        // A bare string per field is one message.
        "7c" => r#"{"email":["taken"]}"#.to_owned(),
        "8b" => r#"{"email":["This email is already registered."]}"#.to_owned(),
        // {"detail": …} bodies have no details; the text is the error.
        "8c" | "8d" => "{}".to_owned(),
        _ => return None,
    })
}

#[test]
fn every_fixture_is_canonical_or_decodes_to_its_canonical_form() {
    let mut failures = Vec::new();
    let (mut canonical, mut normalised) = (0, 0);
    for file in drf::FILES {
        let fixtures = drf::load(file);
        for fixture in &fixtures {
            let value: Value = serde_json::from_str(&fixture.json).unwrap();
            let response = decode(StatusCode::BAD_REQUEST, &fixture.json);
            let details = json(response.details());
            if is_plain_tree(&value) {
                // A plain serializer.errors body comes back byte-identical, order included.
                canonical += 1;
                if details != fixture.json {
                    failures.push(format!("{}: re-encodes as {details}", fixture.name()));
                }
            } else if is_envelope(&value) && value.get("details").is_some_and(is_plain_tree) {
                // So does an envelope around one.
                canonical += 1;
                let envelope = response.envelope().map(|envelope| envelope.to_json());
                if envelope.as_deref() != Some(fixture.json.as_bytes()) {
                    failures.push(format!("{}: re-encodes as {envelope:?}", fixture.name()));
                }
            } else if let Some(form) = canonical_form(fixture, &fixtures) {
                normalised += 1;
                if details != form {
                    failures.push(format!(
                        "{}: decodes as {details}, expected {form}",
                        fixture.name()
                    ));
                }
            } else {
                failures.push(format!(
                    "{}: neither canonical nor given a canonical form here",
                    fixture.name()
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    println!("{canonical} canonical fixtures, {normalised} normalised");
    assert!(canonical > 0 && normalised > 0);
}

/// Renders `details` as DRF up to 3.17 sent it: a `many=True` list (a tree whose keys are
/// ascending indices of nested item trees) is a JSON list with `{}` for each valid item.
fn render_3_17(details: &Details, out: &mut String, rendered_a_list: &mut bool) {
    let indices: Option<Vec<usize>> = details
        .iter()
        .map(|(key, detail)| match detail {
            Detail::Nested(_) => key.parse().ok(),
            Detail::Messages(_) => None,
        })
        .collect();
    let as_list =
        indices.filter(|indices| !indices.is_empty() && indices.windows(2).all(|w| w[0] < w[1]));
    if let Some(indices) = as_list {
        *rendered_a_list = true;
        out.push('[');
        let mut items = details.iter().zip(&indices).peekable();
        for index in 0..=*indices.last().unwrap() {
            if index > 0 {
                out.push(',');
            }
            match items.next_if(|(_, at)| **at == index) {
                Some(((_, Detail::Nested(item)), _)) => render_3_17(item, out, rendered_a_list),
                _ => out.push_str("{}"),
            }
        }
        out.push(']');
        return;
    }
    out.push('{');
    for (position, (key, detail)) in details.iter().enumerate() {
        if position > 0 {
            out.push(',');
        }
        out.push_str(&serde_json::to_string(key).unwrap());
        out.push(':');
        match detail {
            Detail::Messages(messages) => out.push_str(&serde_json::to_string(messages).unwrap()),
            Detail::Nested(nested) => render_3_17(nested, out, rendered_a_list),
        }
    }
    out.push('}');
}

#[test]
fn pre_3_18_many_lists_decode_equal_to_3_18() {
    let mut failures = Vec::new();
    let mut lists = 0;
    for fixture in drf::all() {
        let response = decode(StatusCode::BAD_REQUEST, &fixture.json);
        let details = response.details();
        let mut old_form = String::new();
        let mut rendered_a_list = false;
        render_3_17(details, &mut old_form, &mut rendered_a_list);
        if !rendered_a_list {
            continue;
        }
        lists += 1;
        let old = decode(StatusCode::BAD_REQUEST, &old_form);
        if old.details() != details {
            failures.push(format!(
                "{}: the 3.17 form {old_form} decodes as {}",
                fixture.name(),
                json(old.details())
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    println!("{lists} fixtures with a many=True list");
    // 4, 4c, 5c, 6, 8 in two files and 10: the fixtures do have many=True lists.
    assert!(lists >= 8, "only {lists} fixtures have a many=True list");
}

#[test]
fn a_hand_written_3_17_top_level_list_decodes_as_fixture_4c() {
    let fixture = drf::load("serializer-errors-drf-3.18.3.json")
        .into_iter()
        .find(|fixture| fixture.case() == "4c")
        .expect("fixture 4c");
    let old = r#"[{},{"amount":["Ensure this value is greater than or equal to 0."]},{},{"sku":["This field is required."],"amount":["A valid number is required."]},{}]"#;
    let new = decode(StatusCode::BAD_REQUEST, &fixture.json);
    let old = decode(StatusCode::BAD_REQUEST, old);
    assert_eq!(old.details(), new.details());
    assert_eq!(json(old.details()), fixture.json);
}
