//! Values serde_json rejects cost only themselves: each bad value in each position of an
//! envelope keeps the status, the code, the message and every other message, and becomes a
//! repaired string (U+FFFD for what cannot be read, a raw control character kept) or, for a
//! number out of range, its literal text in `details` and a non-string elsewhere.

use error_contract::{CommonErrorCode, Details, ErrorEnvelope, ErrorResponse};
use http::{HeaderMap, StatusCode};

type Response = ErrorResponse<CommonErrorCode>;

const STATUS: StatusCode = StatusCode::CONFLICT;

fn decode(body: &[u8]) -> Response {
    Response::from_parts(STATUS, &HeaderMap::new(), body)
}

/// A bad value and what it must become.
struct Bad {
    name: &'static str,
    /// What is written in the body: inside a string's quotes for a string, the whole value
    /// for a number.
    raw: &'static [u8],
    kind: Kind,
}

enum Kind {
    /// Bytes inside a string; the string `a{raw}b` reads as `a{text}b`.
    InString { text: &'static str },
    /// A number out of range: text in `details`, not a string where a string is wanted.
    Number,
}

const DIGITS_400: &str = "1000000000000000000000000000000000000000000000000000000000000000\
    0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000\
    0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000\
    0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000\
    000000000000000000000000000000000000000000000000000000000000000000000000";

fn bad_values() -> Vec<Bad> {
    assert_eq!(DIGITS_400.len(), 400);
    let string = |name, raw, text| Bad {
        name,
        raw,
        kind: Kind::InString { text },
    };
    let number = |name, raw| Bad {
        name,
        raw,
        kind: Kind::Number,
    };
    vec![
        string("lone high surrogate", br"\ud800", "\u{FFFD}"),
        string("lone low surrogate", br"\udc00", "\u{FFFD}"),
        string("high surrogate then A", br"\ud800\u0041", "\u{FFFD}A"),
        string("two high surrogates", br"\udbff\ud800", "\u{FFFD}\u{FFFD}"),
        string("invalid escape", br"\x", "\u{FFFD}"),
        string("short unicode escape", br"\u12g", "\u{FFFD}g"),
        string("raw control character", b"\x01", "\u{1}"),
        string("raw newline", b"\n", "\n"),
        string("invalid utf-8", b"\xff\xfe", "\u{FFFD}\u{FFFD}"),
        number("1e999", b"1e999"),
        number("-1e999", b"-1e999"),
        number("400-digit integer", DIGITS_400.as_bytes()),
    ]
}

/// Where the bad value goes: a body with `@` where the value is.
struct Position {
    name: &'static str,
    template: &'static str,
}

const POSITIONS: [Position; 8] = [
    Position {
        name: "error",
        template: r#"{"error":@,"error_code":"not_found","details":{"f":["ok"]}}"#,
    },
    Position {
        name: "error_code",
        template: r#"{"error":"Clash.","error_code":@,"details":{"f":["ok"]}}"#,
    },
    Position {
        name: "details message",
        template: r#"{"error":"Clash.","error_code":"not_found","details":{"f":["ok",@]}}"#,
    },
    Position {
        name: "nested details key",
        template: r#"{"error":"Clash.","error_code":"not_found","details":{"f":{@:["ok"]}}}"#,
    },
    Position {
        name: "details key",
        template: r#"{"error":"Clash.","error_code":"not_found","details":{@:["ok"]}}"#,
    },
    Position {
        name: "many=True item",
        template: r#"{"error":"Clash.","error_code":"not_found","details":{"items":[{},{"a":[@]}]}}"#,
    },
    Position {
        name: "unknown key",
        template: r#"{"error":"Clash.","extra":{"k":[@]},"error_code":"not_found","details":{"f":["ok"]}}"#,
    },
    Position {
        name: "first of a repeated error",
        template: r#"{"error":@,"error":"Second.","error_code":"not_found","details":{"f":["ok"]}}"#,
    },
];

fn body(template: &str, value: &[u8]) -> Vec<u8> {
    let (before, after) = template.split_once('@').unwrap();
    [before.as_bytes(), value, after.as_bytes()].concat()
}

/// What the value is written as in the body.
fn value(bad: &Bad) -> Vec<u8> {
    match bad.kind {
        Kind::InString { .. } => [&b"\"a"[..], bad.raw, b"b\""].concat(),
        Kind::Number => bad.raw.to_vec(),
    }
}

/// Numbers cannot be keys.
fn applies(bad: &Bad, position: &Position) -> bool {
    !(matches!(bad.kind, Kind::Number) && position.name.contains("key"))
}

fn details_json(response: &Response) -> String {
    serde_json::to_string(response.details()).unwrap()
}

/// Every problem with one bad value in one position.
fn check(bad: &Bad, position: &Position) -> Vec<String> {
    let response = decode(&body(position.template, &value(bad)));
    let mut problems = Vec::new();
    let mut expect = |what: &str, got: String, wanted: String| {
        if got != wanted {
            problems.push(format!("{what} is {got:?}, expected {wanted:?}"));
        }
    };
    expect("status", response.status().to_string(), STATUS.to_string());
    if response.envelope().is_none() {
        return vec!["no envelope".to_owned()];
    }
    // What the bad value reads as, as a JSON string (`None`: not a string).
    let text = match bad.kind {
        Kind::InString { text } => Some(format!("a{text}b")),
        Kind::Number => Some(String::from_utf8(bad.raw.to_vec()).unwrap()),
    };
    let quoted = serde_json::to_string(&text).unwrap();
    let ok_details = r#"{"f":["ok"]}"#.to_owned();
    let is_string = matches!(bad.kind, Kind::InString { .. });
    let (code, message, details) = match position.name {
        "error" if is_string => (Some("not_found"), text.clone().unwrap(), ok_details),
        "error" => (Some("not_found"), "Conflict".to_owned(), ok_details),
        "error_code" if is_string => (text.as_deref(), "Clash.".to_owned(), ok_details),
        "error_code" => (None, "Clash.".to_owned(), ok_details),
        "details message" => (
            Some("not_found"),
            "Clash.".to_owned(),
            format!(r#"{{"f":["ok",{quoted}]}}"#),
        ),
        "nested details key" => (
            Some("not_found"),
            "Clash.".to_owned(),
            format!(r#"{{"f":{{{quoted}:["ok"]}}}}"#),
        ),
        "details key" => (
            Some("not_found"),
            "Clash.".to_owned(),
            format!(r#"{{{quoted}:["ok"]}}"#),
        ),
        "many=True item" => (
            Some("not_found"),
            "Clash.".to_owned(),
            format!(r#"{{"items":{{"1":{{"a":[{quoted}]}}}}}}"#),
        ),
        "unknown key" => (Some("not_found"), "Clash.".to_owned(), ok_details),
        "first of a repeated error" if is_string => {
            (Some("not_found"), text.clone().unwrap(), ok_details)
        }
        // A number is not a string, so the first string wins, as after `"error": 5`.
        "first of a repeated error" => (Some("not_found"), "Second.".to_owned(), ok_details),
        other => unreachable!("{other}"),
    };
    expect(
        "error_code",
        format!("{:?}", response.error_code()),
        format!("{code:?}"),
    );
    let typed = (code == Some("not_found")).then_some(CommonErrorCode::NotFound);
    expect(
        "code",
        format!("{:?}", response.code()),
        format!("{typed:?}"),
    );
    expect("message", response.message().to_owned(), message);
    expect("details", details_json(&response), details);
    problems
}

#[test]
fn each_bad_value_in_each_position_costs_only_itself() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for bad in &bad_values() {
        for position in &POSITIONS {
            if !applies(bad, position) {
                continue;
            }
            checked += 1;
            for problem in check(bad, position) {
                failures.push(format!("{} in {}: {problem}", bad.name, position.name));
            }
        }
    }
    assert!(checked >= 80, "only {checked} cases");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A bad value reads exactly as its repaired form sent as valid JSON would.
#[test]
fn a_bad_value_reads_as_its_repaired_form() {
    for bad in &bad_values() {
        for position in &POSITIONS {
            if !applies(bad, position) {
                continue;
            }
            let repaired: Vec<u8> = match bad.kind {
                Kind::InString { text } => serde_json::to_vec(&format!("a{text}b")).unwrap(),
                // Where a string is wanted, any non-string; in `details`, the literal text.
                Kind::Number if position.name.contains("error") => b"5".to_vec(),
                Kind::Number => [&b"\""[..], bad.raw, b"\""].concat(),
            };
            assert_eq!(
                decode(&body(position.template, &value(bad))),
                decode(&body(position.template, &repaired)),
                "{} in {}",
                bad.name,
                position.name
            );
        }
    }
}

#[test]
fn many_bad_values_in_one_body_cost_only_themselves() {
    let body = format!(
        r#"{{"error":"Clash \ud800","error_code":"not_found","details":{{"a":[1e999,"\x",{}],"b\udc00":["\ud800\u0041"],"items":[{{}},{{"n":[-1e999]}}]}}}}"#,
        DIGITS_400
    );
    let response = decode(body.as_bytes());
    assert_eq!(response.status(), STATUS);
    assert_eq!(response.code(), Some(CommonErrorCode::NotFound));
    assert_eq!(response.message(), "Clash \u{FFFD}");
    assert_eq!(
        response.envelope(),
        Some(
            &ErrorEnvelope::new("Clash \u{FFFD}", "not_found").with_details(
                Details::new()
                    .with("a", "1e999")
                    .with("a", "\u{FFFD}")
                    .with("a", DIGITS_400)
                    .with("b\u{FFFD}", "\u{FFFD}A")
                    .with_nested(
                        "items",
                        Details::new().with_nested("1", Details::new().with("n", "-1e999"))
                    )
            )
        )
    );
}

#[test]
fn a_bare_drf_body_and_a_bare_field_map_are_repaired_too() {
    let response = Response::from_parts(
        StatusCode::NOT_FOUND,
        &HeaderMap::new(),
        br#"{"detail":"Not \ud800 found.","code":"not_found"}"#,
    );
    assert_eq!(response.code(), Some(CommonErrorCode::NotFound));
    assert_eq!(response.message(), "Not \u{FFFD} found.");

    let response = Response::from_parts(
        StatusCode::BAD_REQUEST,
        &HeaderMap::new(),
        br#"{"amount":[1e999],"name":["\x"]}"#,
    );
    assert_eq!(
        details_json(&response),
        r#"{"amount":["1e999"],"name":["\ufffd"]}"#.replace(r"\ufffd", "\u{FFFD}")
    );

    let response = Response::from_parts(
        StatusCode::BAD_REQUEST,
        &HeaderMap::new(),
        br#"["\udc00 whole", 1e999]"#,
    );
    assert_eq!(
        response.details().get("non_field_errors").unwrap(),
        ["\u{FFFD} whole", "1e999"]
    );
}

#[test]
fn bodies_broken_otherwise_still_have_no_envelope() {
    for body in [
        &br#"{"error":"\ud800","error_code":"not_found""#[..],
        br#"{"error":"x","error_code":"not_found"} trailing \x"#,
        br#"{"error":NaN,"error_code":"\x"}"#,
        b"<html>\xff 1e999</html>",
    ] {
        let response = decode(body);
        assert_eq!(response.status(), STATUS);
        assert!(
            response.envelope().is_none(),
            "{}",
            String::from_utf8_lossy(body)
        );
        assert_eq!(response.code(), None);
        assert_eq!(response.message(), "Conflict");
    }
}

#[test]
fn a_body_without_bad_values_decodes_as_before() {
    let guide = r#"{
  "error": "Validation errors in request data",
  "error_code": "validation_error",
  "details": {
    "email": ["Enter a valid email address."],
    "currency": ["Invalid currency code. Must be one of: GBP, EUR, USD"],
    "n": [1.5, -0, 18446744073709551615, 1.5e300, "\ud83d\ude00 \u00e9 \n"],
    "items": [{}, {"a": ["x"]}]
  },
  "extra": {"request_id": "abc", "big": 1e300}
}"#;
    let response =
        Response::from_parts(StatusCode::BAD_REQUEST, &HeaderMap::new(), guide.as_bytes());
    assert_eq!(response.code(), Some(CommonErrorCode::ValidationError));
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
                        .with("n", "1.5")
                        .with("n", "-0")
                        .with("n", "18446744073709551615")
                        .with("n", 1.5e300_f64.to_string())
                        .with("n", "\u{1F600} \u{e9} \n")
                        .with_nested(
                            "items",
                            Details::new().with_nested("1", Details::new().with("a", "x"))
                        )
                )
        )
    );
    // `"error": 5` and a non-string `error_code` read as before: missing.
    let response = decode(br#"{"error":5,"error_code":"not_found"}"#);
    assert_eq!(response.code(), Some(CommonErrorCode::NotFound));
    assert_eq!(response.message(), "Conflict");
}
