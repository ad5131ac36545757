//! Problem details bodies (RFC 9457, formerly RFC 7807: `application/problem+json`) decode
//! into `ErrorResponse` by the rules in `tests/fixtures/problem/README.md`: the HTTP status
//! wins over the body's `status`; the message is `error`, else `detail`, else `title`; the
//! code is `error_code`, else a plausible last segment of a `type` that is neither
//! `about:blank` nor a link into an RFC; `details` is `details`, else ASP.NET's `errors`;
//! `meta` is the `meta` object; `Content-Type` plays no part.
//!
//! The real bodies of Spring, ASP.NET Core, the `http-api-problem` crate and our own server
//! come from `tests/fixtures/problem/`; the hostile ones are built here. Failures name the
//! fixture or case, and every one is checked before a test fails, so one run lists them all.
//!
//! `ErrorResponse::meta()` does not exist yet: every assertion about it is in
//! [`meta_problems`].

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

use error_contract::{CommonErrorCode, ErrorCode, ErrorResponse, RetryClass, Retryable};
use error_contract_tests::problem::{self, Fixture};
use http::header::CONTENT_TYPE;
use http::{HeaderMap, HeaderValue, StatusCode};
use serde_json::{Map, Value, json};

/// A code enum that knows none of the third-party codes (it knows `not_found`,
/// `validation_error` and `conflict`, which our own bodies use).
type Response = ErrorResponse<CommonErrorCode>;

/// The `Content-Type` headers every body is decoded under: none, the problem media type, its
/// form with a parameter, and plain JSON. They must all give the same response.
const CONTENT_TYPES: [Option<&str>; 4] = [
    None,
    Some("application/problem+json"),
    Some("application/problem+json; charset=utf-8"),
    Some("application/json"),
];

fn status(code: u16) -> StatusCode {
    StatusCode::from_u16(code).unwrap()
}

fn headers(content_type: Option<&str>) -> HeaderMap {
    let mut headers = HeaderMap::new();
    if let Some(content_type) = content_type {
        headers.insert(CONTENT_TYPE, HeaderValue::from_str(content_type).unwrap());
    }
    headers
}

fn decode_with(status: StatusCode, body: &[u8], content_type: Option<&str>) -> Response {
    Response::from_parts(status, &headers(content_type), body)
}

fn decode(code: u16, body: &str) -> Response {
    decode_with(status(code), body.as_bytes(), None)
}

/// The status's reason phrase, what `message()` falls back to.
fn reason(status: StatusCode) -> String {
    status
        .canonical_reason()
        .map_or_else(|| format!("HTTP {}", status.as_u16()), str::to_owned)
}

/// The retry class a response must have: its code's when `CommonErrorCode` knows the code,
/// else the HTTP status's (never the body's `status`).
fn expected_retry_class(status: StatusCode, code: Option<&str>) -> RetryClass {
    code.and_then(CommonErrorCode::from_code).map_or_else(
        || RetryClass::for_status(status.as_u16()),
        ErrorCode::retry_class,
    )
}

fn details_json(response: &Response) -> String {
    serde_json::to_string(response.details()).unwrap()
}

/// Everything wrong with `response.meta()` against the members the body's `meta` held.
fn meta_problems(response: &Response, expected: &Map<String, Value>) -> Vec<String> {
    let mut problems = Vec::new();
    let meta: &error_contract::Meta = response.meta();
    if meta.len() != expected.len() {
        problems.push(format!(
            "meta has {} members, expected {}",
            meta.len(),
            expected.len()
        ));
    }
    if meta.is_empty() != expected.is_empty() {
        problems.push(format!("meta.is_empty() is {}", meta.is_empty()));
    }
    for (key, value) in expected {
        let got = meta.get_as::<Value>(key);
        if got.as_ref() != Some(value) {
            problems.push(format!(
                "meta.get_as::<Value>({key:?}) is {got:?}, expected {value}"
            ));
        }
        let raw = meta
            .get(key)
            .map(|raw| serde_json::from_str::<Value>(raw.get()).ok());
        if raw != Some(Some(value.clone())) {
            problems.push(format!("meta.get({key:?}) is {raw:?}, expected {value}"));
        }
        if let Value::String(text) = value {
            if meta.get_as::<String>(key).as_deref() != Some(text.as_str()) {
                problems.push(format!("meta.get_as::<String>({key:?}) is not {text:?}"));
            }
            if meta.get_as::<u64>(key).is_some() {
                problems.push(format!(
                    "meta.get_as::<u64>({key:?}) read a string as a number"
                ));
            }
        }
    }
    let mut seen = 0;
    for (key, raw) in meta.iter() {
        seen += 1;
        let value = serde_json::from_str::<Value>(raw.get()).ok();
        if value.as_ref() != expected.get(key) {
            problems.push(format!(
                "meta.iter() yields {key:?}: {}, expected {:?}",
                raw.get(),
                expected.get(key)
            ));
        }
    }
    if seen != expected.len() {
        problems.push(format!(
            "meta.iter() yields {seen} members, expected {}",
            expected.len()
        ));
    }
    if meta.get("no_such_member").is_some() {
        problems.push("meta.get() found a member the body did not send".to_owned());
    }
    if meta.get_as::<String>("no_such_member").is_some() {
        problems.push("meta.get_as() found a member the body did not send".to_owned());
    }
    problems
}

/// Every problem with one fixture, decoded under its HTTP status and every content type.
fn check_fixture(fixture: &Fixture) -> Vec<String> {
    let mut problems = Vec::new();
    let status = fixture.status_code();
    let expect = &fixture.expect;
    let response = decode_with(status, fixture.json.as_bytes(), None);

    if response.status() != status {
        problems.push(format!("status became {}", response.status()));
    }
    if response.message() != expect.message {
        problems.push(format!(
            "message is {:?}, expected {:?}",
            response.message(),
            expect.message
        ));
    }
    if response.error_code() != expect.error_code.as_deref() {
        problems.push(format!(
            "error_code is {:?}, expected {:?}",
            response.error_code(),
            expect.error_code
        ));
    }
    let typed = expect
        .error_code
        .as_deref()
        .and_then(CommonErrorCode::from_code);
    if response.code() != typed {
        problems.push(format!(
            "code() is {:?}, expected {typed:?}",
            response.code()
        ));
    }
    if *response.details() != expect.details {
        problems.push(format!(
            "details are {}, expected {}",
            details_json(&response),
            serde_json::to_string(&expect.details).unwrap()
        ));
    }
    let display = match expect.error_code.as_deref() {
        Some(code) => format!("{} ({code})", expect.message),
        None => format!("{} (HTTP {})", expect.message, status.as_u16()),
    };
    if response.to_string() != display {
        problems.push(format!(
            "Display is {:?}, expected {display:?}",
            response.to_string()
        ));
    }
    let class = expected_retry_class(status, expect.error_code.as_deref());
    if response.retry_class() != class {
        problems.push(format!(
            "retry class is {:?}, expected {class:?}",
            response.retry_class()
        ));
    }
    problems.extend(meta_problems(&response, &expect.meta));

    for content_type in &CONTENT_TYPES[1..] {
        let other = decode_with(status, fixture.json.as_bytes(), *content_type);
        if other != response {
            problems.push(format!(
                "decodes differently under Content-Type {content_type:?}"
            ));
        }
    }
    problems
}

fn check_all(fixtures: &[Fixture]) {
    let failures: Vec<String> = fixtures
        .iter()
        .flat_map(|fixture| {
            check_fixture(fixture)
                .into_iter()
                .map(move |problem| format!("{}: {problem}", fixture.name()))
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_fixture_file_is_listed_and_sane() {
    let mut on_disk: Vec<String> = std::fs::read_dir(problem::dir())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .filter(|name| {
            Path::new(name)
                .extension()
                .is_some_and(|extension| extension.eq_ignore_ascii_case("json"))
        })
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = problem::FILES.iter().map(|&file| file.to_owned()).collect();
    listed.sort();
    assert_eq!(
        on_disk, listed,
        "tests/src/problem.rs lists every fixture file"
    );

    // Each body is one JSON object, and a producer that writes `status` writes the HTTP status.
    for fixture in problem::all() {
        let value: Value = serde_json::from_str(&fixture.json)
            .unwrap_or_else(|error| panic!("{}: not JSON: {error}", fixture.name()));
        assert!(value.is_object(), "{}: not an object", fixture.name());
        if let Some(echoed) = value.get("status") {
            assert_eq!(echoed, &json!(fixture.status), "{}", fixture.name());
        }
        assert!(
            !fixture.expect.message.trim().is_empty(),
            "{}",
            fixture.name()
        );
    }
}

#[test]
fn spring_boot_problem_details_decode() {
    check_all(&problem::load("spring-boot-problemdetail.json"));
}

#[test]
fn aspnet_core_problem_details_decode() {
    check_all(&problem::load("aspnet-core-problemdetails.json"));
}

#[test]
fn http_api_problem_bodies_decode() {
    check_all(&problem::load("http-api-problem.json"));
}

#[test]
fn our_own_problem_form_decodes() {
    check_all(&problem::load("ours.json"));
}

/// Whether the body has a text the message is taken from.
fn has_message_text(body: &Value) -> bool {
    ["error", "detail", "title"]
        .into_iter()
        .any(|key| body.get(key).is_some_and(Value::is_string))
}

#[test]
fn the_http_status_wins_over_the_bodys_status() {
    // 502 is the status of no fixture: every body's `status` member disagrees with it.
    let other = StatusCode::BAD_GATEWAY;
    let mut failures = Vec::new();
    for fixture in problem::all() {
        let response = decode_with(other, fixture.json.as_bytes(), None);
        let body: Value = serde_json::from_str(&fixture.json).unwrap();
        let expect = &fixture.expect;
        let message = if has_message_text(&body) {
            expect.message.clone()
        } else {
            reason(other)
        };
        let class = expected_retry_class(other, expect.error_code.as_deref());
        let mut problems = Vec::new();
        if response.status() != other {
            problems.push(format!("status became {}", response.status()));
        }
        if response.message() != message {
            problems.push(format!(
                "message is {:?}, expected {message:?}",
                response.message()
            ));
        }
        if response.error_code() != expect.error_code.as_deref() {
            problems.push(format!("error_code is {:?}", response.error_code()));
        }
        if *response.details() != expect.details {
            problems.push(format!("details are {}", details_json(&response)));
        }
        if response.retry_class() != class {
            problems.push(format!(
                "retry class is {:?}, expected {class:?}",
                response.retry_class()
            ));
        }
        failures.extend(
            problems
                .into_iter()
                .map(|problem| format!("{} under 502: {problem}", fixture.name())),
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// `type` values and the code each gives (`error_code()`), under the rule in the README.
const TYPE_CODES: [(&str, Option<&str>); 20] = [
    ("about:blank", None),
    // Links into an RFC, on each of the four hosts, name no code.
    ("https://tools.ietf.org/html/rfc9110#section-15.5.5", None),
    ("https://tools.ietf.org/html/rfc4918#section-11.2", None),
    ("http://tools.ietf.org/html/rfc7807", None),
    (
        "https://datatracker.ietf.org/doc/html/rfc9110#section-15.5.5",
        None,
    ),
    (
        "https://www.rfc-editor.org/rfc/rfc9110.html#name-404-not-found",
        None,
    ),
    ("https://rfc-editor.org/rfc/rfc9457", None),
    // A host that only starts like one is not an RFC's.
    (
        "https://tools.ietf.org.example.com/problems/out-of-credit",
        Some("out-of-credit"),
    ),
    // The last path segment, without query and fragment.
    (
        "https://example.com/problems/out-of-credit",
        Some("out-of-credit"),
    ),
    (
        "https://example.com/problems/out-of-credit?lang=en",
        Some("out-of-credit"),
    ),
    (
        "https://example.com/problems/out-of-credit#details",
        Some("out-of-credit"),
    ),
    (
        "https://example.com/problems/out-of-credit?next=/a/b#/c/d",
        Some("out-of-credit"),
    ),
    (
        "https://docs.example.com/errors/v2.validation_error",
        Some("v2.validation_error"),
    ),
    // Relative references are URI references too.
    ("/problems/insufficient_funds", Some("insufficient_funds")),
    ("insufficient_funds", Some("insufficient_funds")),
    // No last segment, or one that is not a plausible code.
    ("https://example.com", None),
    ("https://example.com/", None),
    ("https://example.com/problems/caf\u{e9}", None),
    ("https://example.com/problems/caf%C3%A9", None),
    ("https://example.com/problems/out of credit", None),
];

fn check_code(name: &str, code: u16, body: &Value, expected: Option<&str>) -> Vec<String> {
    let response = decode(code, &body.to_string());
    let mut problems = Vec::new();
    if response.error_code() != expected {
        problems.push(format!(
            "{name}: error_code is {:?}, expected {expected:?}",
            response.error_code()
        ));
    }
    let typed = expected.and_then(CommonErrorCode::from_code);
    if response.code() != typed {
        problems.push(format!("{name}: code() is {:?}", response.code()));
    }
    if response.status() != status(code) {
        problems.push(format!("{name}: status became {}", response.status()));
    }
    problems
}

#[test]
fn the_code_comes_from_a_plausible_last_segment_of_type() {
    let mut failures = Vec::new();
    for (type_uri, expected) in TYPE_CODES {
        let body = json!({"type": type_uri, "title": "Conflict", "status": 409});
        failures.extend(check_code(type_uri, 409, &body, expected));
    }
    // 1 to 64 bytes.
    for (length, expected) in [(1, true), (64, true), (65, false)] {
        let segment = "a".repeat(length);
        let body = json!({
            "type": format!("https://example.com/problems/{segment}"),
            "title": "Conflict",
            "status": 409,
        });
        let name = format!("a last segment of {length} bytes");
        failures.extend(check_code(&name, 409, &body, expected.then_some(&*segment)));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn error_code_wins_over_type_unless_it_is_not_a_non_empty_string() {
    let out_of_credit = "https://example.com/problems/out-of-credit";
    let cases = [
        (
            "a string error_code",
            json!({"type": out_of_credit, "title": "Forbidden", "status": 403, "error_code": "insufficient_funds"}),
            Some("insufficient_funds"),
        ),
        (
            "an error_code the code enum knows",
            json!({"type": out_of_credit, "title": "Conflict", "status": 403, "error_code": "conflict"}),
            Some("conflict"),
        ),
        (
            "an empty error_code",
            json!({"type": out_of_credit, "title": "Forbidden", "status": 403, "error_code": ""}),
            Some("out-of-credit"),
        ),
        (
            "a number error_code",
            json!({"type": out_of_credit, "title": "Forbidden", "status": 403, "error_code": 5}),
            Some("out-of-credit"),
        ),
        (
            "a null error_code",
            json!({"type": out_of_credit, "title": "Forbidden", "status": 403, "error_code": null}),
            Some("out-of-credit"),
        ),
        (
            "about:blank with an error_code",
            json!({"type": "about:blank", "title": "Not Found", "status": 403, "error_code": "invoice_not_found"}),
            Some("invoice_not_found"),
        ),
        (
            "an RFC link with an error_code",
            json!({
                "type": "https://tools.ietf.org/html/rfc9110#section-15.5.5",
                "title": "Not Found",
                "status": 403,
                "error_code": "not_found",
            }),
            Some("not_found"),
        ),
    ];
    let mut failures = Vec::new();
    for (name, body, expected) in cases {
        failures.extend(check_code(name, 403, &body, expected));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_message_is_error_then_detail_then_title_then_the_reason() {
    let cases = [
        (
            json!({"type": "about:blank", "status": 404, "title": "T", "detail": "D", "error": "E"}),
            "E",
        ),
        (
            json!({"type": "about:blank", "status": 404, "title": "T", "detail": "D"}),
            "D",
        ),
        (
            json!({"type": "about:blank", "status": 404, "title": "T"}),
            "T",
        ),
        (
            json!({"type": "about:blank", "status": 404, "title": "T", "error": 5}),
            "T",
        ),
        (
            json!({"type": "about:blank", "status": 404, "title": "T", "detail": {"text": "D"}}),
            "T",
        ),
        (
            json!({"type": "about:blank", "status": 404, "title": 5, "detail": "D"}),
            "D",
        ),
        (json!({"type": "about:blank", "status": 404}), "Not Found"),
        (
            json!({"type": "about:blank", "status": 404, "title": null}),
            "Not Found",
        ),
    ];
    let mut failures = Vec::new();
    for (body, expected) in cases {
        let response = decode(404, &body.to_string());
        if response.message() != expected {
            failures.push(format!(
                "{body}: message is {:?}, expected {expected:?}",
                response.message()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn details_win_over_errors_and_errors_are_read_leniently() {
    let both = json!({
        "type": "about:blank",
        "title": "Bad Request",
        "details": {"email": ["Enter a valid email address."]},
        "errors": {"Email": ["The Email field is not a valid e-mail address."]},
    });
    let response = decode(400, &both.to_string());
    assert_eq!(
        details_json(&response),
        r#"{"email":["Enter a valid email address."]}"#
    );

    // ASP.NET's `errors` is read the lenient way `details` is, in the order it was sent
    // (written out by hand: `json!` would sort the keys).
    let errors = r#"{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.1","title":"One or more validation errors occurred.","status":400,"errors":{"Name":["The Name field is required."],"Age":"Must be a number."}}"#;
    let response = decode(400, errors);
    assert_eq!(
        details_json(&response),
        r#"{"Name":["The Name field is required."],"Age":["Must be a number."]}"#
    );
}

/// A problem document is told by its media type, or by a string `type` or `title` beside a
/// numeric `status`: a Django REST Framework body with a field named `title` or `type` (DRF
/// may send its message as a bare string) is still field errors.
#[test]
fn a_problem_body_is_told_by_its_media_type_or_a_numeric_status() {
    let typed = json!({
        "type": "https://example.com/problems/out-of-credit",
        "title": "You do not have enough credit.",
    });
    let titled = json!({
        "title": "One or more validation errors occurred.",
        "errors": {"Name": ["The Name field is required."]},
    });
    let mut failures = Vec::new();
    for code in [400, 403, 422] {
        for (body, with_status) in [
            (&typed, false),
            (&titled, false),
            (&typed, true),
            (&titled, true),
        ] {
            let mut body = body.clone();
            if with_status {
                body["status"] = json!(code);
            }
            let text = body.to_string();
            for content_type in [Some("application/problem+json"), Some("application/json")] {
                let response = decode_with(status(code), text.as_bytes(), content_type);
                let shown = format!("{body} under {code} ({content_type:?})");
                let problem = with_status || content_type == Some("application/problem+json");
                let title = body["title"].as_str().unwrap();
                if problem && response.message() != title {
                    failures.push(format!("{shown}: message is {:?}", response.message()));
                }
                if problem
                    && body.get("errors").is_some()
                    && details_json(&response) != r#"{"Name":["The Name field is required."]}"#
                {
                    failures.push(format!("{shown}: details are {}", details_json(&response)));
                }
                if problem
                    && body.get("type").is_some()
                    && response.error_code() != Some("out-of-credit")
                {
                    failures.push(format!(
                        "{shown}: error_code is {:?}",
                        response.error_code()
                    ));
                }
                if !problem && response.message() == title {
                    failures.push(format!("{shown}: read as a problem document"));
                }
            }
        }
    }
    // DRF's `ValidationError({"title": "Required."})` under 400.
    let drf = decode_with(
        status(400),
        br#"{"title":"Required.","type":"Invalid."}"#,
        None,
    );
    assert_eq!(
        details_json(&drf),
        r#"{"title":["Required."],"type":["Invalid."]}"#
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// What a hostile problem body must give under its own status, besides keeping the status and
/// a non-empty message that is not the raw body.
struct Hostile {
    name: &'static str,
    status: u16,
    body: Vec<u8>,
    message: String,
    code: Option<&'static str>,
}

fn hostile(
    name: &'static str,
    status: u16,
    body: &Value,
    message: &str,
    code: Option<&'static str>,
) -> Hostile {
    Hostile {
        name,
        status,
        body: body.to_string().into_bytes(),
        message: message.to_owned(),
        code,
    }
}

fn hostile_cases() -> Vec<Hostile> {
    let blank = "about:blank";
    let rfc_400 = "https://tools.ietf.org/html/rfc9110#section-15.5.1";
    let validation_title = "One or more validation errors occurred.";
    let huge_type = format!("https://example.com/problems/{}", "a".repeat(512 * 1024));
    let deep_type = format!("https://example.com/{}deep-code", "a/".repeat(100_000));
    let only_slashes = "/".repeat(100_000);
    let mut cases = vec![
        hostile(
            "type-is-a-number",
            404,
            &json!({"type": 5, "title": "Not Found", "status": 404, "detail": "No invoice inv_404."}),
            "No invoice inv_404.",
            None,
        ),
        hostile(
            "title-is-an-object",
            404,
            &json!({"type": blank, "title": {}, "status": 404}),
            "Not Found",
            None,
        ),
        hostile(
            "detail-is-an-array",
            404,
            &json!({"type": blank, "title": "Gone for good", "status": 404, "detail": []}),
            "Gone for good",
            None,
        ),
        hostile(
            "status-is-a-string",
            404,
            &json!({"type": blank, "title": "Not Found", "status": "x", "detail": "Gone."}),
            "Gone.",
            None,
        ),
        hostile(
            "errors-is-a-string",
            400,
            &json!({"type": rfc_400, "title": validation_title, "status": 400, "errors": "x"}),
            validation_title,
            None,
        ),
        hostile(
            "errors-is-an-array-of-numbers",
            400,
            &json!({"type": rfc_400, "title": validation_title, "status": 400, "errors": [1, 2]}),
            validation_title,
            None,
        ),
        hostile(
            "status-200-under-404",
            404,
            &json!({"type": blank, "title": "OK", "status": 200, "detail": "Everything is fine."}),
            "Everything is fine.",
            None,
        ),
        hostile(
            "status-503-under-404",
            404,
            &json!({
                "type": blank,
                "title": "Service Unavailable",
                "status": 503,
                "detail": "Down for maintenance.",
            }),
            "Down for maintenance.",
            None,
        ),
        hostile(
            "type-of-512-kib",
            409,
            &json!({"type": huge_type, "title": "Out of credit", "status": 409}),
            "Out of credit",
            None,
        ),
        hostile(
            "type-of-100000-segments",
            409,
            &json!({"type": deep_type, "title": "Deep", "status": 409}),
            "Deep",
            Some("deep-code"),
        ),
        hostile(
            "type-of-100000-slashes",
            409,
            &json!({"type": only_slashes, "title": "Slashes", "status": 409}),
            "Slashes",
            None,
        ),
        Hostile {
            // Written by hand: serde_json would not write a lone surrogate escape.
            body: br#"{"type":"about:blank","title":"Not \ud800Found","status":404}"#.to_vec(),
            ..hostile(
                "title-with-a-lone-surrogate",
                404,
                &json!({}),
                "Not \u{FFFD}Found",
                None,
            )
        },
    ];
    for (name, meta) in [
        ("meta-is-an-array", json!([])),
        ("meta-is-a-string", json!("x")),
    ] {
        cases.push(hostile(
            name,
            409,
            &json!({
                "type": blank,
                "title": "Conflict",
                "status": 409,
                "detail": "Taken.",
                "error_code": "conflict",
                "meta": meta,
            }),
            "Taken.",
            Some("conflict"),
        ));
    }
    cases.push(hostile(
        "about-blank-with-an-error-code",
        404,
        &json!({
            "type": blank,
            "title": "Not Found",
            "status": 404,
            "detail": "Invoice inv_404 not found.",
            "error_code": "invoice_not_found",
        }),
        "Invoice inv_404 not found.",
        Some("invoice_not_found"),
    ));
    cases
}

/// What every body must give under any status: no panic, the status kept, a message that is
/// not blank and not the raw body.
fn check_survives(
    body: &[u8],
    status: StatusCode,
    content_type: Option<&str>,
) -> Result<Response, Vec<String>> {
    let Ok(response) = catch_unwind(AssertUnwindSafe(|| decode_with(status, body, content_type)))
    else {
        return Err(vec!["from_parts panicked".to_owned()]);
    };
    let mut problems = Vec::new();
    if response.status() != status {
        problems.push(format!("status became {}", response.status()));
    }
    let message = response.message();
    if message.trim().is_empty() {
        problems.push("message is blank".to_owned());
    }
    let raw = String::from_utf8_lossy(body);
    if message.contains(&*raw) || response.to_string().contains(&*raw) {
        problems.push("the message holds the raw body".to_owned());
    }
    if body.len() > 64 && response.to_string().len() >= body.len() {
        problems.push("Display is as long as the body".to_owned());
    }
    if problems.is_empty() {
        Ok(response)
    } else {
        Err(problems)
    }
}

#[test]
fn hostile_problem_bodies_keep_the_status_and_a_message() {
    let mut failures = Vec::new();
    for case in hostile_cases() {
        let own = status(case.status);
        // Under its own status: what the rules say, whatever the Content-Type.
        for content_type in CONTENT_TYPES {
            let response = match check_survives(&case.body, own, content_type) {
                Ok(response) => response,
                Err(problems) => {
                    failures.extend(problems.into_iter().map(|problem| {
                        format!(
                            "{} under {} ({content_type:?}): {problem}",
                            case.name, case.status
                        )
                    }));
                    continue;
                }
            };
            let mut problems = Vec::new();
            if response.message() != case.message {
                let shown: String = response.message().chars().take(80).collect();
                problems.push(format!("message is {shown:?}, expected {:?}", case.message));
            }
            if response.error_code() != case.code {
                let shown: Option<String> = response
                    .error_code()
                    .map(|code| code.chars().take(80).collect());
                problems.push(format!("error_code is {shown:?}, expected {:?}", case.code));
            }
            let class = expected_retry_class(own, case.code);
            if response.retry_class() != class {
                problems.push(format!(
                    "retry class is {:?}, expected {class:?} (the HTTP status's)",
                    response.retry_class()
                ));
            }
            problems.extend(meta_problems(&response, &Map::new()));
            failures.extend(problems.into_iter().map(|problem| {
                format!(
                    "{} under {} ({content_type:?}): {problem}",
                    case.name, case.status
                )
            }));
        }
        // Under other statuses: still no panic, the status kept and a message.
        for other in [400, 404, 422, 500, 502] {
            if let Err(problems) = check_survives(&case.body, status(other), None) {
                failures.extend(
                    problems
                        .into_iter()
                        .map(|problem| format!("{} under {other}: {problem}", case.name)),
                );
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn hostile_case_names_are_unique() {
    let cases = hostile_cases();
    let mut names: Vec<_> = cases.iter().map(|case| case.name).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), cases.len());
}
