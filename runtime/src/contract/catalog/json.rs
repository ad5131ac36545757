//! The catalogue's JSON, format `error-contract-catalog` version 1: [`Catalog::to_json`] writes
//! it, [`Catalog::from_json`] reads it back.
//!
//! Reading takes two passes over the text. The first reads the top-level object and keeps
//! `codes` as the raw text it is; the second reads the codes, once `format` and `version` have
//! said this is a catalogue this crate reads, so a newer version is reported as newer whatever
//! shape its codes have. Every value is first taken as whatever JSON it is (`Found`) and
//! judged afterwards, so a member of the wrong type is reported by name, with its code's index
//! and name, rather than in serde's words; a member given twice is refused where it stands.
//! The stack: what is read nests no deeper than serde_json's limit of 128 levels (the second
//! pass starts one level down, so `codes` meets it one bracket later than the whole text
//! would), and what is skipped (members this version does not know, `codes` in the first
//! pass, what an array holds where an object was due) serde_json skips without recursing.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::Serialize;
use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Value;
use serde_json::value::RawValue;

use super::{Catalog, CatalogError, ErrorSpec, MetaSpec};
use crate::RetryClass;

/// The value of the top-level `format` member.
const FORMAT: &str = "error-contract-catalog";

/// The format version [`Catalog::to_json`] writes and the newest [`Catalog::from_json`] reads.
const VERSION: u64 = 1;

/// Every retry class, in the order the messages list them.
const RETRY_CLASSES: [RetryClass; 6] = [
    RetryClass::NotSent,
    RetryClass::Transient,
    RetryClass::Throttled,
    RetryClass::Reauthenticate,
    RetryClass::AlreadyExists,
    RetryClass::Permanent,
];

/// The place of `class` in [`RETRY_CLASSES`]. A class added to [`RetryClass`] stops the build
/// here until it is listed there, and a new class is a value readers of version 1 refuse: a
/// new format version (see [`Catalog::to_json`]).
const fn listed(class: RetryClass) -> usize {
    match class {
        RetryClass::NotSent => 0,
        RetryClass::Transient => 1,
        RetryClass::Throttled => 2,
        RetryClass::Reauthenticate => 3,
        RetryClass::AlreadyExists => 4,
        RetryClass::Permanent => 5,
    }
}

const _: () = {
    let mut index = 0;
    while index < RETRY_CLASSES.len() {
        assert!(listed(RETRY_CLASSES[index]) == index);
        index += 1;
    }
};

/// The JSON types a `meta` key's `json_type` may name (JSON Schema's names).
const JSON_TYPES: [&str; 6] = ["string", "integer", "number", "boolean", "array", "object"];

/// What [`Catalog::to_json`] writes.
#[derive(Serialize)]
struct Document<'a> {
    format: &'static str,
    version: u64,
    codes: &'a [ErrorSpec],
}

impl Catalog {
    /// The catalogue as JSON, format `error-contract-catalog` version 1, pretty-printed (two
    /// spaces a level, no newline at the end); [`from_json`](Self::from_json) reads it back.
    ///
    /// ```json
    /// {
    ///   "format": "error-contract-catalog",
    ///   "version": 1,
    ///   "codes": [
    ///     {
    ///       "code": "duplicate_external_id",
    ///       "status": 409,
    ///       "retry": "already_exists",
    ///       "retry_after": null,
    ///       "message": "An invoice with external_id {external_id} already exists.",
    ///       "meta": [
    ///         {
    ///           "name": "external_id",
    ///           "json_type": "string"
    ///         }
    ///       ],
    ///       "description": "A resource with this external_id already exists",
    ///       "solution": "Use the existing resource",
    ///       "type_name": "InvoiceError",
    ///       "aliases": [
    ///         "external_id_taken"
    ///       ]
    ///     }
    ///   ]
    /// }
    /// ```
    ///
    /// # The format
    ///
    /// The top level is an object:
    ///
    /// | member | JSON type | meaning |
    /// |---|---|---|
    /// | `format` | string | always `"error-contract-catalog"`: what the file is |
    /// | `version` | integer | the format version, `1` |
    /// | `codes` | array of objects | one object per code, in catalogue order ([`specs`](Self::specs)) |
    ///
    /// Each object of `codes` has these members, in this order ([`ErrorSpec`]'s fields):
    ///
    /// | member | JSON type | left out | meaning |
    /// |---|---|---|---|
    /// | `code` | string | never | the `error_code` string |
    /// | `status` | integer, 400 to 599 | never | the HTTP status |
    /// | `retry` | string | never | the retry class ([`RetryClass`]): `not_sent`, `transient`, `throttled`, `reauthenticate`, `already_exists` or `permanent` |
    /// | `retry_after` | integer or null | never; `null` when the code sets none | the fixed `Retry-After`, in seconds |
    /// | `message` | string or null | never; `null` when the message is the error's `Display` | the public message, or its template (`"Invoice {0} not found"`) |
    /// | `meta` | array of objects (below) | when the code sends no `"meta"` | the keys of the code's `"meta"` object, in the order they are written |
    /// | `description` | string | never; `""` when there is none | the cause: the variant's doc comment |
    /// | `solution` | string or null | never; `null` when there is none | what the client should do |
    /// | `type_name` | string | never | the Rust type that declares the code, such as `"PartnerError"` |
    /// | `www_authenticate` | string | when the code sends the default challenge | the `WWW-Authenticate` value its 401 sends |
    /// | `aliases` | array of strings | when there are none | former codes that still mean this one |
    /// | `deprecated` | boolean | when false | the code is deprecated |
    /// | `deprecation_note` | string | when there is none | the note of its `#[deprecated]` |
    ///
    /// Each object of `meta` ([`MetaSpec`]):
    ///
    /// | member | JSON type | left out | meaning |
    /// |---|---|---|---|
    /// | `name` | string | never | the key in `"meta"` |
    /// | `json_type` | string or null | never; `null` when not known | the JSON type of the value: `string`, `integer`, `number`, `boolean`, `array` or `object` |
    /// | `nullable` | boolean | when false | the value may also be `null` |
    ///
    /// Strings are any Unicode text, escaped as JSON requires and otherwise written as they
    /// are (UTF-8, not `\u` escapes).
    ///
    /// # Stability
    ///
    /// Version 1 may grow: a later release may add members to the top-level object, to a code
    /// or to a `meta` key, and a reader of version 1 ignores members it does not know
    /// ([`from_json`](Self::from_json) does). Anything a reader must understand to read a file
    /// right — a member removed, renamed or retyped, a value outside the lists above (a new
    /// retry class, a new JSON type), a new meaning of a value — is a new version number, which
    /// readers of version 1 refuse rather than misread.
    ///
    /// ```
    /// use error_contract::{Catalog, ErrorSpec, MetaSpec, RetryClass};
    /// use serde_json::json;
    ///
    /// let catalog = Catalog::new(vec![
    ///     ErrorSpec::new("duplicate_external_id", 409, RetryClass::AlreadyExists, "InvoiceError")
    ///         .with_meta(vec![
    ///             MetaSpec::new("invoice_id").with_json_type("string"),
    ///             MetaSpec::new("owner"),
    ///             MetaSpec::new("note").with_json_type("string").with_nullable(),
    ///         ]),
    ///     ErrorSpec::new("invoice_not_found", 404, RetryClass::Permanent, "InvoiceError"),
    /// ]);
    /// let json: serde_json::Value = serde_json::from_str(&catalog.to_json()).unwrap();
    /// assert_eq!((&json["format"], &json["version"]), (&json!("error-contract-catalog"), &json!(1)));
    /// let codes = &json["codes"];
    /// assert_eq!(
    ///     codes[0]["meta"],
    ///     json!([
    ///         {"name": "invoice_id", "json_type": "string"},
    ///         {"name": "owner", "json_type": null},
    ///         {"name": "note", "json_type": "string", "nullable": true},
    ///     ]),
    /// );
    /// assert!(codes[1].get("meta").is_none());
    /// assert_eq!(codes[1]["retry"], "permanent");
    /// assert_eq!(Catalog::from_json(&catalog.to_json()), Ok(catalog));
    /// ```
    pub fn to_json(&self) -> String {
        let document = Document {
            format: FORMAT,
            version: VERSION,
            codes: &self.specs,
        };
        // Cannot fail: every key is a string and no value's `Serialize` fails. Were it to, an
        // empty string, which `from_json` refuses, beats a catalogue without its codes.
        serde_json::to_string_pretty(&document).unwrap_or_default()
    }

    /// Reads a catalogue that [`to_json`](Self::to_json) wrote, of format version 1: the same
    /// catalogue comes back, `Catalog::from_json(&catalog.to_json()) == Ok(catalog)`, for any
    /// catalogue whose statuses are 400 to 599, whose `json_type`s are JSON Schema's names,
    /// and that [`check`](Self::check) accepts.
    ///
    /// Members this version does not know are ignored, wherever they are (the format's
    /// stability promise). A member left out reads as what `to_json` leaves out: `null`,
    /// `""`, an empty list, false; only a code's `code`, `status`, `retry` and `type_name`,
    /// a `meta` key's `name`, and the top level's `format`, `version` and `codes` must be
    /// there. Any input is safe to read: nothing panics, and no nesting exhausts the stack
    /// (what is read is held to serde_json's limit of 128 levels, and what is skipped is
    /// skipped without recursing).
    ///
    /// ```
    /// use error_contract::{Catalog, CommonError};
    ///
    /// let catalog = Catalog::of::<CommonError>();
    /// assert_eq!(Catalog::from_json(&catalog.to_json()), Ok(catalog));
    ///
    /// let error = Catalog::from_json(r#"{"format": "error-contract-catalog", "version": 2, "codes": []}"#)
    ///     .unwrap_err();
    /// assert_eq!(
    ///     error.to_string(),
    ///     "format version 2 is newer than this error-contract reads (1); upgrade error-contract",
    /// );
    /// ```
    ///
    /// # Errors
    ///
    /// A [`CatalogReadError`] saying what is wrong and where, when `text`:
    ///
    /// - is not JSON, or nests deeper than 128 levels (serde_json's line and column);
    /// - gives a member twice in one object (its line and column);
    /// - is not an object whose `format` is `"error-contract-catalog"` (what it is instead);
    /// - has a `version` other than 1, or no `codes` array;
    /// - has a code with a member of the wrong type, a retry class or `json_type` this version
    ///   does not know, or a status outside 400 to 599 (the code's index in `codes` and its
    ///   name);
    /// - declares a code or an alias twice, as [`check`](Self::check) reports
    ///   ([`CatalogReadError::duplicates`]).
    pub fn from_json(text: &str) -> Result<Self, CatalogReadError> {
        let top = serde_json::from_str::<Found<IgnoredAny, Top<'_>>>(text)
            .map_err(|error| CatalogReadError::json(&error, (1, 0)))?;
        let top = match top {
            Found::Object(top) => top,
            Found::Array(_) => {
                return Err(CatalogReadError::document(
                    "not an error-contract catalogue of format version 1 but a JSON array: \
                     this looks like a catalogue written before format version 1; write it \
                     again with `Catalog::to_json`",
                ));
            }
            Found::Scalar(value) => {
                return Err(CatalogReadError::document(format!(
                    "not an error-contract catalogue but {}: a catalogue is an object with \
                     `\"format\": \"{FORMAT}\"`",
                    described(&value),
                )));
            }
        };
        match top.format {
            Some(Value::String(format)) if format == FORMAT => {}
            None => {
                return Err(CatalogReadError::document(format!(
                    "not an error-contract catalogue: the object has no `format` (a catalogue \
                     has `\"format\": \"{FORMAT}\"`)"
                )));
            }
            Some(other) => {
                return Err(CatalogReadError::document(format!(
                    "not an error-contract catalogue: `format` is {}, not \"{FORMAT}\"",
                    described(&other),
                )));
            }
        }
        match top.version {
            Some(version) if version.as_u64() == Some(VERSION) => {}
            None => {
                return Err(CatalogReadError::document(
                    "the catalogue has no `version` (its format version)",
                ));
            }
            Some(version) => {
                return Err(CatalogReadError::document(match version.as_u64() {
                    Some(newer) if newer > VERSION => format!(
                        "format version {newer} is newer than this error-contract reads \
                         ({VERSION}); upgrade error-contract"
                    ),
                    _ => format!(
                        "`version` is {}, not a format version (this error-contract reads \
                         version {VERSION})",
                        described(&version),
                    ),
                }));
            }
        }
        let Some(codes) = top.codes else {
            return Err(CatalogReadError::document(
                "the catalogue has no `codes` (the array of its codes)",
            ));
        };
        let codes =
            serde_json::from_str::<Found<Found<IgnoredAny, RawCode>, IgnoredAny>>(codes.get())
                .map_err(|error| CatalogReadError::json(&error, start_of(text, codes.get())))?;
        let Found::Array(codes) = codes else {
            return Err(CatalogReadError::document(format!(
                "`codes` must be an array, found {}",
                codes.described(),
            )));
        };
        let specs = codes
            .into_iter()
            .enumerate()
            .map(|(index, code)| spec_of(index, code))
            .collect::<Result<Vec<_>, _>>()?;
        let catalog = Self::new(specs);
        catalog.check().map_err(|duplicates| CatalogReadError {
            problem: Problem::Duplicates(duplicates),
        })?;
        Ok(catalog)
    }
}

/// Why [`Catalog::from_json`] could not read a catalogue. Its `Display` says what is wrong and
/// where: serde_json's line and column for text that is not JSON, the index in `codes` and the
/// name of a code that is wrong.
///
/// ```
/// use error_contract::Catalog;
///
/// let error = Catalog::from_json(r#"{"format": "error-contract-catalog", "version": 1, "codes": [
///     {"code": "gone", "status": 200, "retry": "permanent", "type_name": "ShopError"}
/// ]}"#)
/// .unwrap_err();
/// assert_eq!(error.to_string(), "codes[0] (`gone`): `status` 200 is outside 400..=599");
/// ```
///
/// Non-exhaustive: later versions may say more about what went wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct CatalogReadError {
    problem: Problem,
}

/// What [`CatalogReadError`] reports.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Problem {
    /// serde_json refused the text: `syntax` when it is not JSON or nests too deep, not when a
    /// member is given twice. `message` is serde_json's, without its place.
    Json {
        syntax: bool,
        message: String,
        line: usize,
        column: usize,
    },
    /// JSON, but not a catalogue of format version 1: the whole sentence.
    Document(String),
    /// A code of `codes` is wrong: its index, its name (shown) when it has one, and what.
    Code {
        index: usize,
        code: Option<String>,
        problem: String,
    },
    /// A code or an alias is declared twice.
    Duplicates(CatalogError),
}

impl CatalogReadError {
    /// The codes and aliases declared more than once, when that is what is wrong: the text is
    /// a catalogue, and [`Catalog::check`] refuses it.
    ///
    /// ```
    /// use error_contract::Catalog;
    ///
    /// let code = r#"{"code": "gone", "status": 410, "retry": "permanent", "type_name": "ShopError"}"#;
    /// let text = format!(r#"{{"format": "error-contract-catalog", "version": 1, "codes": [{code}, {code}]}}"#);
    /// let error = Catalog::from_json(&text).unwrap_err();
    /// assert_eq!(error.duplicates().unwrap().duplicates[0].code, "gone");
    /// assert!(Catalog::from_json("[]").unwrap_err().duplicates().is_none());
    /// ```
    pub fn duplicates(&self) -> Option<&CatalogError> {
        match &self.problem {
            Problem::Duplicates(duplicates) => Some(duplicates),
            _ => None,
        }
    }

    /// serde_json's error, for text whose first byte is at `start` (line, column) of the
    /// whole text.
    fn json(error: &serde_json::Error, start: (usize, usize)) -> Self {
        let whole = error.to_string();
        let place = format!(" at line {} column {}", error.line(), error.column());
        let message = whole.strip_suffix(&place).unwrap_or(&whole).to_owned();
        let (line, column) = match error.line() {
            0 => (0, 0),
            1 => (start.0, start.1 + error.column()),
            line => (start.0 + line - 1, error.column()),
        };
        Self {
            problem: Problem::Json {
                syntax: !error.is_data(),
                message,
                line,
                column,
            },
        }
    }

    fn document(sentence: impl Into<String>) -> Self {
        Self {
            problem: Problem::Document(sentence.into()),
        }
    }

    fn code(index: usize, code: Option<&str>, problem: String) -> Self {
        Self {
            problem: Problem::Code {
                index,
                code: code.map(shown),
                problem,
            },
        }
    }
}

impl fmt::Display for CatalogReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.problem {
            Problem::Json {
                syntax,
                message,
                line,
                column,
            } => {
                if *syntax && message == "recursion limit exceeded" {
                    f.write_str("nested too deep: ")?;
                } else if *syntax {
                    f.write_str("not JSON: ")?;
                }
                if *line == 0 {
                    f.write_str(message)
                } else {
                    write!(f, "{message} at line {line} column {column}")
                }
            }
            Problem::Document(sentence) => f.write_str(sentence),
            Problem::Code {
                index,
                code: Some(code),
                problem,
            } => write!(f, "codes[{index}] (`{code}`): {problem}"),
            Problem::Code {
                index,
                code: None,
                problem,
            } => write!(f, "codes[{index}]: {problem}"),
            Problem::Duplicates(duplicates) => fmt::Display::fmt(duplicates, f),
        }
    }
}

impl std::error::Error for CatalogReadError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.problem {
            Problem::Duplicates(duplicates) => Some(duplicates),
            _ => None,
        }
    }
}

/// The (line, column) of `part`'s first byte in `text`, as serde_json counts them (lines from
/// 1, columns the bytes before it on its line); (1, 0) if `part` is not inside `text`.
fn start_of(text: &str, part: &str) -> (usize, usize) {
    let offset = part.as_ptr().addr().wrapping_sub(text.as_ptr().addr());
    let Some(before) = text.as_bytes().get(..offset) else {
        return (1, 0);
    };
    // One more line than newlines; the column is the length of the last.
    before
        .split(|&byte| byte == b'\n')
        .fold((0, 0), |(lines, _), line| (lines + 1, line.len()))
}

/// `text` for a message: its first 60 characters, escaped as in Rust source, so a hostile
/// catalogue cannot fill or garble a terminal.
fn shown(text: &str) -> String {
    let mut shown: String = text.chars().take(60).flat_map(char::escape_debug).collect();
    if text.chars().nth(60).is_some() {
        shown.push('…');
    }
    shown
}

/// A scalar for a message: `null`, `true`, `the number 4.5`, `the string "…"`.
fn described(value: &Value) -> String {
    match value {
        Value::Null => String::from("null"),
        Value::Bool(flag) => flag.to_string(),
        Value::Number(number) => format!("the number {number}"),
        Value::String(text) => format!("the string \"{}\"", shown(text)),
        Value::Array(_) => String::from("an array"),
        Value::Object(_) => String::from("an object"),
    }
}

/// "`member` must be `expected`, found …".
fn wrong(member: &str, expected: &str, found: &str) -> String {
    format!("`{member}` must be {expected}, found {found}")
}

/// Any JSON value, read without judging it: a scalar as it is, an array of `E`s, an object as
/// `O` reads it.
enum Found<E, O> {
    Scalar(Value),
    Array(Vec<E>),
    Object(O),
}

impl<E, O> Found<E, O> {
    fn described(&self) -> String {
        match self {
            Self::Scalar(value) => described(value),
            Self::Array(_) => String::from("an array"),
            Self::Object(_) => String::from("an object"),
        }
    }
}

/// The reading of an object, member by member.
trait FromMap<'de>: Sized {
    fn from_map<A: MapAccess<'de>>(map: A) -> Result<Self, A::Error>;
}

/// An object of no interest, skipped.
impl<'de> FromMap<'de> for IgnoredAny {
    fn from_map<A: MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(IgnoredAny)
    }
}

impl<'de, E: Deserialize<'de>, O: FromMap<'de>> Deserialize<'de> for Found<E, O> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(FoundVisitor(PhantomData))
    }
}

struct FoundVisitor<E, O>(PhantomData<fn() -> (E, O)>);

impl<'de, E: Deserialize<'de>, O: FromMap<'de>> Visitor<'de> for FoundVisitor<E, O> {
    type Value = Found<E, O>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_unit<Error: de::Error>(self) -> Result<Self::Value, Error> {
        Ok(Found::Scalar(Value::Null))
    }

    fn visit_bool<Error: de::Error>(self, flag: bool) -> Result<Self::Value, Error> {
        Ok(Found::Scalar(Value::Bool(flag)))
    }

    fn visit_u64<Error: de::Error>(self, number: u64) -> Result<Self::Value, Error> {
        Ok(Found::Scalar(Value::from(number)))
    }

    fn visit_i64<Error: de::Error>(self, number: i64) -> Result<Self::Value, Error> {
        Ok(Found::Scalar(Value::from(number)))
    }

    fn visit_f64<Error: de::Error>(self, number: f64) -> Result<Self::Value, Error> {
        Ok(Found::Scalar(Value::from(number)))
    }

    fn visit_str<Error: de::Error>(self, text: &str) -> Result<Self::Value, Error> {
        Ok(Found::Scalar(Value::String(text.to_owned())))
    }

    fn visit_string<Error: de::Error>(self, text: String) -> Result<Self::Value, Error> {
        Ok(Found::Scalar(Value::String(text)))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Found::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        O::from_map(map).map(Found::Object)
    }
}

/// Reads the value of `name` into `slot`, refusing a member given twice.
fn member<'de, A: MapAccess<'de>, T: Deserialize<'de>>(
    map: &mut A,
    slot: &mut Option<T>,
    name: &str,
) -> Result<(), A::Error> {
    if slot.is_some() {
        return Err(de::Error::custom(format_args!(
            "the member `{name}` is given twice in one object"
        )));
    }
    *slot = Some(map.next_value()?);
    Ok(())
}

/// The top-level object, `codes` kept as raw text.
struct Top<'a> {
    format: Option<Value>,
    version: Option<Value>,
    codes: Option<&'a RawValue>,
}

impl<'de> FromMap<'de> for Top<'de> {
    fn from_map<A: MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
        let mut top = Top {
            format: None,
            version: None,
            codes: None,
        };
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            match &*key {
                "format" => member(&mut map, &mut top.format, "format")?,
                "version" => member(&mut map, &mut top.version, "version")?,
                "codes" => member(&mut map, &mut top.codes, "codes")?,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(top)
    }
}

/// One object of `codes`, each member as it was found.
#[derive(Default)]
struct RawCode {
    code: Option<Value>,
    status: Option<Value>,
    retry: Option<Value>,
    retry_after: Option<Value>,
    message: Option<Value>,
    meta: Option<Found<Found<IgnoredAny, RawMeta>, IgnoredAny>>,
    description: Option<Value>,
    solution: Option<Value>,
    type_name: Option<Value>,
    www_authenticate: Option<Value>,
    aliases: Option<Found<Value, IgnoredAny>>,
    deprecated: Option<Value>,
    deprecation_note: Option<Value>,
}

impl<'de> FromMap<'de> for RawCode {
    fn from_map<A: MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
        let mut raw = Self::default();
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            let map = &mut map;
            match &*key {
                "code" => member(map, &mut raw.code, "code")?,
                "status" => member(map, &mut raw.status, "status")?,
                "retry" => member(map, &mut raw.retry, "retry")?,
                "retry_after" => member(map, &mut raw.retry_after, "retry_after")?,
                "message" => member(map, &mut raw.message, "message")?,
                "meta" => member(map, &mut raw.meta, "meta")?,
                "description" => member(map, &mut raw.description, "description")?,
                "solution" => member(map, &mut raw.solution, "solution")?,
                "type_name" => member(map, &mut raw.type_name, "type_name")?,
                "www_authenticate" => member(map, &mut raw.www_authenticate, "www_authenticate")?,
                "aliases" => member(map, &mut raw.aliases, "aliases")?,
                "deprecated" => member(map, &mut raw.deprecated, "deprecated")?,
                "deprecation_note" => member(map, &mut raw.deprecation_note, "deprecation_note")?,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(raw)
    }
}

/// One object of a code's `meta`, each member as it was found.
#[derive(Default)]
struct RawMeta {
    name: Option<Value>,
    json_type: Option<Value>,
    nullable: Option<Value>,
}

impl<'de> FromMap<'de> for RawMeta {
    fn from_map<A: MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
        let mut raw = Self::default();
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            match &*key {
                "name" => member(&mut map, &mut raw.name, "name")?,
                "json_type" => member(&mut map, &mut raw.json_type, "json_type")?,
                "nullable" => member(&mut map, &mut raw.nullable, "nullable")?,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(raw)
    }
}

/// The spec of `codes[index]`.
fn spec_of(index: usize, found: Found<IgnoredAny, RawCode>) -> Result<ErrorSpec, CatalogReadError> {
    let raw = match found {
        Found::Object(raw) => raw,
        other => {
            return Err(CatalogReadError::code(
                index,
                None,
                format!("must be an object, found {}", other.described()),
            ));
        }
    };
    let code = match raw.code {
        Some(Value::String(code)) => code,
        None => return Err(CatalogReadError::code(index, None, "has no `code`".into())),
        Some(other) => {
            return Err(CatalogReadError::code(
                index,
                None,
                wrong("code", "a string", &described(&other)),
            ));
        }
    };
    let read = || -> Result<ErrorSpec, String> {
        Ok(ErrorSpec {
            code: Cow::Borrowed(""),
            status: status(raw.status)?,
            retry: retry(raw.retry)?,
            retry_after: retry_after(raw.retry_after)?,
            message: text_or_null("message", raw.message)?,
            meta: Cow::Owned(meta(raw.meta)?),
            description: Cow::Owned(text("description", raw.description)?.unwrap_or_default()),
            solution: text_or_null("solution", raw.solution)?,
            type_name: Cow::Owned(
                text("type_name", raw.type_name)?
                    .ok_or_else(|| String::from("has no `type_name`"))?,
            ),
            www_authenticate: text_or_null("www_authenticate", raw.www_authenticate)?,
            aliases: Cow::Owned(aliases(raw.aliases)?),
            deprecated: flag("deprecated", raw.deprecated)?,
            deprecation_note: text_or_null("deprecation_note", raw.deprecation_note)?,
        })
    };
    let mut spec = read().map_err(|problem| CatalogReadError::code(index, Some(&code), problem))?;
    spec.code = Cow::Owned(code);
    Ok(spec)
}

/// A string member: `None` when left out.
fn text(name: &str, value: Option<Value>) -> Result<Option<String>, String> {
    match value {
        None => Ok(None),
        Some(Value::String(text)) => Ok(Some(text)),
        Some(other) => Err(wrong(name, "a string", &described(&other))),
    }
}

/// A string-or-null member: `None` when null or left out.
fn text_or_null(name: &str, value: Option<Value>) -> Result<Option<Cow<'static, str>>, String> {
    match value {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(text)) => Ok(Some(Cow::Owned(text))),
        Some(other) => Err(wrong(name, "a string or null", &described(&other))),
    }
}

/// A boolean member: false when left out.
fn flag(name: &str, value: Option<Value>) -> Result<bool, String> {
    match value {
        None => Ok(false),
        Some(Value::Bool(flag)) => Ok(flag),
        Some(other) => Err(wrong(name, "true or false", &described(&other))),
    }
}

fn status(value: Option<Value>) -> Result<u16, String> {
    let Some(value) = value else {
        return Err(String::from("has no `status`"));
    };
    match &value {
        Value::Number(number) if number.is_u64() || number.is_i64() => number
            .as_u64()
            .and_then(|status| u16::try_from(status).ok())
            .filter(|status| (400..=599).contains(status))
            .ok_or_else(|| format!("`status` {number} is outside 400..=599")),
        other => Err(wrong(
            "status",
            "an integer from 400 to 599",
            &described(other),
        )),
    }
}

fn retry(value: Option<Value>) -> Result<RetryClass, String> {
    match value {
        None => Err(String::from("has no `retry`")),
        Some(Value::String(name)) => RETRY_CLASSES
            .into_iter()
            .find(|class| class.as_str() == name)
            .ok_or_else(|| {
                let known: Vec<&str> = RETRY_CLASSES.iter().map(|class| class.as_str()).collect();
                format!(
                    "`retry` \"{}\" is not a retry class this error-contract knows ({})",
                    shown(&name),
                    known.join(", "),
                )
            }),
        Some(other) => Err(wrong("retry", "a string", &described(&other))),
    }
}

fn retry_after(value: Option<Value>) -> Result<Option<u64>, String> {
    match value {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(number)) if number.is_u64() => Ok(number.as_u64()),
        Some(other) => Err(wrong(
            "retry_after",
            "a whole number of seconds or null",
            &described(&other),
        )),
    }
}

fn aliases(value: Option<Found<Value, IgnoredAny>>) -> Result<Vec<Cow<'static, str>>, String> {
    match value {
        None => Ok(Vec::new()),
        Some(Found::Array(aliases)) => aliases
            .into_iter()
            .enumerate()
            .map(|(index, alias)| match alias {
                Value::String(alias) => Ok(Cow::Owned(alias)),
                other => Err(wrong(
                    &format!("aliases[{index}]"),
                    "a string",
                    &described(&other),
                )),
            })
            .collect(),
        Some(other) => Err(wrong("aliases", "an array of strings", &other.described())),
    }
}

fn meta(
    value: Option<Found<Found<IgnoredAny, RawMeta>, IgnoredAny>>,
) -> Result<Vec<MetaSpec>, String> {
    let keys = match value {
        None => return Ok(Vec::new()),
        Some(Found::Array(keys)) => keys,
        Some(other) => return Err(wrong("meta", "an array of objects", &other.described())),
    };
    keys.into_iter()
        .enumerate()
        .map(|(index, key)| {
            let raw = match key {
                Found::Object(raw) => raw,
                other => {
                    return Err(wrong(
                        &format!("meta[{index}]"),
                        "an object",
                        &other.described(),
                    ));
                }
            };
            let name = match raw.name {
                Some(Value::String(name)) => name,
                None => return Err(format!("meta[{index}]: has no `name`")),
                Some(other) => {
                    return Err(format!(
                        "meta[{index}]: {}",
                        wrong("name", "a string", &described(&other))
                    ));
                }
            };
            let facts = || -> Result<(Option<&'static str>, bool), String> {
                Ok((json_type(raw.json_type)?, flag("nullable", raw.nullable)?))
            };
            let (json_type, nullable) = facts()
                .map_err(|problem| format!("meta[{index}] (`{}`): {problem}", shown(&name)))?;
            Ok(MetaSpec {
                name: Cow::Owned(name),
                json_type,
                nullable,
            })
        })
        .collect()
}

fn json_type(value: Option<Value>) -> Result<Option<&'static str>, String> {
    match value {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(name)) => JSON_TYPES
            .into_iter()
            .find(|known| *known == name)
            .map(Some)
            .ok_or_else(|| {
                format!(
                    "`json_type` \"{}\" is not a JSON type this error-contract knows ({})",
                    shown(&name),
                    JSON_TYPES.join(", "),
                )
            }),
        Some(other) => Err(wrong("json_type", "a string or null", &described(&other))),
    }
}
