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
    /// Retry lines.
    pub fn markdown(&self) -> String {
        markdown::render(&self.specs)
    }

    /// The specs as a pretty-printed JSON array.
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
