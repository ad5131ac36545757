//! The catalogue's JSON, format `error-contract-catalog` version 1: `Catalog::to_json` byte for
//! byte, `Catalog::from_json` reading back every catalogue exactly, and every input it refuses
//! with the message it gives; `Catalog::check` on aliases.

use std::borrow::Cow;

use error_contract::{
    ApiError, Catalog, CatalogReadError, CommonError, ErrorSpec, MetaSpec, RetryClass,
};
use error_contract_tests::{FixedError, PartnerError};
use proptest::prelude::*;

/// A contract that evolved: aliases, deprecated codes, meta fields of every kind of type.
#[allow(dead_code)]
#[derive(Debug, thiserror::Error, ApiError)]
pub enum EvolvedError {
    /// No invoice has this id.
    #[error("invoice {0} not found")]
    #[api(
        status = 404,
        message = "Invoice {0} not found.",
        solution = "Check the id.",
        alias = "no_such_invoice",
        alias = "invoice_missing"
    )]
    InvoiceNotFound(String),

    #[deprecated(note = "use `InvoiceNotFound`")]
    #[error("gone")]
    #[api(status = 410, message = "Gone.")]
    InvoiceGone,

    /// The plan's quota is used up.
    #[deprecated]
    #[error("quota")]
    #[api(
        status = 429,
        retry_after = 30,
        message = "Quota of {plan} exceeded.",
        alias = "over_quota"
    )]
    QuotaExceeded {
        #[api(meta)]
        plan: String,
        #[api(meta)]
        attempts: Option<u32>,
        #[api(meta)]
        ratio: f64,
        #[api(meta)]
        blocked: bool,
        #[api(meta)]
        tags: Vec<String>,
        #[api(meta)]
        limits: std::collections::BTreeMap<String, u64>,
    },

    #[error(transparent)]
    #[api(transparent)]
    Common(CommonError),
}

/// Every field of a spec set, Unicode and characters JSON must escape included.
fn every_field() -> ErrorSpec {
    ErrorSpec::new(
        "payment_required",
        402,
        RetryClass::Reauthenticate,
        "BillingError",
    )
    .with_retry_after(u64::MAX)
    .with_message("Pay {amount} \"now\"\n\tplease")
    .with_meta(vec![
        MetaSpec::new("amount").with_json_type("number"),
        MetaSpec::new("currency")
            .with_json_type("string")
            .with_nullable(),
        MetaSpec::new("owner"),
        MetaSpec::new("maybe").with_nullable(),
        MetaSpec::new("count").with_json_type("integer"),
        MetaSpec::new("paid").with_json_type("boolean"),
        MetaSpec::new("items").with_json_type("array"),
        MetaSpec::new("extra").with_json_type("object"),
    ])
    .with_description("Zahlung erforderlich: 支払い 💳 \u{0}\u{1f}\\")
    .with_solution("Top up at https://example.com/billing?a=1&b=<2>")
    .with_www_authenticate("Bearer realm=\"billing\", error=\"insufficient_scope\"")
    .with_aliases(vec![
        Cow::Borrowed("billing_required"),
        Cow::Borrowed("zahlung"),
    ])
    .deprecated(Some(Cow::Borrowed("use `billing_error`")))
}

fn round_trip(catalog: &Catalog) {
    let json = catalog.to_json();
    assert_eq!(Catalog::from_json(&json).as_ref(), Ok(catalog), "{json}");
}

#[test]
fn every_catalogue_in_the_tests_reads_back_exactly() {
    round_trip(&Catalog::of::<PartnerError>());
    round_trip(&Catalog::of::<CommonError>());
    round_trip(&Catalog::of::<FixedError>());
    round_trip(&Catalog::of::<EvolvedError>());
    round_trip(&Catalog::new(vec![every_field()]));
    round_trip(&Catalog::new(vec![]));
    // Several types put together.
    let mut specs = Catalog::of::<PartnerError>().specs().to_vec();
    specs.push(every_field());
    round_trip(&Catalog::new(specs));
}

#[test]
fn the_evolved_contract_carries_its_aliases_deprecations_and_meta_types() {
    let json: serde_json::Value =
        serde_json::from_str(&Catalog::of::<EvolvedError>().to_json()).unwrap();
    let codes = json["codes"].as_array().unwrap();
    let code = |name: &str| codes.iter().find(|code| code["code"] == name).unwrap();
    assert_eq!(
        code("invoice_not_found")["aliases"],
        serde_json::json!(["no_such_invoice", "invoice_missing"])
    );
    assert_eq!(code("invoice_gone")["deprecated"], true);
    assert_eq!(
        code("invoice_gone")["deprecation_note"],
        "use `InvoiceNotFound`"
    );
    assert_eq!(code("quota_exceeded")["deprecated"], true);
    assert!(code("quota_exceeded").get("deprecation_note").is_none());
    assert_eq!(
        code("quota_exceeded")["meta"],
        serde_json::json!([
            {"name": "plan", "json_type": "string"},
            {"name": "attempts", "json_type": "integer", "nullable": true},
            {"name": "ratio", "json_type": "number"},
            {"name": "blocked", "json_type": "boolean"},
            {"name": "tags", "json_type": "array"},
            {"name": "limits", "json_type": "object"},
        ])
    );
}

const GOLDEN: &str = r#"{
  "format": "error-contract-catalog",
  "version": 1,
  "codes": [
    {
      "code": "invoice_not_found",
      "status": 404,
      "retry": "permanent",
      "retry_after": null,
      "message": "Invoice {0} not found.",
      "description": "No invoice has this id.",
      "solution": "Check the id.",
      "type_name": "InvoiceError"
    },
    {
      "code": "quota_exceeded",
      "status": 429,
      "retry": "throttled",
      "retry_after": 60,
      "message": null,
      "meta": [
        {
          "name": "plan",
          "json_type": "string"
        },
        {
          "name": "resets_at",
          "json_type": "integer",
          "nullable": true
        },
        {
          "name": "owner",
          "json_type": null
        }
      ],
      "description": "",
      "solution": null,
      "type_name": "QuotaError",
      "www_authenticate": "Bearer realm=\"api\"",
      "aliases": [
        "over_quota"
      ],
      "deprecated": true,
      "deprecation_note": "use `rate_limited` — bald"
    }
  ]
}"#;

fn golden() -> Catalog {
    Catalog::new(vec![
        ErrorSpec::new(
            "invoice_not_found",
            404,
            RetryClass::Permanent,
            "InvoiceError",
        )
        .with_message("Invoice {0} not found.")
        .with_description("No invoice has this id.")
        .with_solution("Check the id."),
        ErrorSpec::new("quota_exceeded", 429, RetryClass::Throttled, "QuotaError")
            .with_retry_after(60)
            .with_meta(vec![
                MetaSpec::new("plan").with_json_type("string"),
                MetaSpec::new("resets_at")
                    .with_json_type("integer")
                    .with_nullable(),
                MetaSpec::new("owner"),
            ])
            .with_www_authenticate("Bearer realm=\"api\"")
            .with_aliases(vec![Cow::Borrowed("over_quota")])
            .deprecated(Some(Cow::Borrowed("use `rate_limited` — bald"))),
    ])
}

#[test]
fn the_json_of_a_small_catalogue_byte_for_byte() {
    assert_eq!(golden().to_json(), GOLDEN);
    assert_eq!(Catalog::from_json(GOLDEN), Ok(golden()));
    assert_eq!(
        Catalog::new(vec![]).to_json(),
        "{\n  \"format\": \"error-contract-catalog\",\n  \"version\": 1,\n  \"codes\": []\n}"
    );
}

#[test]
fn every_retry_class_is_written_by_its_snake_case_name_and_read_back() {
    let classes = [
        (RetryClass::NotSent, "not_sent"),
        (RetryClass::Transient, "transient"),
        (RetryClass::Throttled, "throttled"),
        (RetryClass::Reauthenticate, "reauthenticate"),
        (RetryClass::AlreadyExists, "already_exists"),
        (RetryClass::Permanent, "permanent"),
    ];
    let catalog = Catalog::new(
        classes
            .iter()
            .map(|&(class, name)| ErrorSpec::new(name, 400, class, "T"))
            .collect(),
    );
    let json: serde_json::Value = serde_json::from_str(&catalog.to_json()).unwrap();
    for (index, (_, name)) in classes.iter().enumerate() {
        assert_eq!(json["codes"][index]["retry"], *name);
    }
    round_trip(&catalog);
}

#[test]
fn members_left_out_read_as_their_defaults_and_unknown_members_are_ignored() {
    let text = r#"{
        "codes": [
            {
                "type_name": "T",
                "future": {"nested": [1, 2, {"deep": null}]},
                "retry": "transient",
                "status": 503,
                "code": "later",
                "meta": [{"name": "id", "someday": true}]
            }
        ],
        "written_by": "error-contract 9.0",
        "version": 1,
        "format": "error-contract-catalog"
    }"#;
    let mut expected = ErrorSpec::new("later", 503, RetryClass::Transient, "T");
    expected.meta = Cow::Owned(vec![MetaSpec::new("id")]);
    assert_eq!(Catalog::from_json(text), Ok(Catalog::new(vec![expected])));
}

/// The message `from_json` gives for `text`.
fn refused(text: &str) -> String {
    match Catalog::from_json(text) {
        Ok(catalog) => panic!("read {catalog:?} from {text}"),
        Err(error) => error.to_string(),
    }
}

/// A version 1 catalogue of the one code `code` (an object's members, without braces).
fn one_code(code: &str) -> String {
    format!(r#"{{"format": "error-contract-catalog", "version": 1, "codes": [{{{code}}}]}}"#)
}

/// The message for one code: `code` with the members that make it valid but `members`.
fn refused_code(members: &str) -> String {
    refused(&one_code(members))
}

#[test]
fn text_that_is_not_json_is_refused_with_serde_jsons_place() {
    assert_eq!(
        refused(""),
        "not JSON: EOF while parsing a value at line 1 column 0"
    );
    assert_eq!(
        refused(
            "{\n  \"format\": \"error-contract-catalog\",\n  \"version\": 1\n  \"codes\": []\n}"
        ),
        "not JSON: expected `,` or `}` at line 4 column 3"
    );
    assert_eq!(
        refused(
            "{\"format\": \"error-contract-catalog\", \"version\": 1, \"codes\": [{\"code\": tru}]}"
        ),
        "not JSON: expected ident at line 1 column 74"
    );
    assert_eq!(
        refused(&format!("{GOLDEN} trailing")),
        "not JSON: trailing characters at line 47 column 3"
    );
    assert_eq!(
        refused(
            "{\"format\": \"error-contract-catalog\", \"version\": 1, \"codes\": [\"\\ud800\"]}"
        ),
        "not JSON: unexpected end of hex escape at line 1 column 69"
    );
}

#[test]
fn a_member_given_twice_is_refused_where_it_stands() {
    assert_eq!(
        refused(r#"{"format": "error-contract-catalog", "format": "error-contract-catalog"}"#),
        "the member `format` is given twice in one object at line 1 column 45"
    );
    // Inside `codes`, read in a second pass: still the place in the whole text.
    let text = "{\n  \"format\": \"error-contract-catalog\",\n  \"version\": 1,\n  \"codes\": [\n    {\"code\": \"gone\", \"status\": 410, \"status\": 404}\n  ]\n}";
    assert_eq!(
        refused(text),
        "the member `status` is given twice in one object at line 5 column 44"
    );
    assert_eq!(
        refused(&one_code(
            r#""code": "a", "status": 400, "retry": "permanent", "type_name": "T", "meta": [{"name": "x", "name": "y"}]"#
        )),
        "the member `name` is given twice in one object at line 1 column 159"
    );
}

#[test]
fn json_that_is_not_a_catalogue_says_what_it_is() {
    assert_eq!(
        refused("[]"),
        "not an error-contract catalogue of format version 1 but a JSON array: this looks like \
         a catalogue written before format version 1; write it again with `Catalog::to_json`"
    );
    // What `to_json` wrote before format version 1: the bare array of specs.
    let before = serde_json::to_string_pretty(Catalog::of::<PartnerError>().specs()).unwrap();
    assert!(refused(&before).contains("written before format version 1"));
    assert_eq!(
        refused(r#""error-contract-catalog""#),
        "not an error-contract catalogue but the string \"error-contract-catalog\": a catalogue \
         is an object with `\"format\": \"error-contract-catalog\"`"
    );
    assert_eq!(
        refused("12"),
        "not an error-contract catalogue but the number 12: a catalogue is an object with \
         `\"format\": \"error-contract-catalog\"`"
    );
    assert_eq!(
        refused("null"),
        "not an error-contract catalogue but null: a catalogue is an object with \
         `\"format\": \"error-contract-catalog\"`"
    );
    assert_eq!(
        refused(r#"{"openapi": "3.1.0"}"#),
        "not an error-contract catalogue: the object has no `format` (a catalogue has \
         `\"format\": \"error-contract-catalog\"`)"
    );
    assert_eq!(
        refused(r#"{"format": "openapi", "version": 1, "codes": []}"#),
        "not an error-contract catalogue: `format` is the string \"openapi\", not \
         \"error-contract-catalog\""
    );
    assert_eq!(
        refused(r#"{"format": ["error-contract-catalog"]}"#),
        "not an error-contract catalogue: `format` is an array, not \"error-contract-catalog\""
    );
}

#[test]
fn a_version_other_than_1_is_refused() {
    let with_version = |version: &str| {
        format!(r#"{{"format": "error-contract-catalog", "version": {version}, "codes": []}}"#)
    };
    assert_eq!(
        refused(&with_version("2")),
        "format version 2 is newer than this error-contract reads (1); upgrade error-contract"
    );
    // A newer version is reported as such whatever its codes look like.
    assert_eq!(
        refused(
            r#"{"codes": {"renamed": "everything"}, "version": 3, "format": "error-contract-catalog"}"#
        ),
        "format version 3 is newer than this error-contract reads (1); upgrade error-contract"
    );
    assert_eq!(
        refused(&with_version("18446744073709551615")),
        "format version 18446744073709551615 is newer than this error-contract reads (1); \
         upgrade error-contract"
    );
    assert_eq!(
        refused(&with_version("0")),
        "`version` is the number 0, not a format version (this error-contract reads version 1)"
    );
    assert_eq!(
        refused(&with_version("-1")),
        "`version` is the number -1, not a format version (this error-contract reads version 1)"
    );
    assert_eq!(
        refused(&with_version("1.0")),
        "`version` is the number 1.0, not a format version (this error-contract reads version 1)"
    );
    assert_eq!(
        refused(&with_version(r#""1""#)),
        "`version` is the string \"1\", not a format version (this error-contract reads version 1)"
    );
    assert_eq!(
        refused(r#"{"format": "error-contract-catalog", "codes": []}"#),
        "the catalogue has no `version` (its format version)"
    );
}

#[test]
fn codes_must_be_an_array() {
    assert_eq!(
        refused(r#"{"format": "error-contract-catalog", "version": 1}"#),
        "the catalogue has no `codes` (the array of its codes)"
    );
    assert_eq!(
        refused(r#"{"format": "error-contract-catalog", "version": 1, "codes": {"a": 1}}"#),
        "`codes` must be an array, found an object"
    );
    assert_eq!(
        refused(r#"{"format": "error-contract-catalog", "version": 1, "codes": null}"#),
        "`codes` must be an array, found null"
    );
}

const VALID: &str =
    r#""code": "gone", "status": 410, "retry": "permanent", "type_name": "ShopError""#;

#[test]
fn a_wrong_code_is_named_by_its_index_and_name() {
    assert_eq!(
        refused(&format!(
            r#"{{"format": "error-contract-catalog", "version": 1, "codes": [{{{VALID}}}, "second"]}}"#
        )),
        "codes[1]: must be an object, found the string \"second\""
    );
    assert_eq!(
        refused_code(r#""status": 410, "retry": "permanent", "type_name": "T""#),
        "codes[0]: has no `code`"
    );
    assert_eq!(
        refused_code(r#""code": 7, "status": 410, "retry": "permanent", "type_name": "T""#),
        "codes[0]: `code` must be a string, found the number 7"
    );
    let cases = [
        // status
        (
            r#""status": "410""#,
            "`status` must be an integer from 400 to 599, found the string \"410\"",
        ),
        (
            r#""status": 410.5"#,
            "`status` must be an integer from 400 to 599, found the number 410.5",
        ),
        (r#""status": 600"#, "`status` 600 is outside 400..=599"),
        (r#""status": 200"#, "`status` 200 is outside 400..=599"),
        (r#""status": -404"#, "`status` -404 is outside 400..=599"),
        (r#""status": 65946"#, "`status` 65946 is outside 400..=599"),
        (
            r#""status": null"#,
            "`status` must be an integer from 400 to 599, found null",
        ),
        // retry
        (
            r#""retry": "sometimes""#,
            "`retry` \"sometimes\" is not a retry class this error-contract knows (not_sent, \
             transient, throttled, reauthenticate, already_exists, permanent)",
        ),
        (
            r#""retry": "Permanent""#,
            "`retry` \"Permanent\" is not a retry class this error-contract knows (not_sent, \
             transient, throttled, reauthenticate, already_exists, permanent)",
        ),
        (
            r#""retry": 3"#,
            "`retry` must be a string, found the number 3",
        ),
        // retry_after
        (
            r#""retry_after": -1"#,
            "`retry_after` must be a whole number of seconds or null, found the number -1",
        ),
        (
            r#""retry_after": 1.5"#,
            "`retry_after` must be a whole number of seconds or null, found the number 1.5",
        ),
        (
            r#""retry_after": "60""#,
            "`retry_after` must be a whole number of seconds or null, found the string \"60\"",
        ),
        // text
        (
            r#""message": 5"#,
            "`message` must be a string or null, found the number 5",
        ),
        (
            r#""description": null"#,
            "`description` must be a string, found null",
        ),
        (
            r#""solution": ["a"]"#,
            "`solution` must be a string or null, found an array",
        ),
        (
            r#""type_name": {}"#,
            "`type_name` must be a string, found an object",
        ),
        (
            r#""www_authenticate": false"#,
            "`www_authenticate` must be a string or null, found false",
        ),
        (
            r#""deprecation_note": 1"#,
            "`deprecation_note` must be a string or null, found the number 1",
        ),
        // flags
        (
            r#""deprecated": "yes""#,
            "`deprecated` must be true or false, found the string \"yes\"",
        ),
        (
            r#""deprecated": null"#,
            "`deprecated` must be true or false, found null",
        ),
        // aliases
        (
            r#""aliases": "old""#,
            "`aliases` must be an array of strings, found the string \"old\"",
        ),
        (
            r#""aliases": ["old", 2]"#,
            "`aliases[1]` must be a string, found the number 2",
        ),
        // meta
        (
            r#""meta": {"name": "id"}"#,
            "`meta` must be an array of objects, found an object",
        ),
        (
            r#""meta": ["id"]"#,
            "`meta[0]` must be an object, found the string \"id\"",
        ),
        (
            r#""meta": [{"json_type": "string"}]"#,
            "meta[0]: has no `name`",
        ),
        (
            r#""meta": [{"name": 1}]"#,
            "meta[0]: `name` must be a string, found the number 1",
        ),
        (
            r#""meta": [{"name": "id"}, {"name": "at", "json_type": "date"}]"#,
            "meta[1] (`at`): `json_type` \"date\" is not a JSON type this error-contract knows \
             (string, integer, number, boolean, array, object)",
        ),
        (
            r#""meta": [{"name": "id", "json_type": true}]"#,
            "meta[0] (`id`): `json_type` must be a string or null, found true",
        ),
        (
            r#""meta": [{"name": "id", "nullable": "yes"}]"#,
            "meta[0] (`id`): `nullable` must be true or false, found the string \"yes\"",
        ),
    ];
    for (member, problem) in cases {
        let name = member.split('"').nth(1).unwrap();
        // The valid members but the one under test, which comes last.
        let others: Vec<&str> = [
            r#""code": "gone""#,
            r#""status": 410"#,
            r#""retry": "permanent""#,
            r#""type_name": "ShopError""#,
        ]
        .into_iter()
        .filter(|other| !other.starts_with(&format!("\"{name}\"")))
        .collect();
        let members = format!("{}, {member}", others.join(", "));
        let text = format!(
            r#"{{"format": "error-contract-catalog", "version": 1, "codes": [
                {{"code": "zero", "status": 400, "retry": "permanent", "type_name": "T"}},
                {{"code": "one", "status": 400, "retry": "permanent", "type_name": "T"}},
                {{{members}}}
            ]}}"#
        );
        assert_eq!(
            refused(&text),
            format!("codes[2] (`gone`): {problem}"),
            "{member}"
        );
    }
    for missing in ["status", "retry", "type_name"] {
        let members: Vec<&str> = VALID
            .split(", ")
            .filter(|member| !member.starts_with(&format!("\"{missing}\"")))
            .collect();
        assert_eq!(
            refused_code(&members.join(", ")),
            format!("codes[0] (`gone`): has no `{missing}`")
        );
    }
}

#[test]
fn names_in_messages_are_escaped_and_cut_short() {
    let long = "é".repeat(100);
    let message = refused_code(&format!(
        r#""code": "{long}\n\u001b[31m", "status": 1, "retry": "permanent", "type_name": "T""#
    ));
    assert_eq!(
        message,
        format!(
            "codes[0] (`{}…`): `status` 1 is outside 400..=599",
            "é".repeat(60)
        )
    );
    let message = refused_code(
        r#""code": "a\nb\u001b", "status": 1, "retry": "permanent", "type_name": "T""#,
    );
    assert_eq!(
        message,
        r"codes[0] (`a\nb\u{1b}`): `status` 1 is outside 400..=599"
    );
    let message = refused_code(&format!(
        r#""code": "a", "status": 400, "retry": "{}", "type_name": "T""#,
        "x".repeat(1_000_000)
    ));
    assert!(message.len() < 300, "{}", message.len());
}

#[test]
fn duplicate_codes_and_aliases_are_refused_with_both_places() {
    let code = |code: &str, type_name: &str, aliases: &str| {
        format!(
            r#"{{"code": "{code}", "status": 404, "retry": "permanent", "type_name": "{type_name}", "aliases": [{aliases}]}}"#
        )
    };
    let catalogue = |codes: &[String]| {
        format!(
            r#"{{"format": "error-contract-catalog", "version": 1, "codes": [{}]}}"#,
            codes.join(", ")
        )
    };
    let text = catalogue(&[code("gone", "A", ""), code("gone", "B", "")]);
    assert_eq!(
        refused(&text),
        "error code `gone` is declared by `A` and again by `B`; rename one with #[api(code = \"...\")]"
    );
    let error = Catalog::from_json(&text).unwrap_err();
    let duplicates = error.duplicates().unwrap();
    assert_eq!(duplicates.duplicates.len(), 1);
    assert_eq!(
        std::error::Error::source(&error).unwrap().to_string(),
        error.to_string()
    );

    let text = catalogue(&[
        code(
            "invoice_not_found",
            "InvoiceError",
            r#""not_found", "missing""#,
        ),
        code("not_found", "CommonError", ""),
        code("lost", "OtherError", r#""missing""#),
    ]);
    assert_eq!(
        refused(&text),
        "error code `not_found` is declared by `InvoiceError` as an alias of `invoice_not_found` \
         and again by `CommonError`; remove the alias or rename the code with #[api(code = \"...\")]; \
         error code `missing` is declared by `InvoiceError` as an alias of `invoice_not_found` and \
         again by `OtherError` as an alias of `lost`; keep the alias on one code only"
    );
}

#[test]
fn check_reports_aliases_equal_to_a_code_or_another_alias() {
    let spec = |code: &'static str, type_name: &'static str, aliases: &[&'static str]| {
        ErrorSpec::new(code, 404, RetryClass::Permanent, type_name).with_aliases(
            aliases
                .iter()
                .map(|alias| Cow::Borrowed(*alias))
                .collect::<Vec<_>>(),
        )
    };
    // Across types, alias first and code second.
    let error = Catalog::new(vec![
        spec("new_code", "A", &["old_code"]),
        spec("old_code", "B", &[]),
    ])
    .check()
    .unwrap_err();
    let duplicate = &error.duplicates[0];
    assert_eq!(
        (&*duplicate.code, &*duplicate.first, &*duplicate.second),
        ("old_code", "A", "B")
    );
    assert_eq!(duplicate.first_alias_of.as_deref(), Some("new_code"));
    assert_eq!(duplicate.second_alias_of, None);
    // Code first, alias second, in one type.
    let error = Catalog::new(vec![spec("gone", "A", &[]), spec("lost", "A", &["gone"])])
        .check()
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "error code `gone` is declared by `A` and again by `A` as an alias of `lost`; remove the \
         alias or rename the code with #[api(code = \"...\")]"
    );
    // An alias of a code equal to the code itself, and an alias given twice.
    let error = Catalog::new(vec![spec("gone", "A", &["gone", "old", "old"])])
        .check()
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "error code `gone` is declared by `A` and again by `A` as an alias of `gone`; remove the \
         alias or rename the code with #[api(code = \"...\")]; error code `old` is declared by \
         `A` as an alias of `gone` and again by `A` as an alias of `gone`; keep the alias on one \
         code only"
    );
    // Two codes: the wording the derive's users know.
    let error = Catalog::new(vec![spec("gone", "A", &[]), spec("gone", "B", &[])])
        .check()
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "error code `gone` is declared by `A` and again by `B`; rename one with #[api(code = \"...\")]"
    );
    assert_eq!(
        (
            error.duplicates[0].first_alias_of.clone(),
            error.duplicates[0].second_alias_of.clone()
        ),
        (None, None)
    );
    // Distinct aliases are fine.
    assert!(
        Catalog::new(vec![spec("a", "A", &["b", "c"]), spec("d", "B", &["e"])])
            .check()
            .is_ok()
    );
}

/// `[` `depth` times, the start of an array nested that deep.
fn nested(depth: usize) -> String {
    "[".repeat(depth)
}

/// An array nested `depth` deep, closed.
fn deep(depth: usize) -> String {
    format!("{}{}", nested(depth), "]".repeat(depth))
}

/// The recursion error serde_json gives for the whole of `text`, `later` columns on.
fn as_serde_json_places_it(text: &str, later: usize) -> String {
    let whole = serde_json::from_str::<serde_json::Value>(text).unwrap_err();
    format!(
        "nested too deep: recursion limit exceeded at line {} column {}",
        whole.line(),
        whole.column() + later
    )
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    // Unclosed: serde_json skips what it does not read without recursing, to the end.
    assert_eq!(
        refused(&nested(10_000)),
        "not JSON: EOF while parsing a list at line 1 column 10000"
    );
    // Closed, at the top and in members nobody reads: skipped without recursing.
    let deep = deep(10_000);
    assert!(refused(&deep).contains("but a JSON array"));
    let unread = format!(
        r#"{{"unknown": {deep}, "format": "error-contract-catalog", "version": 1, "codes": [{{{VALID}, "future": {deep}, "meta": [{{"name": "x", "future": {deep}}}]}}]}}"#
    );
    assert_eq!(
        Catalog::from_json(&unread).map(|catalog| catalog.specs().len()),
        Ok(1)
    );
    // Where a value is read, past serde_json's limit of 128 levels: an error, where serde_json
    // places it.
    let version =
        format!(r#"{{"format": "error-contract-catalog", "version": {deep}, "codes": []}}"#);
    assert_eq!(refused(&version), as_serde_json_places_it(&version, 0));
    // In `codes`, read on its own in a second pass, one level less deep than in the whole
    // text: the limit is met one bracket later, placed in the whole text.
    for text in [
        format!(
            "{{\n\"format\": \"error-contract-catalog\",\n\"version\": 1,\n\"codes\": [\n  {{\"code\": \"a\", \"status\": {deep}}}]}}"
        ),
        one_code(&format!(r#""code": "a", "aliases": {deep}"#)),
        one_code(&format!(
            r#""code": "a", "meta": [{{"name": "x", "json_type": {deep}}}]"#
        )),
    ] {
        assert_eq!(
            refused(&text),
            as_serde_json_places_it(&text, 1),
            "{}",
            &text[..60]
        );
    }
}

#[test]
fn a_hundred_megabytes_is_refused_without_exhausting_the_stack() {
    const SIZE: usize = 100 * 1024 * 1024;
    // Unclosed arrays, at the top and in `codes`.
    assert_eq!(
        refused(&nested(SIZE)),
        format!("not JSON: EOF while parsing a list at line 1 column {SIZE}")
    );
    let prefix = r#"{"format": "error-contract-catalog", "version": 1, "codes": "#;
    assert_eq!(
        refused(&format!("{prefix}{}", nested(SIZE))),
        format!(
            "not JSON: EOF while parsing a list at line 1 column {}",
            prefix.len() + SIZE
        )
    );
    // Nested 50 million deep where a value is read.
    let text = one_code(&format!(r#""code": "a", "status": {}"#, deep(SIZE / 2)));
    assert!(refused(&text).starts_with("nested too deep: recursion limit exceeded"));
    // One huge string in a member nobody reads.
    let text = format!(
        r#"{{"format": "error-contract-catalog", "version": 1, "padding": "{}", "codes": []}}"#,
        "x".repeat(SIZE)
    );
    assert_eq!(Catalog::from_json(&text), Ok(Catalog::new(vec![])));
}

#[test]
fn the_read_error_is_a_sendable_error() {
    fn assert_error<E: std::error::Error + Send + Sync + 'static>() {}
    assert_error::<CatalogReadError>();
    let error: Box<dyn std::error::Error + Send + Sync> =
        Box::new(Catalog::from_json("[]").unwrap_err());
    assert!(error.to_string().contains("JSON array"));
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(any::<char>(), 0..8).prop_map(String::from_iter)
}

fn any_class() -> impl Strategy<Value = RetryClass> {
    prop::sample::select(vec![
        RetryClass::NotSent,
        RetryClass::Transient,
        RetryClass::Throttled,
        RetryClass::Reauthenticate,
        RetryClass::AlreadyExists,
        RetryClass::Permanent,
    ])
}

fn any_meta() -> impl Strategy<Value = MetaSpec> {
    let json_type = prop::option::of(prop::sample::select(vec![
        "string", "integer", "number", "boolean", "array", "object",
    ]));
    (text(), json_type, any::<bool>()).prop_map(|(name, json_type, nullable)| {
        let mut meta = MetaSpec::new("");
        meta.name = Cow::Owned(name);
        meta.json_type = json_type;
        meta.nullable = nullable;
        meta
    })
}

fn any_spec() -> impl Strategy<Value = ErrorSpec> {
    let owned = |text: Option<String>| text.map(Cow::Owned);
    (
        (
            text(),
            400u16..=599,
            any_class(),
            prop::option::of(any::<u64>()),
            prop::option::of(text()),
            prop::collection::vec(any_meta(), 0..3),
        ),
        (
            text(),
            prop::option::of(text()),
            text(),
            prop::option::of(text()),
            prop::collection::vec(text(), 0..3),
            any::<bool>(),
            prop::option::of(text()),
        ),
    )
        .prop_map(
            move |(
                (code, status, retry, retry_after, message, meta),
                (description, solution, type_name, challenge, aliases, deprecated, note),
            )| {
                let mut spec = ErrorSpec::new("", status, retry, "");
                spec.code = Cow::Owned(code);
                spec.retry_after = retry_after;
                spec.message = owned(message);
                spec.meta = Cow::Owned(meta);
                spec.description = Cow::Owned(description);
                spec.solution = owned(solution);
                spec.type_name = Cow::Owned(type_name);
                spec.www_authenticate = owned(challenge);
                spec.aliases = Cow::Owned(aliases.into_iter().map(Cow::Owned).collect());
                spec.deprecated = deprecated;
                spec.deprecation_note = owned(note);
                spec
            },
        )
}

proptest! {
    #[test]
    fn any_catalogue_reads_back_exactly(
        catalog in prop::collection::vec(any_spec(), 0..6)
            .prop_map(Catalog::new)
            .prop_filter("each code and alias once", |catalog| catalog.check().is_ok())
    ) {
        let json = catalog.to_json();
        prop_assert_eq!(Catalog::from_json(&json), Ok(catalog));
    }

    #[test]
    fn no_text_makes_the_reader_panic(cut in any::<prop::sample::Index>(), bytes in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..4)) {
        // The golden catalogue, cut short and with a few bytes changed.
        let mut text = GOLDEN.as_bytes().to_vec();
        text.truncate(cut.index(text.len() + 1));
        for (at, byte) in bytes {
            if !text.is_empty() {
                let at = at.index(text.len());
                text[at] = byte;
            }
        }
        let _ = Catalog::from_json(&String::from_utf8_lossy(&text));
    }

    #[test]
    fn no_string_makes_the_reader_panic(text in ".*") {
        let _ = Catalog::from_json(&text);
    }
}
