//! The error catalogue: every code a type can answer with, documented.

mod diff;
mod json;
mod markdown;
mod snapshot;

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;

use serde::Serialize;

use crate::RetryClass;

pub use diff::{CatalogChange, CatalogDiff, ChangeKind, Severity};
pub use json::CatalogReadError;
pub use snapshot::UPDATE_CATALOG_ENV;

/// One code of a catalogue, as `#[derive(ApiError)]` records it.
///
/// Non-exhaustive: later versions record more about a code. A hand-written
/// [`ErrorCatalog`] builds its specs with [`new`](Self::new) and the `with_*` methods:
///
/// ```
/// use error_contract::{ErrorSpec, RetryClass};
///
/// let spec = ErrorSpec::new("quota_exceeded", 429, RetryClass::Throttled, "QuotaError")
///     .with_retry_after(60)
///     .with_description("The monthly quota is used up.");
/// assert_eq!((&*spec.code, spec.status, spec.retry_after), ("quota_exceeded", 429, Some(60)));
/// assert!(spec.meta.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ErrorSpec {
    /// The `error_code` string.
    pub code: Cow<'static, str>,
    /// The HTTP status.
    pub status: u16,
    /// How a client should react.
    pub retry: RetryClass,
    /// The fixed `Retry-After`, in seconds, if the variant sets one.
    pub retry_after: Option<u64>,
    /// The public message, or its template (`"Invoice {0} not found"`); `None` when it is the
    /// error's `Display`.
    pub message: Option<Cow<'static, str>>,
    /// The keys of the code's `"meta"` object (its `#[api(meta)]` fields), in declaration
    /// order; empty when it sends none, and then left out of [`Catalog::to_json`].
    #[serde(skip_serializing_if = "<[MetaSpec]>::is_empty")]
    pub meta: Cow<'static, [MetaSpec]>,
    /// The cause: the variant's doc comment (empty when it has none).
    pub description: Cow<'static, str>,
    /// What the client should do, from `#[api(solution = "…")]`.
    pub solution: Option<Cow<'static, str>>,
    /// The type that declares this code, such as `"PlatformError"`.
    pub type_name: Cow<'static, str>,
    /// The `WWW-Authenticate` value set by `#[api(www_authenticate = "…")]`; `None` for the
    /// default (`Bearer` on a 401, `Bearer error="invalid_token"` for `invalid_token`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub www_authenticate: Option<Cow<'static, str>>,
    /// Former codes that still mean this one (`#[api(alias = "old_code")]`): a client's
    /// `from_code` accepts them, so a rename is not a break.
    #[serde(skip_serializing_if = "<[Cow<'static, str>]>::is_empty")]
    pub aliases: Cow<'static, [Cow<'static, str>]>,
    /// Whether the code is deprecated (Rust's `#[deprecated]` on its variant).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub deprecated: bool,
    /// The `note` of its `#[deprecated(note = "…")]`, if it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deprecation_note: Option<Cow<'static, str>>,
}

impl ErrorSpec {
    /// A spec with no `Retry-After`, message, description or solution.
    pub const fn new(
        code: &'static str,
        status: u16,
        retry: RetryClass,
        type_name: &'static str,
    ) -> Self {
        Self {
            code: Cow::Borrowed(code),
            status,
            retry,
            retry_after: None,
            message: None,
            meta: Cow::Borrowed(&[]),
            description: Cow::Borrowed(""),
            solution: None,
            type_name: Cow::Borrowed(type_name),
            www_authenticate: None,
            aliases: Cow::Borrowed(&[]),
            deprecated: false,
            deprecation_note: None,
        }
    }

    /// The same spec with the `WWW-Authenticate` challenge its 401 sends instead of the
    /// default.
    #[must_use]
    pub fn with_www_authenticate(mut self, challenge: impl Into<Cow<'static, str>>) -> Self {
        self.www_authenticate = Some(challenge.into());
        self
    }

    /// The same spec with former codes that still mean this one.
    #[must_use]
    pub fn with_aliases(mut self, aliases: impl Into<Cow<'static, [Cow<'static, str>]>>) -> Self {
        self.aliases = aliases.into();
        self
    }

    /// The same spec marked deprecated, with the note of its `#[deprecated]` if any.
    #[must_use]
    pub fn deprecated(mut self, note: Option<Cow<'static, str>>) -> Self {
        self.deprecated = true;
        self.deprecation_note = note;
        self
    }

    /// The same spec with a fixed `Retry-After`, in seconds.
    #[must_use]
    pub fn with_retry_after(mut self, seconds: u64) -> Self {
        self.retry_after = Some(seconds);
        self
    }

    /// The same spec with the keys of its `"meta"` object, in the order they are written.
    ///
    /// ```
    /// use error_contract::{ErrorSpec, MetaSpec, RetryClass};
    ///
    /// let meta = vec![
    ///     MetaSpec::new("external_id").with_json_type("string"),
    ///     MetaSpec::new("owner"),
    /// ];
    /// let spec = ErrorSpec::new("duplicate_external_id", 409, RetryClass::AlreadyExists, "InvoiceError")
    ///     .with_meta(meta);
    /// let names: Vec<&str> = spec.meta.iter().map(|meta| &*meta.name).collect();
    /// assert_eq!(names, ["external_id", "owner"]);
    /// ```
    #[must_use]
    pub fn with_meta(mut self, meta: impl Into<Cow<'static, [MetaSpec]>>) -> Self {
        self.meta = meta.into();
        self
    }

    /// The same spec with a public message or its template (`"Invoice {0} not found"`).
    #[must_use]
    pub fn with_message(mut self, message: impl Into<Cow<'static, str>>) -> Self {
        self.message = Some(message.into());
        self
    }

    /// The same spec with a description of the cause.
    #[must_use]
    pub fn with_description(mut self, description: impl Into<Cow<'static, str>>) -> Self {
        self.description = description.into();
        self
    }

    /// The same spec with what a client should do.
    #[must_use]
    pub fn with_solution(mut self, solution: impl Into<Cow<'static, str>>) -> Self {
        self.solution = Some(solution.into());
        self
    }
}

/// One key of a code's `"meta"` object, as [`ErrorSpec::meta`] lists it: the name of an
/// `#[api(meta)]` field and, where the derive can tell from the field's Rust type, the JSON
/// type of its value.
///
/// The derive knows the type of a field whose Rust type says it plainly: `String`, `&str`,
/// `Cow<str>` and `char` are `"string"`; the integer types `"integer"`; `f32` and `f64`
/// `"number"`; `bool` `"boolean"`; `Vec`, arrays, slices, tuples and the standard sets
/// `"array"`; `HashMap` and `BTreeMap` `"object"`. References, `Box`, `Rc`, `Arc`, `Cow` and
/// `Option` take the type of what they hold, so an `Option<T>` field has `T`'s type, and is
/// [`nullable`](Self::nullable): its `None` is sent as `null`. Any other type (a struct of
/// your own, a type parameter) is `None`: its value may be anything.
///
/// ```
/// use error_contract::{ApiError, Catalog, MetaSpec};
///
/// #[derive(Debug, serde::Serialize, serde::Deserialize)]
/// pub struct Owner {
///     pub id: String,
/// }
///
/// #[derive(Debug, thiserror::Error, ApiError)]
/// pub enum InvoiceError {
///     #[error("external_id {external_id} is taken")]
///     #[api(status = 409, retry = "already_exists", message = "An invoice with external_id {external_id} already exists.")]
///     DuplicateExternalId {
///         #[api(meta)]
///         external_id: String,
///         #[api(meta = "attempts")]
///         tries: Option<u32>,
///         #[api(meta)]
///         owner: Owner,
///         #[api(meta)]
///         previous_owner: Option<Owner>,
///     },
/// }
///
/// let catalog = Catalog::of::<InvoiceError>();
/// let meta = &catalog.get("duplicate_external_id").unwrap().meta;
/// assert_eq!(
///     **meta,
///     [
///         MetaSpec::new("external_id").with_json_type("string"),
///         MetaSpec::new("attempts").with_json_type("integer").with_nullable(),
///         MetaSpec::new("owner"),
///         MetaSpec::new("previous_owner").with_nullable(),
///     ],
/// );
/// ```
///
/// Non-exhaustive: later versions may record more about a key. Build one with
/// [`new`](Self::new), [`with_json_type`](Self::with_json_type) and
/// [`with_nullable`](Self::with_nullable):
///
/// ```
/// use error_contract::MetaSpec;
///
/// let meta = MetaSpec::new("invoice_id").with_json_type("string");
/// assert_eq!((&*meta.name, meta.json_type, meta.nullable), ("invoice_id", Some("string"), false));
/// assert_eq!(
///     serde_json::to_string(&meta).unwrap(),
///     r#"{"name":"invoice_id","json_type":"string"}"#,
/// );
/// assert_eq!(MetaSpec::new("owner").json_type, None);
///
/// // `"nullable"` is written only when it is true.
/// let note = MetaSpec::new("note").with_json_type("string").with_nullable();
/// assert!(note.nullable);
/// assert_eq!(
///     serde_json::to_string(&note).unwrap(),
///     r#"{"name":"note","json_type":"string","nullable":true}"#,
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct MetaSpec {
    /// The key in `"meta"`: the field's name, or the name its `#[api(meta = "…")]` gives.
    pub name: Cow<'static, str>,
    /// The JSON type of the value, one of `"string"`, `"integer"`, `"number"`, `"boolean"`,
    /// `"array"` and `"object"` (JSON Schema's names); `None` when the field's Rust type does
    /// not tell.
    pub json_type: Option<&'static str>,
    /// The value may also be `null`: the field is an `Option`, whose `None` is sent as `null`
    /// (whether or not [`json_type`](Self::json_type) is known). Left out of
    /// [`Catalog::to_json`] when false.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub nullable: bool,
}

impl MetaSpec {
    /// A key whose JSON type is not known, and not `null`.
    pub const fn new(name: &'static str) -> Self {
        Self {
            name: Cow::Borrowed(name),
            json_type: None,
            nullable: false,
        }
    }

    /// The same key with the JSON type of its value (`"string"`, `"integer"`, `"number"`,
    /// `"boolean"`, `"array"` or `"object"`).
    #[must_use]
    pub fn with_json_type(mut self, json_type: &'static str) -> Self {
        self.json_type = Some(json_type);
        self
    }

    /// The same key with a value that may also be `null`, as an `Option` field's is.
    #[must_use]
    pub fn with_nullable(mut self) -> Self {
        self.nullable = true;
        self
    }

    /// Every fact at once, for the derive's `const` lists of keys.
    pub(crate) const fn of_field(
        name: &'static str,
        json_type: Option<&'static str>,
        nullable: bool,
    ) -> Self {
        Self {
            name: Cow::Borrowed(name),
            json_type,
            nullable,
        }
    }
}

/// Types that can list their codes: every derived error, transparent variants inlined.
pub trait ErrorCatalog {
    /// One spec per code, in declaration order.
    fn error_specs() -> Vec<ErrorSpec>;
}

/// A checked, printable list of [`ErrorSpec`]s.
///
/// ```
/// use error_contract::{Catalog, CommonError};
///
/// let catalog = Catalog::of::<CommonError>();
/// assert!(catalog.check().is_ok());
/// assert!(catalog.markdown().contains("### `invalid_token`"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Catalog {
    specs: Vec<ErrorSpec>,
}

impl Catalog {
    /// The catalogue of `T`.
    pub fn of<T: ErrorCatalog + ?Sized>() -> Self {
        Self::new(T::error_specs())
    }

    /// A catalogue of any specs, for instance those of several types put together.
    pub fn new(specs: Vec<ErrorSpec>) -> Self {
        Self { specs }
    }

    /// The specs in declaration order.
    pub fn specs(&self) -> &[ErrorSpec] {
        &self.specs
    }

    /// The spec of one code.
    pub fn get(&self, code: &str) -> Option<&ErrorSpec> {
        self.specs.iter().find(|spec| spec.code == code)
    }

    /// Markdown grouped like the guide's "Common Error Codes": Authentication (401),
    /// Authorization (403), Validation (400, 422), Resource (404, 409, 410), Rate limiting
    /// (429), other Client errors, Server (5xx); each code with Status, Cause, Solution and
    /// Retry lines, and a Meta line listing the keys of its `"meta"` object (with their JSON
    /// types where known, "or null" for a nullable one) when it has any.
    ///
    /// ```
    /// use error_contract::{Catalog, ErrorSpec, MetaSpec, RetryClass};
    ///
    /// let meta = vec![
    ///     MetaSpec::new("invoice_id").with_json_type("string"),
    ///     MetaSpec::new("note").with_json_type("string").with_nullable(),
    ///     MetaSpec::new("owner"),
    /// ];
    /// let catalog = Catalog::new(vec![
    ///     ErrorSpec::new("duplicate_external_id", 409, RetryClass::AlreadyExists, "InvoiceError")
    ///         .with_meta(meta),
    /// ]);
    /// assert!(catalog.markdown().ends_with(
    ///     "\n- Meta: `invoice_id` (string), `note` (string or null), `owner`\n"
    /// ));
    /// ```
    pub fn markdown(&self) -> String {
        markdown::render(&self.specs)
    }

    /// Every change from `old` to `new`, two releases of a contract, each with its
    /// [`Severity`] and a one-line reason:
    ///
    /// - **breaking**: a code removed (unless a code of `new` lists it as an alias: then it
    ///   was renamed, which is additive), its status or retry class changed, its fixed
    ///   `Retry-After` removed, a `"meta"` key removed, retyped or made nullable, an alias
    ///   removed;
    /// - **additive**: a code, an alias or a `"meta"` key added, a rename, a fixed
    ///   `Retry-After` added or changed, a `"meta"` key's type narrowed, the
    ///   `WWW-Authenticate` challenge changed, a code deprecated or undeprecated, or its
    ///   deprecation note changed;
    /// - **docs**: the message template, description or solution changed, or the code moved
    ///   to another Rust type (nested enums: the wire is the same).
    ///
    /// [`ChangeKind`] has one variant per rule, and [`ChangeKind::severity`] the table. Codes
    /// are matched by name, so reordering them is no change; two changes to one code are
    /// both listed. The order: the old catalogue's codes in its order, then the codes added
    /// in the new one's.
    ///
    /// ```
    /// use std::borrow::Cow;
    /// use error_contract::{Catalog, ChangeKind, ErrorSpec, RetryClass, Severity};
    ///
    /// let old = Catalog::new(vec![
    ///     ErrorSpec::new("invoice_missing", 404, RetryClass::Permanent, "InvoiceError"),
    ///     ErrorSpec::new("payment_failed", 402, RetryClass::Permanent, "PaymentError"),
    /// ]);
    /// let new = Catalog::new(vec![
    ///     ErrorSpec::new("invoice_not_found", 404, RetryClass::Permanent, "InvoiceError")
    ///         .with_aliases(vec![Cow::Borrowed("invoice_missing")]),
    ///     ErrorSpec::new("payment_failed", 502, RetryClass::Transient, "PaymentError"),
    /// ]);
    /// let diff = Catalog::diff(&old, &new);
    /// let found: Vec<(Severity, &str, ChangeKind)> = diff
    ///     .changes()
    ///     .iter()
    ///     .map(|change| (change.severity, &*change.code, change.kind))
    ///     .collect();
    /// assert_eq!(found, [
    ///     (Severity::Additive, "invoice_missing", ChangeKind::CodeRenamed),
    ///     (Severity::Breaking, "payment_failed", ChangeKind::StatusChanged),
    ///     (Severity::Breaking, "payment_failed", ChangeKind::RetryClassChanged),
    /// ]);
    /// assert!(diff.is_breaking());
    /// assert!(Catalog::diff(&old, &old).is_empty());
    /// ```
    pub fn diff(old: &Self, new: &Self) -> CatalogDiff {
        diff::diff(old, new)
    }

    /// Checks that no code is declared twice, which the derive cannot see across transparent
    /// nesting: a client could not tell the two apart. Aliases count as codes: an alias equal
    /// to a code, or to another alias, of the same type or another, is declared twice too,
    /// since `from_code` could not tell which code it means.
    ///
    /// ```
    /// use std::borrow::Cow;
    /// use error_contract::{Catalog, ErrorSpec, RetryClass};
    ///
    /// let catalog = Catalog::new(vec![
    ///     ErrorSpec::new("invoice_not_found", 404, RetryClass::Permanent, "InvoiceError")
    ///         .with_aliases(vec![Cow::Borrowed("not_found")]),
    ///     ErrorSpec::new("not_found", 404, RetryClass::Permanent, "CommonError"),
    /// ]);
    /// let error = catalog.check().unwrap_err();
    /// let duplicate = &error.duplicates[0];
    /// assert_eq!((&*duplicate.code, &*duplicate.first, &*duplicate.second), ("not_found", "InvoiceError", "CommonError"));
    /// assert_eq!(duplicate.first_alias_of.as_deref(), Some("invoice_not_found"));
    /// assert_eq!(duplicate.second_alias_of, None);
    /// assert_eq!(
    ///     error.to_string(),
    ///     "error code `not_found` is declared by `InvoiceError` as an alias of `invoice_not_found` \
    ///      and again by `CommonError`; remove the alias or rename the code with #[api(code = \"...\")]",
    /// );
    /// ```
    ///
    /// # Errors
    ///
    /// A [`CatalogError`] listing every code or alias declared more than once, with both
    /// places.
    pub fn check(&self) -> Result<(), CatalogError> {
        // Each name, with the spec that declared it first and whether as an alias.
        let mut first_seen: HashMap<&str, (&ErrorSpec, bool)> =
            HashMap::with_capacity(self.specs.len());
        let mut duplicates = Vec::new();
        for spec in &self.specs {
            let names = std::iter::once((&spec.code, false))
                .chain(spec.aliases.iter().map(|alias| (alias, true)));
            for (name, is_alias) in names {
                if let Some(&(first, first_is_alias)) = first_seen.get(&**name) {
                    duplicates.push(DuplicateCode {
                        code: name.clone(),
                        first: first.type_name.clone(),
                        second: spec.type_name.clone(),
                        first_alias_of: first_is_alias.then(|| first.code.clone()),
                        second_alias_of: is_alias.then(|| spec.code.clone()),
                    });
                } else {
                    first_seen.insert(name, (spec, is_alias));
                }
            }
        }
        if duplicates.is_empty() {
            Ok(())
        } else {
            Err(CatalogError { duplicates })
        }
    }
}

/// What [`Catalog::check`] found wrong.
///
/// Non-exhaustive: later versions may report more kinds of problem.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct CatalogError {
    /// Every code or alias declared more than once, in catalogue order (each spec's code,
    /// then its aliases).
    pub duplicates: Vec<DuplicateCode>,
}

/// One code declared twice, with both places: as a code, or as an alias of another code.
///
/// Non-exhaustive: later versions may say more about the places.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct DuplicateCode {
    /// The code.
    pub code: Cow<'static, str>,
    /// The type that declared it first.
    pub first: Cow<'static, str>,
    /// The type that declared it again.
    pub second: Cow<'static, str>,
    /// `Some(code)` when the first place is an alias, of that code; `None` when it is the
    /// code itself.
    pub first_alias_of: Option<Cow<'static, str>>,
    /// `Some(code)` when the second place is an alias, of that code; `None` when it is the
    /// code itself.
    pub second_alias_of: Option<Cow<'static, str>>,
}

impl fmt::Display for CatalogError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, duplicate) in self.duplicates.iter().enumerate() {
            if index > 0 {
                f.write_str("; ")?;
            }
            write!(
                f,
                "error code `{}` is declared by `{}`",
                duplicate.code, duplicate.first
            )?;
            if let Some(code) = &duplicate.first_alias_of {
                write!(f, " as an alias of `{code}`")?;
            }
            write!(f, " and again by `{}`", duplicate.second)?;
            if let Some(code) = &duplicate.second_alias_of {
                write!(f, " as an alias of `{code}`")?;
            }
            f.write_str(
                match (&duplicate.first_alias_of, &duplicate.second_alias_of) {
                    (None, None) => "; rename one with #[api(code = \"...\")]",
                    (Some(_), Some(_)) => "; keep the alias on one code only",
                    _ => "; remove the alias or rename the code with #[api(code = \"...\")]",
                },
            )?;
        }
        Ok(())
    }
}

impl std::error::Error for CatalogError {}
