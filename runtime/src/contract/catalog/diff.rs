//! [`Catalog::diff`]: every change between two releases of a contract, each with its
//! [`Severity`] and a reason a person understands.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::fmt::{self, Write as _};

use serde::Serialize;
use serde::ser::SerializeStruct as _;

use super::{Catalog, ErrorSpec, MetaSpec};

/// How much a [`CatalogChange`] matters to clients built against the old catalogue, in the
/// order of semantic versioning: a major, a minor or a patch release of the API.
///
/// `Ord` puts the worst first: `Breaking < Additive < Docs`, so sorting changes by severity
/// lists what breaks at the top.
///
/// ```
/// use error_contract::Severity;
///
/// let mut seen = vec![Severity::Docs, Severity::Breaking, Severity::Additive];
/// seen.sort();
/// assert_eq!(seen, [Severity::Breaking, Severity::Additive, Severity::Docs]);
/// assert_eq!(Severity::Breaking.to_string(), "breaking");
/// ```
///
/// Exhaustive: these are semantic versioning's three kinds of release, and a `match` on them
/// needs no wildcard arm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// A client built against the old catalogue may now misbehave or stop compiling: a new
    /// major version of the API.
    Breaking,
    /// Something was added or relaxed; clients built before keep working and may use it once
    /// they update: a minor version.
    Additive,
    /// Only what people read changed (message templates, descriptions, solutions, the Rust
    /// type that declares a code): a patch.
    Docs,
}

impl Severity {
    /// The lowercase name, `"breaking"`, `"additive"` or `"docs"`, as `Display` and serde
    /// write it.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Breaking => "breaking",
            Self::Additive => "additive",
            Self::Docs => "docs",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What kind of change a [`CatalogChange`] is: one variant per rule of [`Catalog::diff`],
/// each with one [`severity`](Self::severity).
///
/// Non-exhaustive: later versions may compare more of a code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ChangeKind {
    /// Breaking: a code is gone, and no code of the new catalogue lists it as an alias.
    CodeRemoved,
    /// Additive: a code is gone from the new catalogue, but a code of it lists the old one
    /// as an alias (`#[api(alias = "old_code")]`), so an updated client still reads it.
    CodeRenamed,
    /// Additive: a new code; clients built before read it as an unknown code until they
    /// update.
    CodeAdded,
    /// Breaking: the HTTP status of a code changed.
    StatusChanged,
    /// Breaking: the [`RetryClass`](crate::RetryClass) changed, and with it what the clients'
    /// policy does.
    RetryClassChanged,
    /// Additive: the code now sends a fixed `Retry-After`.
    RetryAfterAdded,
    /// Additive: the fixed `Retry-After` changed: clients wait another delay, but read the
    /// same header.
    RetryAfterChanged,
    /// Breaking: the code no longer sends a fixed `Retry-After`.
    RetryAfterRemoved,
    /// Docs: the public message or its template changed.
    MessageChanged,
    /// Additive: a key of the code's `"meta"` object was added.
    MetaAdded,
    /// Breaking: a key of the code's `"meta"` object was removed.
    MetaRemoved,
    /// Breaking: the JSON type of a `"meta"` key changed, or is no longer known.
    MetaRetyped,
    /// Additive: the JSON type of a `"meta"` key, unknown before, is now known: a narrowing.
    MetaTypeDeclared,
    /// Breaking: a `"meta"` key may now be `null`.
    MetaNullable,
    /// Additive: a `"meta"` key is no longer `null`: a narrowing.
    MetaNotNullable,
    /// Docs: the description (the catalogue's "Cause") changed.
    DescriptionChanged,
    /// Docs: the solution changed.
    SolutionChanged,
    /// Docs: the code moved to another Rust type (nested enums); the wire is the same.
    TypeMoved,
    /// Additive: the 401's `WWW-Authenticate` challenge changed.
    ChallengeChanged,
    /// Additive: the code gained an alias.
    AliasAdded,
    /// Breaking: the code lost an alias.
    AliasRemoved,
    /// Additive: the code is now deprecated: a warning, not a break.
    Deprecated,
    /// Additive: the code is no longer deprecated.
    Undeprecated,
    /// Additive: the note of a deprecated code changed.
    DeprecationNoteChanged,
}

impl ChangeKind {
    /// The severity of this kind of change, the one table of [`Catalog::diff`]'s decisions.
    ///
    /// ```
    /// use error_contract::{ChangeKind, Severity};
    ///
    /// assert_eq!(ChangeKind::StatusChanged.severity(), Severity::Breaking);
    /// assert_eq!(ChangeKind::CodeRenamed.severity(), Severity::Additive);
    /// assert_eq!(ChangeKind::TypeMoved.severity(), Severity::Docs);
    /// ```
    pub const fn severity(self) -> Severity {
        match self {
            Self::CodeRemoved
            | Self::StatusChanged
            | Self::RetryClassChanged
            | Self::RetryAfterRemoved
            | Self::MetaRemoved
            | Self::MetaRetyped
            | Self::MetaNullable
            | Self::AliasRemoved => Severity::Breaking,
            Self::CodeRenamed
            | Self::CodeAdded
            | Self::RetryAfterAdded
            | Self::RetryAfterChanged
            | Self::MetaAdded
            | Self::MetaTypeDeclared
            | Self::MetaNotNullable
            | Self::ChallengeChanged
            | Self::AliasAdded
            | Self::Deprecated
            | Self::Undeprecated
            | Self::DeprecationNoteChanged => Severity::Additive,
            Self::MessageChanged
            | Self::DescriptionChanged
            | Self::SolutionChanged
            | Self::TypeMoved => Severity::Docs,
        }
    }

    /// The `snake_case` name serde writes, such as `"status_changed"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::CodeRemoved => "code_removed",
            Self::CodeRenamed => "code_renamed",
            Self::CodeAdded => "code_added",
            Self::StatusChanged => "status_changed",
            Self::RetryClassChanged => "retry_class_changed",
            Self::RetryAfterAdded => "retry_after_added",
            Self::RetryAfterChanged => "retry_after_changed",
            Self::RetryAfterRemoved => "retry_after_removed",
            Self::MessageChanged => "message_changed",
            Self::MetaAdded => "meta_added",
            Self::MetaRemoved => "meta_removed",
            Self::MetaRetyped => "meta_retyped",
            Self::MetaTypeDeclared => "meta_type_declared",
            Self::MetaNullable => "meta_nullable",
            Self::MetaNotNullable => "meta_not_nullable",
            Self::DescriptionChanged => "description_changed",
            Self::SolutionChanged => "solution_changed",
            Self::TypeMoved => "type_moved",
            Self::ChallengeChanged => "challenge_changed",
            Self::AliasAdded => "alias_added",
            Self::AliasRemoved => "alias_removed",
            Self::Deprecated => "deprecated",
            Self::Undeprecated => "undeprecated",
            Self::DeprecationNoteChanged => "deprecation_note_changed",
        }
    }
}

/// The words of the name: `status_changed` is shown as `status changed`.
impl fmt::Display for ChangeKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, word) in self.as_str().split('_').enumerate() {
            if index > 0 {
                f.write_char(' ')?;
            }
            f.write_str(word)?;
        }
        Ok(())
    }
}

/// One change of a [`CatalogDiff`].
///
/// Non-exhaustive: later versions may say more about a change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct CatalogChange {
    /// How much it matters: always [`kind.severity()`](ChangeKind::severity).
    pub severity: Severity,
    /// The code it is about: the old code for [`ChangeKind::CodeRemoved`] and
    /// [`ChangeKind::CodeRenamed`], the new one for a renamed code's other changes.
    pub code: Cow<'static, str>,
    /// The rule that found it.
    pub kind: ChangeKind,
    /// What changed and what it does to clients, on one line (control characters in the
    /// catalogue's text are escaped): `status 404 → 410 (…)`.
    pub reason: String,
}

/// A line such as ``breaking: code `invoice_not_found`: status 404 → 410 (…)``.
impl fmt::Display for CatalogChange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: code `{}`: {}",
            self.severity, self.code, self.reason
        )
    }
}

/// Every change between two catalogues, from [`Catalog::diff`]: for each code of the old
/// catalogue in its order, what happened to it (in the order of [`ErrorSpec`]'s fields),
/// then the codes added, in the new catalogue's order.
///
/// `Display` writes one line per change and a summary; [`markdown`](Self::markdown) a table
/// per severity; serde a JSON object, `{"breaking": true, "changes": [{"severity":
/// "breaking", "code": "…", "kind": "status_changed", "reason": "…"}]}`.
///
/// ```
/// use error_contract::{Catalog, ErrorSpec, RetryClass};
///
/// let old = Catalog::new(vec![ErrorSpec::new("invoice_gone", 404, RetryClass::Permanent, "InvoiceError")]);
/// let new = Catalog::new(vec![ErrorSpec::new("invoice_gone", 410, RetryClass::Permanent, "InvoiceError")]);
/// let diff = Catalog::diff(&old, &new);
/// let json: serde_json::Value = serde_json::to_value(&diff).unwrap();
/// assert_eq!(json["breaking"], true);
/// assert_eq!(json["changes"][0]["severity"], "breaking");
/// assert_eq!(json["changes"][0]["kind"], "status_changed");
/// assert_eq!(json["changes"][0]["code"], "invoice_gone");
/// ```
///
/// Non-exhaustive: later versions may hold more than the list of changes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct CatalogDiff {
    changes: Vec<CatalogChange>,
}

impl CatalogDiff {
    /// Every change, in the order described on [`CatalogDiff`].
    pub fn changes(&self) -> &[CatalogChange] {
        &self.changes
    }

    /// Whether some change breaks clients built against the old catalogue.
    pub fn is_breaking(&self) -> bool {
        self.changes
            .iter()
            .any(|change| change.severity == Severity::Breaking)
    }

    /// Whether the two catalogues say the same thing (their codes may be in another order).
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// How many changes have this severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.changes
            .iter()
            .filter(|change| change.severity == severity)
            .count()
    }

    /// The changes for a pull request or a changelog: a `##` heading, the summary, then for
    /// each severity that has changes a `###` section with a table of code, change and reason
    /// (`|` in a reason is escaped).
    ///
    /// ```
    /// use error_contract::{Catalog, ErrorSpec, RetryClass};
    ///
    /// let old = Catalog::new(vec![ErrorSpec::new("quota_exceeded", 429, RetryClass::Throttled, "QuotaError")]);
    /// let new = Catalog::new(vec![
    ///     ErrorSpec::new("quota_exceeded", 429, RetryClass::Throttled, "QuotaError").with_retry_after(60),
    /// ]);
    /// let expected = [
    ///     "## Error contract changes",
    ///     "",
    ///     "1 change: 0 breaking, 1 additive, 0 docs.",
    ///     "",
    ///     "### Additive",
    ///     "",
    ///     "| Code | Change | Reason |",
    ///     "|---|---|---|",
    ///     "| `quota_exceeded` | retry after added | fixed Retry-After of 60 s added: clients that \
    ///      honour it wait that long before retrying; the contract's shape is unchanged |",
    ///     "",
    /// ];
    /// assert_eq!(Catalog::diff(&old, &new).markdown(), expected.join("\n"));
    /// assert_eq!(
    ///     Catalog::diff(&old, &old).markdown(),
    ///     "## Error contract changes\n\nNo changes.\n",
    /// );
    /// ```
    pub fn markdown(&self) -> String {
        let mut out = String::from("## Error contract changes\n\n");
        if self.is_empty() {
            out.push_str("No changes.\n");
            return out;
        }
        let _ = writeln!(out, "{}.", Summary(self));
        for (severity, title) in [
            (Severity::Breaking, "Breaking"),
            (Severity::Additive, "Additive"),
            (Severity::Docs, "Docs"),
        ] {
            let mut members = self
                .changes
                .iter()
                .filter(|change| change.severity == severity)
                .peekable();
            if members.peek().is_none() {
                continue;
            }
            let _ = write!(
                out,
                "\n### {title}\n\n| Code | Change | Reason |\n|---|---|---|\n"
            );
            for change in members {
                let _ = writeln!(
                    out,
                    "| `{}` | {} | {} |",
                    cell(&change.code),
                    change.kind,
                    cell(&change.reason)
                );
            }
        }
        out
    }
}

/// One line per change, then `3 changes: 1 breaking, 1 additive, 1 docs`; `no changes` when
/// there are none.
///
/// ```
/// use error_contract::{Catalog, ErrorSpec, RetryClass};
///
/// let old = Catalog::new(vec![ErrorSpec::new("invoice_gone", 404, RetryClass::Permanent, "InvoiceError")]);
/// let new = Catalog::new(vec![ErrorSpec::new("invoice_gone", 410, RetryClass::Permanent, "InvoiceError")]);
/// assert_eq!(
///     Catalog::diff(&old, &new).to_string(),
///     "breaking: code `invoice_gone`: status 404 → 410 (clients that match on the status \
///      rather than the code take another branch)\n\
///      1 change: 1 breaking, 0 additive, 0 docs",
/// );
/// assert_eq!(Catalog::diff(&old, &old).to_string(), "no changes");
/// ```
impl fmt::Display for CatalogDiff {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_empty() {
            return f.write_str("no changes");
        }
        for change in &self.changes {
            writeln!(f, "{change}")?;
        }
        write!(f, "{}", Summary(self))
    }
}

impl Serialize for CatalogDiff {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut out = serializer.serialize_struct("CatalogDiff", 2)?;
        out.serialize_field("breaking", &self.is_breaking())?;
        out.serialize_field("changes", &self.changes)?;
        out.end()
    }
}

/// `3 changes: 1 breaking, 1 additive, 1 docs`.
struct Summary<'a>(&'a CatalogDiff);

impl fmt::Display for Summary<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let diff = self.0;
        let total = diff.changes.len();
        write!(
            f,
            "{total} change{s}: {} breaking, {} additive, {} docs",
            diff.count(Severity::Breaking),
            diff.count(Severity::Additive),
            diff.count(Severity::Docs),
            s = if total == 1 { "" } else { "s" },
        )
    }
}

/// Text for a Markdown table cell: `|` escaped.
fn cell(text: &str) -> Cow<'_, str> {
    if text.contains('|') {
        Cow::Owned(text.replace('|', "\\|"))
    } else {
        Cow::Borrowed(text)
    }
}

/// A name (code, alias, meta key, type, challenge) as it appears in a reason, between
/// backticks by the caller: control characters escaped, so the reason stays on one line.
fn name(text: &str) -> Cow<'_, str> {
    if text.chars().any(char::is_control) {
        let mut out = String::with_capacity(text.len() + 8);
        for c in text.chars() {
            if c.is_control() {
                out.extend(c.escape_default());
            } else {
                out.push(c);
            }
        }
        Cow::Owned(out)
    } else {
        Cow::Borrowed(text)
    }
}

/// Free text (a message template, a deprecation note) in double quotes, with `"`, `\` and
/// control characters escaped, and everything else (accents, other scripts, emoji) as it is.
fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.extend(c.escape_default()),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The JSON type of a `"meta"` key, for people: `string`, `string or null`, `any JSON value`.
fn meta_type(meta: &MetaSpec) -> String {
    match (meta.json_type, meta.nullable) {
        (Some(json_type), false) => json_type.to_owned(),
        (Some(json_type), true) => format!("{json_type} or null"),
        (None, _) => String::from("any JSON value"),
    }
}

/// The changes found so far.
struct Changes {
    changes: Vec<CatalogChange>,
}

impl Changes {
    /// A change about `spec`'s code.
    fn push(&mut self, spec: &ErrorSpec, kind: ChangeKind, reason: String) {
        self.changes.push(CatalogChange {
            severity: kind.severity(),
            code: spec.code.clone(),
            kind,
            reason,
        });
    }
}

/// [`Catalog::diff`].
pub(super) fn diff(old: &Catalog, new: &Catalog) -> CatalogDiff {
    // The first spec of each code: `check` reports a code declared twice, not `diff`.
    let mut new_codes: HashMap<&str, &ErrorSpec> = HashMap::with_capacity(new.specs.len());
    for spec in &new.specs {
        new_codes.entry(&*spec.code).or_insert(spec);
    }
    let old_codes: HashSet<&str> = old.specs.iter().map(|spec| &*spec.code).collect();
    // Codes of the old catalogue that are gone as codes but are aliases of a new one.
    let mut alias_owners: HashMap<&str, &ErrorSpec> = HashMap::new();
    for spec in &new.specs {
        for alias in spec.aliases.iter() {
            if old_codes.contains(&**alias) && !new_codes.contains_key(&**alias) {
                alias_owners.entry(&**alias).or_insert(spec);
            }
        }
    }
    let context = Context {
        old_codes: &old_codes,
        new_codes: &new_codes,
    };

    let mut out = Changes {
        changes: Vec::new(),
    };
    let mut seen: HashSet<&str> = HashSet::with_capacity(old.specs.len());
    // New codes whose changes were reported as a rename's, not as additions.
    let mut renamed_to: HashSet<&str> = HashSet::new();
    for before in &old.specs {
        if !seen.insert(&before.code) {
            continue;
        }
        if let Some(after) = new_codes.get(&*before.code) {
            compare(&mut out, &context, before, after);
        } else if let Some(owner) = alias_owners.get(&*before.code) {
            let code = name(&before.code);
            let target = name(&owner.code);
            if old_codes.contains(&*owner.code) {
                // Merged into a code that was there already: that code's own changes are
                // reported where the old catalogue has it.
                out.push(
                    before,
                    ChangeKind::CodeRenamed,
                    format!(
                        "merged into `{target}`, which lists `{code}` as an alias: updated \
                         clients read `{code}` as `{target}`"
                    ),
                );
            } else {
                out.push(
                    before,
                    ChangeKind::CodeRenamed,
                    format!(
                        "renamed to `{target}`, which keeps `{code}` as an alias: updated \
                         clients still accept `{code}`; clients built before see `{target}` \
                         as an unknown code until they update"
                    ),
                );
                renamed_to.insert(&owner.code);
                compare(&mut out, &context, before, owner);
            }
        } else {
            let was = if before.deprecated {
                " (it was deprecated)"
            } else {
                ""
            };
            out.push(
                before,
                ChangeKind::CodeRemoved,
                format!(
                    "removed{was}, and no code keeps it as an alias: updated clients read it \
                     as an unknown code, and code matching on it stops compiling"
                ),
            );
        }
    }
    let mut added: HashSet<&str> = HashSet::new();
    for after in &new.specs {
        if old_codes.contains(&*after.code)
            || renamed_to.contains(&*after.code)
            || !added.insert(&after.code)
        {
            continue;
        }
        out.push(
            after,
            ChangeKind::CodeAdded,
            format!(
                "added (status {}, retry class {}): clients built before see it as an unknown \
                 code until they update",
                after.status, after.retry
            ),
        );
    }
    CatalogDiff {
        changes: out.changes,
    }
}

/// What [`compare`] needs to know of both catalogues.
struct Context<'a> {
    old_codes: &'a HashSet<&'a str>,
    new_codes: &'a HashMap<&'a str, &'a ErrorSpec>,
}

/// The changes from `before` to `after` (the same code, or the code it was renamed to),
/// reported under `after`'s code, in the order of [`ErrorSpec`]'s fields.
fn compare(out: &mut Changes, context: &Context<'_>, before: &ErrorSpec, after: &ErrorSpec) {
    if before.status != after.status {
        out.push(
            after,
            ChangeKind::StatusChanged,
            format!(
                "status {} → {} (clients that match on the status rather than the code take \
                 another branch)",
                before.status, after.status
            ),
        );
    }
    if before.retry != after.retry {
        out.push(
            after,
            ChangeKind::RetryClassChanged,
            format!(
                "retry class {} → {}: the clients' default policy goes from \"{}\" to \"{}\"",
                before.retry,
                after.retry,
                before.retry.advice(),
                after.retry.advice()
            ),
        );
    }
    match (before.retry_after, after.retry_after) {
        (None, Some(seconds)) => out.push(
            after,
            ChangeKind::RetryAfterAdded,
            format!(
                "fixed Retry-After of {seconds} s added: clients that honour it wait that long \
                 before retrying; the contract's shape is unchanged"
            ),
        ),
        (Some(was), Some(now)) if was != now => out.push(
            after,
            ChangeKind::RetryAfterChanged,
            format!(
                "fixed Retry-After {was} s → {now} s: clients that honour it wait {now} s \
                 instead of {was} s before retrying; the contract's shape is unchanged"
            ),
        ),
        (Some(seconds), None) => out.push(
            after,
            ChangeKind::RetryAfterRemoved,
            format!(
                "fixed Retry-After of {seconds} s removed: clients relying on the fixed delay \
                 fall back on their own backoff and may retry sooner"
            ),
        ),
        _ => {}
    }
    if before.message != after.message {
        let text = |message: &Option<Cow<'static, str>>| {
            message
                .as_deref()
                .map_or_else(|| String::from("the error's Display"), quote)
        };
        out.push(
            after,
            ChangeKind::MessageChanged,
            format!(
                "message template {} → {} (text for people: clients match on the code)",
                text(&before.message),
                text(&after.message)
            ),
        );
    }
    compare_meta(out, after, &before.meta, &after.meta);
    if before.description != after.description {
        let what = match (before.description.is_empty(), after.description.is_empty()) {
            (true, _) => "added",
            (_, true) => "removed",
            _ => "changed",
        };
        out.push(
            after,
            ChangeKind::DescriptionChanged,
            format!("description {what} (the catalogue's Cause: documentation only)"),
        );
    }
    if before.solution != after.solution {
        let what = match (&before.solution, &after.solution) {
            (None, _) => "added",
            (_, None) => "removed",
            _ => "changed",
        };
        out.push(
            after,
            ChangeKind::SolutionChanged,
            format!("solution {what} (documentation only)"),
        );
    }
    if before.type_name != after.type_name {
        out.push(
            after,
            ChangeKind::TypeMoved,
            format!(
                "moved from `{}` to `{}`: the same code on the wire, only the Rust type that \
                 declares it changed",
                name(&before.type_name),
                name(&after.type_name)
            ),
        );
    }
    if before.www_authenticate != after.www_authenticate {
        let text = |challenge: &Option<Cow<'static, str>>| {
            challenge.as_deref().map_or_else(
                || String::from("the default"),
                |value| format!("`{}`", name(value)),
            )
        };
        out.push(
            after,
            ChangeKind::ChallengeChanged,
            format!(
                "WWW-Authenticate challenge {} → {}: clients that choose their credentials \
                 from the challenge read the new one",
                text(&before.www_authenticate),
                text(&after.www_authenticate)
            ),
        );
    }
    compare_aliases(out, context, before, after);
    compare_deprecation(out, before, after);
}

/// The keys of `"meta"` of `at`'s code, matched by name (their order in the object does not
/// matter).
fn compare_meta(out: &mut Changes, at: &ErrorSpec, before: &[MetaSpec], after: &[MetaSpec]) {
    fn find<'a>(list: &'a [MetaSpec], key: &str) -> Option<&'a MetaSpec> {
        list.iter().find(|meta| meta.name == key)
    }
    for (index, was) in before.iter().enumerate() {
        if find(&before[..index], &was.name).is_some() {
            continue;
        }
        let key = name(&was.name);
        let Some(now) = find(after, &was.name) else {
            out.push(
                at,
                ChangeKind::MetaRemoved,
                format!(
                    "meta field `{key}` removed: clients reading `meta.{key}` no longer get it"
                ),
            );
            continue;
        };
        match (was.json_type, now.json_type) {
            (Some(old_type), new_type) if new_type != Some(old_type) => out.push(
                at,
                ChangeKind::MetaRetyped,
                format!(
                    "meta field `{key}` retyped {old_type} → {}: clients parsing it as {old_type} \
                     fail",
                    new_type.unwrap_or("any JSON value")
                ),
            ),
            (None, Some(new_type)) => out.push(
                at,
                ChangeKind::MetaTypeDeclared,
                format!(
                    "meta field `{key}` is now declared {new_type} (it was any JSON value): a \
                     narrowing, clients that accepted any value still work"
                ),
            ),
            _ => {}
        }
        match (was.nullable, now.nullable) {
            (false, true) => out.push(
                at,
                ChangeKind::MetaNullable,
                format!(
                    "meta field `{key}` may now be null: clients expecting {} get null",
                    was.json_type.unwrap_or("a value")
                ),
            ),
            (true, false) => out.push(
                at,
                ChangeKind::MetaNotNullable,
                format!(
                    "meta field `{key}` is no longer null: a narrowing, clients that handled \
                     null still work"
                ),
            ),
            _ => {}
        }
    }
    for (index, now) in after.iter().enumerate() {
        if find(before, &now.name).is_some() || find(&after[..index], &now.name).is_some() {
            continue;
        }
        out.push(
            at,
            ChangeKind::MetaAdded,
            format!(
                "meta field `{}` added ({}): clients built before ignore it",
                name(&now.name),
                meta_type(now)
            ),
        );
    }
}

/// The aliases, as sets. An alias that was a code of the old catalogue, gone from the new
/// one, is the rename reported at that code, not an alias added here.
fn compare_aliases(
    out: &mut Changes,
    context: &Context<'_>,
    before: &ErrorSpec,
    after: &ErrorSpec,
) {
    let has = |list: &[Cow<'static, str>], alias: &str| list.iter().any(|item| item == alias);
    for (index, alias) in before.aliases.iter().enumerate() {
        if has(&before.aliases[..index], alias) || has(&after.aliases, alias) {
            continue;
        }
        let alias = name(alias);
        out.push(
            after,
            ChangeKind::AliasRemoved,
            format!(
                "alias `{alias}` removed: updated clients read `{alias}` from servers not yet \
                 updated as an unknown code"
            ),
        );
    }
    for (index, alias) in after.aliases.iter().enumerate() {
        let renamed =
            context.old_codes.contains(&**alias) && !context.new_codes.contains_key(&**alias);
        if renamed || has(&after.aliases[..index], alias) || has(&before.aliases, alias) {
            continue;
        }
        let alias = name(alias);
        out.push(
            after,
            ChangeKind::AliasAdded,
            format!("alias `{alias}` added: updated clients also accept `{alias}` as this code"),
        );
    }
}

/// Deprecation, and the note of a code deprecated in both.
fn compare_deprecation(out: &mut Changes, before: &ErrorSpec, after: &ErrorSpec) {
    match (before.deprecated, after.deprecated) {
        (false, true) => {
            let note = after
                .deprecation_note
                .as_deref()
                .map(|note| format!(" ({})", quote(note)))
                .unwrap_or_default();
            out.push(
                after,
                ChangeKind::Deprecated,
                format!(
                    "deprecated{note}: still sent and decoded, a warning for clients to move \
                     off it, not a break"
                ),
            );
        }
        (true, false) => out.push(
            after,
            ChangeKind::Undeprecated,
            String::from("no longer deprecated: clients may keep using it"),
        ),
        (true, true) if before.deprecation_note != after.deprecation_note => {
            let text = |note: &Option<Cow<'static, str>>| {
                note.as_deref()
                    .map_or_else(|| String::from("no note"), quote)
            };
            out.push(
                after,
                ChangeKind::DeprecationNoteChanged,
                format!(
                    "deprecation note {} → {}: still deprecated, a warning, not a break",
                    text(&before.deprecation_note),
                    text(&after.deprecation_note)
                ),
            );
        }
        _ => {}
    }
}
