//! The error catalogue: every code a type can answer with, documented.

mod markdown;

use std::collections::HashMap;
use std::fmt;

use serde::Serialize;

use crate::RetryClass;

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
/// assert_eq!((spec.code, spec.status, spec.retry_after), ("quota_exceeded", 429, Some(60)));
/// assert!(spec.meta.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ErrorSpec {
    /// The `error_code` string.
    pub code: &'static str,
    /// The HTTP status.
    pub status: u16,
    /// How a client should react.
    pub retry: RetryClass,
    /// The fixed `Retry-After`, in seconds, if the variant sets one.
    pub retry_after: Option<u64>,
    /// The public message, or its template (`"Invoice {0} not found"`); `None` when it is the
    /// error's `Display`.
    pub message: Option<&'static str>,
    /// The keys of the code's `"meta"` object (its `#[api(meta)]` fields), in declaration
    /// order; empty when it sends none, and then left out of [`Catalog::to_json`].
    #[serde(skip_serializing_if = "<[MetaSpec]>::is_empty")]
    pub meta: &'static [MetaSpec],
    /// The cause: the variant's doc comment (empty when it has none).
    pub description: &'static str,
    /// What the client should do, from `#[api(solution = "…")]`.
    pub solution: Option<&'static str>,
    /// The type that declares this code, such as `"PlatformError"`.
    pub type_name: &'static str,
    /// The `WWW-Authenticate` value set by `#[api(www_authenticate = "…")]`; `None` for the
    /// default (`Bearer` on a 401, `Bearer error="invalid_token"` for `invalid_token`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub www_authenticate: Option<&'static str>,
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
            code,
            status,
            retry,
            retry_after: None,
            message: None,
            meta: &[],
            description: "",
            solution: None,
            type_name,
            www_authenticate: None,
        }
    }

    /// The same spec with the `WWW-Authenticate` challenge its 401 sends instead of the
    /// default.
    #[must_use]
    pub const fn with_www_authenticate(self, challenge: &'static str) -> Self {
        Self {
            www_authenticate: Some(challenge),
            ..self
        }
    }

    /// The same spec with a fixed `Retry-After`, in seconds.
    #[must_use]
    pub const fn with_retry_after(self, seconds: u64) -> Self {
        Self {
            retry_after: Some(seconds),
            ..self
        }
    }

    /// The same spec with the keys of its `"meta"` object, in the order they are written.
    ///
    /// ```
    /// use error_contract::{ErrorSpec, MetaSpec, RetryClass};
    ///
    /// const META: &[MetaSpec] = &[
    ///     MetaSpec::new("external_id").with_json_type("string"),
    ///     MetaSpec::new("owner"),
    /// ];
    /// let spec = ErrorSpec::new("duplicate_external_id", 409, RetryClass::AlreadyExists, "InvoiceError")
    ///     .with_meta(META);
    /// let names: Vec<&str> = spec.meta.iter().map(|meta| meta.name).collect();
    /// assert_eq!(names, ["external_id", "owner"]);
    /// ```
    #[must_use]
    pub const fn with_meta(self, meta: &'static [MetaSpec]) -> Self {
        Self { meta, ..self }
    }

    /// The same spec with a public message or its template (`"Invoice {0} not found"`).
    #[must_use]
    pub const fn with_message(self, message: &'static str) -> Self {
        Self {
            message: Some(message),
            ..self
        }
    }

    /// The same spec with a description of the cause.
    #[must_use]
    pub const fn with_description(self, description: &'static str) -> Self {
        Self {
            description,
            ..self
        }
    }

    /// The same spec with what a client should do.
    #[must_use]
    pub const fn with_solution(self, solution: &'static str) -> Self {
        Self {
            solution: Some(solution),
            ..self
        }
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
/// let meta = catalog.get("duplicate_external_id").unwrap().meta;
/// assert_eq!(
///     meta,
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
/// assert_eq!((meta.name, meta.json_type, meta.nullable), ("invoice_id", Some("string"), false));
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct MetaSpec {
    /// The key in `"meta"`: the field's name, or the name its `#[api(meta = "…")]` gives.
    pub name: &'static str,
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
            name,
            json_type: None,
            nullable: false,
        }
    }

    /// The same key with the JSON type of its value (`"string"`, `"integer"`, `"number"`,
    /// `"boolean"`, `"array"` or `"object"`).
    #[must_use]
    pub const fn with_json_type(self, json_type: &'static str) -> Self {
        Self {
            json_type: Some(json_type),
            ..self
        }
    }

    /// The same key with a value that may also be `null`, as an `Option` field's is.
    #[must_use]
    pub const fn with_nullable(self) -> Self {
        Self {
            nullable: true,
            ..self
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
    /// const META: &[MetaSpec] = &[
    ///     MetaSpec::new("invoice_id").with_json_type("string"),
    ///     MetaSpec::new("note").with_json_type("string").with_nullable(),
    ///     MetaSpec::new("owner"),
    /// ];
    /// let catalog = Catalog::new(vec![
    ///     ErrorSpec::new("duplicate_external_id", 409, RetryClass::AlreadyExists, "InvoiceError")
    ///         .with_meta(META),
    /// ]);
    /// assert!(catalog.markdown().ends_with(
    ///     "\n- Meta: `invoice_id` (string), `note` (string or null), `owner`\n"
    /// ));
    /// ```
    pub fn markdown(&self) -> String {
        markdown::render(&self.specs)
    }

    /// The specs as a pretty-printed JSON array. A code with `meta` lists its keys as
    /// `"meta": [{"name": "invoice_id", "json_type": "string"}]` after its `message`
    /// (`"json_type": null` when not known, and `"nullable": true` after it for a key whose
    /// value may be `null`); a code without any has no `"meta"`.
    ///
    /// ```
    /// use error_contract::{Catalog, ErrorSpec, MetaSpec, RetryClass};
    /// use serde_json::json;
    ///
    /// const META: &[MetaSpec] = &[
    ///     MetaSpec::new("invoice_id").with_json_type("string"),
    ///     MetaSpec::new("owner"),
    ///     MetaSpec::new("note").with_json_type("string").with_nullable(),
    /// ];
    /// let catalog = Catalog::new(vec![
    ///     ErrorSpec::new("duplicate_external_id", 409, RetryClass::AlreadyExists, "InvoiceError")
    ///         .with_meta(META),
    ///     ErrorSpec::new("invoice_not_found", 404, RetryClass::Permanent, "InvoiceError"),
    /// ]);
    /// let specs: serde_json::Value = serde_json::from_str(&catalog.to_json()).unwrap();
    /// assert_eq!(
    ///     specs[0]["meta"],
    ///     json!([
    ///         {"name": "invoice_id", "json_type": "string"},
    ///         {"name": "owner", "json_type": null},
    ///         {"name": "note", "json_type": "string", "nullable": true},
    ///     ]),
    /// );
    /// assert!(specs[1].get("meta").is_none());
    /// ```
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(&self.specs).unwrap_or_else(|_| String::from("[]"))
    }

    /// Checks that no code is declared twice, which the derive cannot see across transparent
    /// nesting: a client could not tell the two apart.
    ///
    /// # Errors
    ///
    /// A [`CatalogError`] listing every code declared more than once, with both types.
    pub fn check(&self) -> Result<(), CatalogError> {
        let mut first_seen: HashMap<&str, &ErrorSpec> = HashMap::with_capacity(self.specs.len());
        let mut duplicates = Vec::new();
        for spec in &self.specs {
            if let Some(first) = first_seen.get(spec.code) {
                duplicates.push(DuplicateCode {
                    code: spec.code,
                    first: first.type_name,
                    second: spec.type_name,
                });
            } else {
                first_seen.insert(spec.code, spec);
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
    /// Every code declared more than once, in catalogue order.
    pub duplicates: Vec<DuplicateCode>,
}

/// One code declared twice, with both places.
///
/// Non-exhaustive: later versions may say more about the places.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct DuplicateCode {
    /// The code.
    pub code: &'static str,
    /// The type that declared it first.
    pub first: &'static str,
    /// The type that declared it again.
    pub second: &'static str,
}

impl fmt::Display for CatalogError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, duplicate) in self.duplicates.iter().enumerate() {
            if index > 0 {
                f.write_str("; ")?;
            }
            write!(
                f,
                "error code `{}` is declared by `{}` and again by `{}`; rename one with #[api(code = \"...\")]",
                duplicate.code, duplicate.first, duplicate.second
            )?;
        }
        Ok(())
    }
}

impl std::error::Error for CatalogError {}
