//! `Catalog::diff`: every rule of DESIGN.md's "Contract evolution" as a before/after pair,
//! with the exact changes it finds, and the golden `Display` and Markdown of one diff.

use std::borrow::Cow;

use error_contract::{
    ApiError, Catalog, CatalogDiff, ChangeKind, ErrorSpec, MetaSpec, RetryClass, Severity,
};

use ChangeKind::*;
use Severity::{Additive, Breaking, Docs};

/// A 404 `permanent` code of `InvoiceError`, with nothing else set.
fn spec(code: &'static str) -> ErrorSpec {
    ErrorSpec::new(code, 404, RetryClass::Permanent, "InvoiceError")
}

fn aliases(names: &[&'static str]) -> Vec<Cow<'static, str>> {
    names.iter().map(|name| Cow::Borrowed(*name)).collect()
}

fn string(name: &'static str) -> MetaSpec {
    MetaSpec::new(name).with_json_type("string")
}

fn note(text: &'static str) -> Option<Cow<'static, str>> {
    Some(Cow::Borrowed(text))
}

/// One before/after pair: the changes `Catalog::diff` must find, in order, and words the
/// reasons must hold between them.
struct Case {
    name: &'static str,
    old: Vec<ErrorSpec>,
    new: Vec<ErrorSpec>,
    expected: Vec<(Severity, &'static str, ChangeKind)>,
    says: Vec<&'static str>,
}

fn case(
    name: &'static str,
    old: Vec<ErrorSpec>,
    new: Vec<ErrorSpec>,
    expected: &[(Severity, &'static str, ChangeKind)],
    says: &[&'static str],
) -> Case {
    Case {
        name,
        old,
        new,
        expected: expected.to_vec(),
        says: says.to_vec(),
    }
}

fn cases() -> Vec<Case> {
    vec![
        // No change.
        case(
            "identical catalogues",
            vec![spec("a"), spec("b")],
            vec![spec("a"), spec("b")],
            &[],
            &[],
        ),
        case("two empty catalogues", vec![], vec![], &[], &[]),
        case(
            "codes reordered",
            vec![spec("a"), spec("b"), spec("c")],
            vec![spec("c"), spec("a"), spec("b")],
            &[],
            &[],
        ),
        case(
            "meta keys reordered",
            vec![spec("a").with_meta(vec![string("x"), MetaSpec::new("y")])],
            vec![spec("a").with_meta(vec![MetaSpec::new("y"), string("x")])],
            &[],
            &[],
        ),
        case(
            "aliases reordered",
            vec![spec("a").with_aliases(aliases(&["x", "y"]))],
            vec![spec("a").with_aliases(aliases(&["y", "x"]))],
            &[],
            &[],
        ),
        case(
            "the same deprecation note",
            vec![spec("a").deprecated(note("use `b`"))],
            vec![spec("a").deprecated(note("use `b`"))],
            &[],
            &[],
        ),
        // Codes removed, renamed, added.
        case(
            "code removed",
            vec![spec("a"), spec("b")],
            vec![spec("a")],
            &[(Breaking, "b", CodeRemoved)],
            &["removed", "no code keeps it as an alias"],
        ),
        case(
            "a deprecated code removed is still a break",
            vec![spec("a").deprecated(None)],
            vec![],
            &[(Breaking, "a", CodeRemoved)],
            &["it was deprecated"],
        ),
        case(
            "code added",
            vec![spec("a")],
            vec![
                spec("a"),
                ErrorSpec::new("b", 429, RetryClass::Throttled, "InvoiceError"),
            ],
            &[(Additive, "b", CodeAdded)],
            &["status 429", "throttled", "unknown code until they update"],
        ),
        case(
            "code added to an empty catalogue",
            vec![],
            vec![spec("a")],
            &[(Additive, "a", CodeAdded)],
            &[],
        ),
        case(
            "a rename with an alias is additive, and the new code is not also an addition",
            vec![spec("invoice_missing")],
            vec![spec("invoice_not_found").with_aliases(aliases(&["invoice_missing"]))],
            &[(Additive, "invoice_missing", CodeRenamed)],
            &[
                "renamed to `invoice_not_found`",
                "keeps `invoice_missing` as an alias",
            ],
        ),
        case(
            "a rename that also changes the status reports both, the status under the new code",
            vec![spec("invoice_missing")],
            vec![
                ErrorSpec::new("invoice_gone", 410, RetryClass::Permanent, "InvoiceError")
                    .with_aliases(aliases(&["invoice_missing"])),
            ],
            &[
                (Additive, "invoice_missing", CodeRenamed),
                (Breaking, "invoice_gone", StatusChanged),
            ],
            &["404 → 410"],
        ),
        case(
            "a rename keeps the old code's other aliases",
            vec![spec("b").with_aliases(aliases(&["a"]))],
            vec![spec("c").with_aliases(aliases(&["b", "a"]))],
            &[(Additive, "b", CodeRenamed)],
            &[],
        ),
        case(
            "a rename that drops the old code's alias breaks it",
            vec![spec("b").with_aliases(aliases(&["a"]))],
            vec![spec("c").with_aliases(aliases(&["b"]))],
            &[(Additive, "b", CodeRenamed), (Breaking, "c", AliasRemoved)],
            &["alias `a` removed"],
        ),
        case(
            "a code merged into one that was there already",
            vec![spec("a"), spec("b")],
            vec![spec("a").with_aliases(aliases(&["b"]))],
            &[(Additive, "b", CodeRenamed)],
            &["merged into `a`"],
        ),
        case(
            "an alias elsewhere does not save a removed code",
            vec![spec("a"), spec("b")],
            vec![spec("a").with_aliases(aliases(&["z"]))],
            &[(Additive, "a", AliasAdded), (Breaking, "b", CodeRemoved)],
            &[],
        ),
        case(
            "a code moved between nested enums is not a removal",
            vec![ErrorSpec::new(
                "card_declined",
                402,
                RetryClass::Permanent,
                "PlatformError",
            )],
            vec![ErrorSpec::new(
                "card_declined",
                402,
                RetryClass::Permanent,
                "BillingError",
            )],
            &[(Docs, "card_declined", TypeMoved)],
            &["moved from `PlatformError` to `BillingError`"],
        ),
        // Status and retry class.
        case(
            "status changed",
            vec![spec("a")],
            vec![ErrorSpec::new(
                "a",
                410,
                RetryClass::Permanent,
                "InvoiceError",
            )],
            &[(Breaking, "a", StatusChanged)],
            &["status 404 → 410", "match on the status"],
        ),
        case(
            "retry class changed, with both pieces of advice",
            vec![ErrorSpec::new(
                "a",
                502,
                RetryClass::Permanent,
                "InvoiceError",
            )],
            vec![ErrorSpec::new(
                "a",
                502,
                RetryClass::Transient,
                "InvoiceError",
            )],
            &[(Breaking, "a", RetryClassChanged)],
            &[
                "permanent → transient",
                RetryClass::Permanent.advice(),
                RetryClass::Transient.advice(),
            ],
        ),
        case(
            "two changes to one code are both reported",
            vec![ErrorSpec::new(
                "a",
                500,
                RetryClass::Transient,
                "InvoiceError",
            )],
            vec![ErrorSpec::new(
                "a",
                503,
                RetryClass::Throttled,
                "InvoiceError",
            )],
            &[
                (Breaking, "a", StatusChanged),
                (Breaking, "a", RetryClassChanged),
            ],
            &["500 → 503", "transient → throttled"],
        ),
        // Retry-After.
        case(
            "retry_after added",
            vec![spec("a")],
            vec![spec("a").with_retry_after(30)],
            &[(Additive, "a", RetryAfterAdded)],
            &["30 s"],
        ),
        case(
            "retry_after removed",
            vec![spec("a").with_retry_after(30)],
            vec![spec("a")],
            &[(Breaking, "a", RetryAfterRemoved)],
            &["30 s", "relying on the fixed delay"],
        ),
        case(
            "retry_after changed",
            vec![spec("a").with_retry_after(30)],
            vec![spec("a").with_retry_after(60)],
            &[(Additive, "a", RetryAfterChanged)],
            &["30 s → 60 s"],
        ),
        case(
            "the same retry_after",
            vec![spec("a").with_retry_after(30)],
            vec![spec("a").with_retry_after(30)],
            &[],
            &[],
        ),
        // Messages and documentation.
        case(
            "message template changed",
            vec![spec("a").with_message("Invoice {0} not found")],
            vec![spec("a").with_message("Invoice {0} does not exist")],
            &[(Docs, "a", MessageChanged)],
            &["\"Invoice {0} not found\" → \"Invoice {0} does not exist\""],
        ),
        case(
            "message set where it was the error's Display",
            vec![spec("a")],
            vec![spec("a").with_message("Not found")],
            &[(Docs, "a", MessageChanged)],
            &["the error's Display → \"Not found\""],
        ),
        case(
            "Unicode in messages is kept as written",
            vec![spec("a").with_message("Facture {0} introuvable")],
            vec![spec("a").with_message("Facture {0} supprimée — réessayez ✓ e\u{301} 請求書")],
            &[(Docs, "a", MessageChanged)],
            &["\"Facture {0} supprimée — réessayez ✓ e\u{301} 請求書\""],
        ),
        case(
            "a message with a line break is still a one-line reason",
            vec![spec("a").with_message("one\nline")],
            vec![spec("a").with_message("two \"lines\"\r\n")],
            &[(Docs, "a", MessageChanged)],
            &["\"one\\nline\" → \"two \\\"lines\\\"\\r\\n\""],
        ),
        case(
            "description added",
            vec![spec("a")],
            vec![spec("a").with_description("The invoice does not exist.")],
            &[(Docs, "a", DescriptionChanged)],
            &["description added"],
        ),
        case(
            "description changed",
            vec![spec("a").with_description("Gone.")],
            vec![spec("a").with_description("Deleted.\n\nFor good.")],
            &[(Docs, "a", DescriptionChanged)],
            &["description changed"],
        ),
        case(
            "solution added",
            vec![spec("a")],
            vec![spec("a").with_solution("Check the id")],
            &[(Docs, "a", SolutionChanged)],
            &["solution added"],
        ),
        case(
            "solution removed",
            vec![spec("a").with_solution("Check the id")],
            vec![spec("a")],
            &[(Docs, "a", SolutionChanged)],
            &["solution removed"],
        ),
        case(
            "challenge set",
            vec![ErrorSpec::new(
                "a",
                401,
                RetryClass::Reauthenticate,
                "AuthError",
            )],
            vec![
                ErrorSpec::new("a", 401, RetryClass::Reauthenticate, "AuthError")
                    .with_www_authenticate("Basic realm=\"admin\""),
            ],
            &[(Additive, "a", ChallengeChanged)],
            &["the default → `Basic realm=\"admin\"`"],
        ),
        case(
            "challenge changed",
            vec![
                ErrorSpec::new("a", 401, RetryClass::Reauthenticate, "AuthError")
                    .with_www_authenticate("Basic"),
            ],
            vec![
                ErrorSpec::new("a", 401, RetryClass::Reauthenticate, "AuthError")
                    .with_www_authenticate("Bearer realm=\"api\""),
            ],
            &[(Additive, "a", ChallengeChanged)],
            &["`Basic` → `Bearer realm=\"api\"`"],
        ),
        // Meta.
        case(
            "meta field added",
            vec![spec("a")],
            vec![spec("a").with_meta(vec![string("invoice_id").with_nullable()])],
            &[(Additive, "a", MetaAdded)],
            &["`invoice_id` added (string or null)"],
        ),
        case(
            "meta field removed",
            vec![spec("a").with_meta(vec![string("invoice_id")])],
            vec![spec("a")],
            &[(Breaking, "a", MetaRemoved)],
            &["`invoice_id` removed"],
        ),
        case(
            "meta field retyped",
            vec![spec("a").with_meta(vec![string("id")])],
            vec![spec("a").with_meta(vec![MetaSpec::new("id").with_json_type("integer")])],
            &[(Breaking, "a", MetaRetyped)],
            &["string → integer"],
        ),
        case(
            "meta field whose type is no longer known",
            vec![spec("a").with_meta(vec![string("owner")])],
            vec![spec("a").with_meta(vec![MetaSpec::new("owner")])],
            &[(Breaking, "a", MetaRetyped)],
            &["string → any JSON value"],
        ),
        case(
            "meta field whose type is now known is a narrowing",
            vec![spec("a").with_meta(vec![MetaSpec::new("owner")])],
            vec![spec("a").with_meta(vec![MetaSpec::new("owner").with_json_type("object")])],
            &[(Additive, "a", MetaTypeDeclared)],
            &["now declared object"],
        ),
        case(
            "meta field made nullable",
            vec![spec("a").with_meta(vec![string("note")])],
            vec![spec("a").with_meta(vec![string("note").with_nullable()])],
            &[(Breaking, "a", MetaNullable)],
            &["may now be null", "expecting string"],
        ),
        case(
            "meta field no longer nullable",
            vec![spec("a").with_meta(vec![string("note").with_nullable()])],
            vec![spec("a").with_meta(vec![string("note")])],
            &[(Additive, "a", MetaNotNullable)],
            &["no longer null"],
        ),
        case(
            "meta field retyped and made nullable: both",
            vec![spec("a").with_meta(vec![string("count")])],
            vec![spec("a").with_meta(vec![
                MetaSpec::new("count").with_json_type("integer").with_nullable(),
            ])],
            &[(Breaking, "a", MetaRetyped), (Breaking, "a", MetaNullable)],
            &[],
        ),
        case(
            "meta field renamed: removed and added",
            vec![spec("a").with_meta(vec![string("id"), string("owner")])],
            vec![spec("a").with_meta(vec![string("invoice_id"), string("owner")])],
            &[(Breaking, "a", MetaRemoved), (Additive, "a", MetaAdded)],
            &["`id` removed", "`invoice_id` added"],
        ),
        // Aliases.
        case(
            "alias added",
            vec![spec("a")],
            vec![spec("a").with_aliases(aliases(&["old_a"]))],
            &[(Additive, "a", AliasAdded)],
            &["alias `old_a` added"],
        ),
        case(
            "alias removed",
            vec![spec("a").with_aliases(aliases(&["old_a"]))],
            vec![spec("a")],
            &[(Breaking, "a", AliasRemoved)],
            &["alias `old_a` removed"],
        ),
        case(
            "alias moved to another code",
            vec![spec("a").with_aliases(aliases(&["x"])), spec("b")],
            vec![spec("a"), spec("b").with_aliases(aliases(&["x"]))],
            &[(Breaking, "a", AliasRemoved), (Additive, "b", AliasAdded)],
            &[],
        ),
        // Deprecation.
        case(
            "deprecated",
            vec![spec("a")],
            vec![spec("a").deprecated(None)],
            &[(Additive, "a", Deprecated)],
            &["not a break"],
        ),
        case(
            "deprecated with a note",
            vec![spec("a")],
            vec![spec("a").deprecated(note("use `b` — it says more"))],
            &[(Additive, "a", Deprecated)],
            &["\"use `b` — it says more\""],
        ),
        case(
            "deprecation removed",
            vec![spec("a").deprecated(note("use `b`"))],
            vec![spec("a")],
            &[(Additive, "a", Undeprecated)],
            &["no longer deprecated"],
        ),
        case(
            "deprecation note changed",
            vec![spec("a").deprecated(note("use `b`"))],
            vec![spec("a").deprecated(note("use `c`"))],
            &[(Additive, "a", DeprecationNoteChanged)],
            &["\"use `b`\" → \"use `c`\""],
        ),
        case(
            "deprecation note added",
            vec![spec("a").deprecated(None)],
            vec![spec("a").deprecated(note("use `c`"))],
            &[(Additive, "a", DeprecationNoteChanged)],
            &["no note → \"use `c`\""],
        ),
        // Order.
        case(
            "every field of one code, in the order of ErrorSpec's fields",
            vec![
                ErrorSpec::new("a", 500, RetryClass::Transient, "PlatformError")
                    .with_retry_after(5)
                    .with_message("Internal error")
                    .with_meta(vec![string("id")])
                    .with_description("Broken.")
                    .with_aliases(aliases(&["x"])),
            ],
            vec![
                ErrorSpec::new("a", 503, RetryClass::Throttled, "BillingError")
                    .with_message("Try later")
                    .with_meta(vec![string("id").with_nullable()])
                    .with_description("Busy.")
                    .with_solution("Wait")
                    .with_www_authenticate("Basic")
                    .with_aliases(aliases(&["y"]))
                    .deprecated(None),
            ],
            &[
                (Breaking, "a", StatusChanged),
                (Breaking, "a", RetryClassChanged),
                (Breaking, "a", RetryAfterRemoved),
                (Docs, "a", MessageChanged),
                (Breaking, "a", MetaNullable),
                (Docs, "a", DescriptionChanged),
                (Docs, "a", SolutionChanged),
                (Docs, "a", TypeMoved),
                (Additive, "a", ChallengeChanged),
                (Breaking, "a", AliasRemoved),
                (Additive, "a", AliasAdded),
                (Additive, "a", Deprecated),
            ],
            &[],
        ),
        case(
            "old catalogue's order, then codes added in the new one's",
            vec![spec("a"), spec("b"), spec("c")],
            vec![spec("d"), spec("c").with_message("C"), spec("b"), spec("e")],
            &[
                (Breaking, "a", CodeRemoved),
                (Docs, "c", MessageChanged),
                (Additive, "d", CodeAdded),
                (Additive, "e", CodeAdded),
            ],
            &[],
        ),
        case(
            "a code declared twice is compared once, by its first spec",
            vec![spec("a"), spec("a").with_message("second")],
            vec![spec("a")],
            &[],
            &[],
        ),
    ]
}

fn found(diff: &CatalogDiff) -> Vec<(Severity, &str, ChangeKind)> {
    diff.changes()
        .iter()
        .map(|change| (change.severity, &*change.code, change.kind))
        .collect()
}

#[test]
fn every_rule_finds_exactly_its_changes() {
    let cases = cases();
    assert!(cases.len() >= 40, "{} cases", cases.len());
    for Case {
        name,
        old,
        new,
        expected,
        says,
    } in cases
    {
        let diff = Catalog::diff(&Catalog::new(old), &Catalog::new(new));
        assert_eq!(found(&diff), expected, "{name}:\n{diff}");
        assert_eq!(diff.is_empty(), expected.is_empty(), "{name}");
        assert_eq!(
            diff.is_breaking(),
            expected.iter().any(|(severity, ..)| *severity == Breaking),
            "{name}"
        );
        for change in diff.changes() {
            assert_eq!(change.severity, change.kind.severity(), "{name}: {change}");
            assert!(!change.reason.trim().is_empty(), "{name}: {change}");
            assert!(
                !change.reason.chars().any(char::is_control),
                "{name}: the reason is not one line: {:?}",
                change.reason
            );
            assert_eq!(change.to_string().lines().count(), 1, "{name}: {change}");
        }
        let reasons: Vec<&str> = diff
            .changes()
            .iter()
            .map(|change| change.reason.as_str())
            .collect();
        let reasons = reasons.join("\n");
        for words in says {
            assert!(
                reasons.contains(words),
                "{name}: {words:?} not in:\n{reasons}"
            );
        }
    }
}

/// One change of each severity: a status changed, a code added, a message changed (with a
/// `|`, which the Markdown table escapes).
fn one_of_each() -> CatalogDiff {
    let old = Catalog::new(vec![
        spec("invoice_not_found").with_message("Invoice {0} not found"),
        ErrorSpec::new("payment_failed", 402, RetryClass::Permanent, "PaymentError")
            .with_message("Payment failed"),
    ]);
    let new = Catalog::new(vec![
        ErrorSpec::new(
            "invoice_not_found",
            410,
            RetryClass::Permanent,
            "InvoiceError",
        )
        .with_message("Invoice {0} not found"),
        ErrorSpec::new("payment_failed", 402, RetryClass::Permanent, "PaymentError")
            .with_message("Payment failed | card declined"),
        ErrorSpec::new("quota_exceeded", 429, RetryClass::Throttled, "QuotaError"),
    ]);
    Catalog::diff(&old, &new)
}

#[test]
fn display_is_one_line_per_change_and_a_summary() {
    assert_eq!(
        one_of_each().to_string(),
        "\
breaking: code `invoice_not_found`: status 404 → 410 (clients that match on the status rather than the code take another branch)
docs: code `payment_failed`: message template \"Payment failed\" → \"Payment failed | card declined\" (text for people: clients match on the code)
additive: code `quota_exceeded`: added (status 429, retry class throttled): clients built before see it as an unknown code until they update
3 changes: 1 breaking, 1 additive, 1 docs"
    );
    assert_eq!(
        Catalog::diff(&Catalog::new(vec![]), &Catalog::new(vec![])).to_string(),
        "no changes"
    );
}

#[test]
fn markdown_has_a_table_per_severity() {
    assert_eq!(
        one_of_each().markdown(),
        "\
## Error contract changes

3 changes: 1 breaking, 1 additive, 1 docs.

### Breaking

| Code | Change | Reason |
|---|---|---|
| `invoice_not_found` | status changed | status 404 → 410 (clients that match on the status rather than the code take another branch) |

### Additive

| Code | Change | Reason |
|---|---|---|
| `quota_exceeded` | code added | added (status 429, retry class throttled): clients built before see it as an unknown code until they update |

### Docs

| Code | Change | Reason |
|---|---|---|
| `payment_failed` | message changed | message template \"Payment failed\" → \"Payment failed \\| card declined\" (text for people: clients match on the code) |
"
    );
}

#[test]
fn json_for_the_command_line() {
    let json = serde_json::to_value(one_of_each()).unwrap();
    assert_eq!(json["breaking"], true);
    let changes: Vec<(&str, &str, &str)> = json["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|change| {
            (
                change["severity"].as_str().unwrap(),
                change["code"].as_str().unwrap(),
                change["kind"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        changes,
        [
            ("breaking", "invoice_not_found", "status_changed"),
            ("docs", "payment_failed", "message_changed"),
            ("additive", "quota_exceeded", "code_added"),
        ]
    );
    assert!(
        json["changes"][0]["reason"]
            .as_str()
            .unwrap()
            .starts_with("status 404 → 410")
    );
    let empty = Catalog::diff(&Catalog::new(vec![]), &Catalog::new(vec![]));
    assert_eq!(
        serde_json::to_value(empty).unwrap(),
        serde_json::json!({"breaking": false, "changes": []})
    );
}

#[test]
fn sorting_by_severity_puts_breaking_first() {
    let diff = one_of_each();
    let mut changes = diff.changes().to_vec();
    changes.sort_by_key(|change| change.severity);
    let severities: Vec<Severity> = changes.iter().map(|change| change.severity).collect();
    assert_eq!(severities, [Breaking, Additive, Docs]);
    assert_eq!(
        (diff.count(Breaking), diff.count(Additive), diff.count(Docs)),
        (1, 1, 1)
    );
}

/// The first release: the card code in the platform's own enum.
mod v1 {
    use error_contract::ApiError;

    #[derive(Debug, thiserror::Error, ApiError)]
    pub enum PlatformError {
        /// The card was declined.
        #[error("card declined")]
        #[api(status = 402, message = "Payment required.")]
        CardDeclined,
    }
}

/// The next: the same code, moved into a nested billing enum the platform forwards to.
mod v2 {
    use error_contract::ApiError;

    #[derive(Debug, thiserror::Error, ApiError)]
    pub enum BillingError {
        /// The card was declined.
        #[error("card declined")]
        #[api(status = 402, message = "Payment required.")]
        CardDeclined,
    }

    #[derive(Debug, thiserror::Error, ApiError)]
    pub enum PlatformError {
        #[error(transparent)]
        #[api(transparent)]
        Billing(#[from] BillingError),
    }
}

#[test]
fn a_derived_code_moved_into_a_nested_enum_is_a_docs_change() {
    let old = Catalog::of::<v1::PlatformError>();
    let new = Catalog::of::<v2::PlatformError>();
    let diff = Catalog::diff(&old, &new);
    assert_eq!(found(&diff), [(Docs, "card_declined", TypeMoved)], "{diff}");
    assert!(!diff.is_breaking());
    assert_eq!(
        v2::PlatformError::Billing(v2::BillingError::CardDeclined).error_code(),
        "card_declined"
    );
}
