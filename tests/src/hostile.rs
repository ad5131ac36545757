//! Hostile response bodies: what a client may be handed instead of a clean envelope.
//!
//! Shared by the table test (`tests/client_hostile.rs`) and the writer of the fuzzer's seed
//! corpus, so every case here is also where the fuzzer starts.

/// What decoding a hostile body must give, besides keeping the status and a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    /// No envelope under any status.
    NoEnvelope,
    /// An envelope under every status.
    Envelope,
    /// An envelope under 400 and 422 only (a bare `serializer.errors`-like body).
    FieldErrors,
}

/// One hostile body.
#[derive(Debug, Clone)]
pub struct Case {
    /// A short name, used in failure messages and seed file names.
    pub name: &'static str,
    /// The body bytes.
    pub body: Vec<u8>,
    /// What decoding it must give.
    pub expect: Expect,
}

fn case(name: &'static str, body: impl Into<Vec<u8>>, expect: Expect) -> Case {
    Case {
        name,
        body: body.into(),
        expect,
    }
}

/// `details` of an envelope nested `levels` objects deep.
fn deep_details(levels: usize) -> String {
    format!(
        r#"{{"error":"Deep","error_code":"deep","details":{}["bottom"]{}}}"#,
        r#"{"a":"#.repeat(levels),
        "}".repeat(levels),
    )
}

/// Every hostile body.
pub fn cases() -> Vec<Case> {
    use Expect::{Envelope, FieldErrors, NoEnvelope};

    let valid = br#"{"error":"Not found.","error_code":"not_found","details":{}}"#;
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(valid);
    let mut two_boms = b"\xEF\xBB\xBF".to_vec();
    two_boms.extend_from_slice(&bom);
    let big_message = format!(
        r#"{{"error":"{}","error_code":"big","details":{{}}}}"#,
        "x".repeat(900 * 1024)
    );
    let many_keys = format!(
        r#"{{"error":"Many","error_code":"many","details":{{{}}}}}"#,
        (0..20_000)
            .map(|i| format!(r#""f{i}":["m"]"#))
            .collect::<Vec<_>>()
            .join(",")
    );

    vec![
        case("empty", "", NoEnvelope),
        case("whitespace", " \r\n\t ", NoEnvelope),
        case(
            "html-from-proxy",
            "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad \
             Gateway</h1></center><hr><center>nginx</center></body></html>",
            NoEnvelope,
        ),
        case("plain-text", "Internal Server Error", NoEnvelope),
        case(
            "xml",
            "<?xml version=\"1.0\"?><error><code>x</code></error>",
            NoEnvelope,
        ),
        case(
            "truncated-in-a-string",
            r#"{"error":"Not found.","error_code":"not_fo"#,
            NoEnvelope,
        ),
        case(
            "truncated-after-a-comma",
            r#"{"error":"Not found.","#,
            NoEnvelope,
        ),
        case(
            "truncated-in-details",
            r#"{"error":"Bad","error_code":"validation_error","details":{"email":["Ent"#,
            NoEnvelope,
        ),
        case("open-brace", "{", NoEnvelope),
        case(
            "missing-closing-brace",
            r#"{"error":"x","error_code":"y""#,
            NoEnvelope,
        ),
        case(
            "invalid-utf8-in-error",
            b"{\"error\":\"\xff\xfe\",\"error_code\":\"x\"}".to_vec(),
            // One bad value costs only that value (client/decode/repair.rs).
            Envelope,
        ),
        case(
            "invalid-utf8-outside-strings",
            b"{\"error\":\"x\"\xff,\"error_code\":\"y\"}".to_vec(),
            NoEnvelope,
        ),
        case("bom-then-envelope", bom, Envelope),
        case("two-boms", two_boms, NoEnvelope),
        case("null", "null", NoEnvelope),
        case("true", "true", NoEnvelope),
        case("number", "42", NoEnvelope),
        case("bare-string", r#""Something went wrong""#, FieldErrors),
        case("empty-array", "[]", NoEnvelope),
        case("empty-object", "{}", NoEnvelope),
        case(
            "all-null",
            r#"{"error":null,"error_code":null,"details":null}"#,
            Envelope,
        ),
        case(
            "wrong-types",
            r#"{"error":42,"error_code":["a"],"details":"whole body"}"#,
            Envelope,
        ),
        case(
            "objects-where-strings-belong",
            r#"{"error":{"message":"boom"},"error_code":{}}"#,
            FieldErrors,
        ),
        case(
            "unknown-fields",
            r#"{"request_id":"abc","error":"x","extra":[1,{"a":null}],"error_code":"not_found","details":{},"trace":null}"#,
            Envelope,
        ),
        case(
            "duplicate-keys",
            r#"{"error":"first","error":"second","error_code":"a","error_code":"b","details":{"f":["1"]},"details":{"f":["2"]}}"#,
            Envelope,
        ),
        case("deep-arrays", "[".repeat(100_000), NoEnvelope),
        case(
            "deep-arrays-closed",
            format!("{}{}", "[".repeat(5_000), "]".repeat(5_000)),
            NoEnvelope,
        ),
        case(
            "deep-objects",
            format!(r#"{}1{}"#, r#"{"a":"#.repeat(50_000), "}".repeat(50_000)),
            FieldErrors,
        ),
        case(
            "deep-details-arrays",
            format!(
                r#"{{"error":"x","error_code":"y","details":{}}}"#,
                "[".repeat(100_000)
            ),
            NoEnvelope,
        ),
        // Past the decoder's depth limit (64) the rest is skipped without recursion and
        // dropped, so even past serde_json's recursion limit (128) there is no stack overflow.
        case("details-100-deep", deep_details(100), Envelope),
        case("details-200-deep", deep_details(200), Envelope),
        case("details-50000-deep", deep_details(50_000), Envelope),
        case(
            "lone-surrogate",
            r#"{"error":"\ud800","error_code":"x"}"#,
            // One bad value costs only that value (client/decode/repair.rs).
            Envelope,
        ),
        case(
            "escaped-controls",
            r#"{"error":"\u0000\u001b[31mred\n","error_code":"x\ty"}"#,
            Envelope,
        ),
        case(
            "huge-number",
            r#"{"error":"x","error_code":"y","details":{"n":[1e999999]}}"#,
            // One bad value costs only that value (client/decode/repair.rs).
            Envelope,
        ),
        case(
            "numbers-and-booleans",
            r#"{"error":"x","error_code":"y","details":{"n":[-0,1.5e300,18446744073709551615,-9223372036854775808,true,false]}}"#,
            Envelope,
        ),
        case(
            "trailing-garbage",
            r#"{"error":"x","error_code":"y"} trailing"#,
            NoEnvelope,
        ),
        case("two-documents", r#"{"error":"x"}{"error":"y"}"#, NoEnvelope),
        case("nan", r#"{"error":NaN,"error_code":"x"}"#, NoEnvelope),
        case(
            "single-quotes",
            "{'error': 'x', 'error_code': 'y'}",
            NoEnvelope,
        ),
        case("comment", "// note\n{\"error\":\"x\"}", NoEnvelope),
        case(
            "empty-error",
            r#"{"error":"","error_code":"not_found"}"#,
            Envelope,
        ),
        case(
            "blank-error",
            " \n {\"error\":\" \\t \",\"error_code\":\"\"} \n",
            Envelope,
        ),
        case(
            "escaped-keys",
            r#"{"err\u006fr":"Not found.","error\u005fcode":"not_found"}"#,
            Envelope,
        ),
        case(
            "detail-wrong-type",
            r#"{"detail":5,"code":["x"]}"#,
            FieldErrors,
        ),
        case("detail-null", r#"{"detail":null,"code":7}"#, FieldErrors),
        case(
            "message-objects-with-wrong-types",
            r#"{"details":{"f":[{"message":null,"code":1},{"msg":true},{"detail":{"x":1}},{}]}}"#,
            Envelope,
        ),
        case(
            "field-map-with-nulls",
            r#"{"email":null,"items":[null,{},[],{"a":null}],"x":{}}"#,
            FieldErrors,
        ),
        case("big-message", big_message, Envelope),
        case("twenty-thousand-keys", many_keys, Envelope),
        case("nul-bytes", b"\0\0\0\0".to_vec(), NoEnvelope),
    ]
}
