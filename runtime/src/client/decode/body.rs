//! The first reading of an untrusted body: the envelope's own keys, in one pass.
//!
//! The top-level object is visited once. `error`, `error_code`, `detail`, `code` and the
//! problem document's `type` and `title` are kept when they are strings (the first string
//! wins if a key repeats); `details` (and ASP.NET Core's `errors`) are read by the lenient
//! decoder (repeats merge), `meta` by its own; every other key is skipped. What the body was
//! is decided afterwards, in [`decode`].

use std::borrow::Cow;
use std::fmt;

use http::{HeaderMap, StatusCode};
use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::bare;
use super::lenient::DetailsSeed;
use super::limits::{Budget, DetailsLimits};
use super::meta::MetaSeed;
use super::problem;
use super::repair::{self, Repaired};
use crate::Details;
use crate::ErrorCode;
use crate::ErrorEnvelope;
use crate::Meta;

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// The envelope an untrusted body carries, if any; never panics.
///
/// A UTF-8 byte order mark is stripped first. Then, in order:
/// 1. an object with a string `error` or `error_code`, or with a `details` key, is the
///    envelope (a missing or non-string `error` reads as the problem document's `detail` or
///    `title` if there is one, else `""`; a missing `error_code` as the code of a problem's
///    `type`, else `""`);
/// 2. an object with a string `type` or `title` is a problem document (RFC 9457, RFC 7807),
///    read as `problem` describes;
/// 3. an object with a string `detail` is a bare DRF error, normalised by
///    [`bare::detail_body`];
/// 4. under a validation status, any other object, an array or a string is a bare
///    `serializer.errors`, normalised by [`bare::field_errors`];
/// 5. anything else, including invalid JSON, is no envelope.
///
/// A body serde_json rejects for a bad value in it (a lone surrogate, an invalid escape, a
/// raw control character or invalid UTF-8 in a string, a number out of `f64`'s range),
/// wherever it is, is read once more from the copy [`repair`] makes, so the bad value costs
/// only itself. The first reading is all a body that parses costs.
///
/// Returns the envelope with its code as `C`, when `C` knows it. Strings are borrowed from the
/// body while it is read; a known code is then borrowed from `C` (`'static`), so only the
/// message and an unknown code are copied.
///
/// `details` is read within `limits`; the flag returned is whether anything of it was
/// dropped or cut to stay within them.
pub(crate) fn decode<C: ErrorCode>(
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
    limits: DetailsLimits,
) -> Option<(ErrorEnvelope, Option<C>, bool)> {
    let body = body.strip_prefix(UTF8_BOM).unwrap_or(body);
    let mut budget = Budget::new(limits, body.len());
    let sent = Sent { status, headers };
    let decoded = match read::<C>(sent, body, None, &mut budget) {
        Ok(decoded) => decoded,
        // A body that ends early stays so, whatever is repaired.
        Err(error) if error.is_eof() => None,
        Err(_) => {
            let repaired = repair::repair(body)?;
            // The copy is read afresh, against a budget of the body as it was sent.
            budget = Budget::new(limits, body.len());
            read::<C>(sent, &repaired.body, Some(&repaired), &mut budget)
                .ok()
                .flatten()
        }
    };
    decoded.map(|(envelope, code)| (envelope, code, budget.truncated))
}

/// One reading of `body` (already without its byte order mark), as [`decode`] describes;
/// `Err` when serde_json rejected it. `repaired` is the repair `body` is the copy of, if it is.
// Inlined, so the envelope is built where `decode` returns it rather than moved out of a
// `Result` (22 instructions of the clean path, by `benches/instructions.sh`).
#[allow(clippy::inline_always, reason = "measured: a plain hint was not taken")]
#[inline(always)]
fn read<C: ErrorCode>(
    sent: Sent<'_>,
    body: &[u8],
    repaired: Option<&Repaired>,
    budget: &mut Budget,
) -> Result<Option<(ErrorEnvelope, Option<C>)>, serde_json::Error> {
    match body
        .iter()
        .find(|byte| !matches!(byte, b' ' | b'\t' | b'\n' | b'\r'))
    {
        Some(b'{') => {}
        // `ValidationError("…")` and `ValidationError(["…"])` bodies.
        Some(b'[' | b'"') => {
            return Ok(
                bare::field_errors(sent.status, body, budget)?.map(|envelope| (envelope, None))
            );
        }
        // A bare number, boolean or `null` says nothing; anything else is not JSON.
        _ => return Ok(None),
    }
    let mut fields = Fields::default();
    read_fields(body, &mut fields, repaired, budget)?;
    let is_problem = (fields.problem_type.is_some() || fields.title.is_some())
        && (fields.numeric_status || sent.is_problem_media_type());
    if fields.error.is_some()
        || fields.error_code.is_some()
        || fields.details.is_some()
        || is_problem
    {
        let error_code = fields
            .error_code
            .filter(|code| !code.is_empty())
            .or_else(|| {
                let problem_type = fields.problem_type?;
                // Borrowed from the body, or else from the type's own copy.
                match problem_type {
                    Cow::Borrowed(text) => problem::code_of_type(text).map(Cow::Borrowed),
                    Cow::Owned(text) => {
                        problem::code_of_type(&text).map(|code| Cow::Owned(code.to_owned()))
                    }
                }
            });
        let (error_code, code) = code::<C>(error_code);
        let error = fields.error.or(fields.detail).or(fields.title);
        let details = match (fields.details, fields.errors) {
            (Some(details), _) => details,
            (None, Some(errors)) if is_problem => errors,
            _ => Details::new(),
        };
        let envelope = ErrorEnvelope {
            error: message(error, code),
            error_code,
            details,
            meta: fields.meta.unwrap_or_default(),
        };
        return Ok(Some((envelope, code)));
    }
    if let Some(detail) = fields.detail {
        let (error_code, code) = code::<C>(fields.code);
        return Ok(Some((
            bare::detail_body(detail.into_owned(), error_code),
            code,
        )));
    }
    if sent.is_problem_media_type() {
        // A problem document with none of the members read: no field errors either.
        return Ok(None);
    }
    Ok(bare::field_errors(sent.status, body, budget)?.map(|envelope| (envelope, None)))
}

/// What the response said besides its body.
#[derive(Clone, Copy)]
struct Sent<'h> {
    status: StatusCode,
    headers: &'h HeaderMap,
}

impl Sent<'_> {
    /// Whether its `Content-Type` is `application/problem+json`: looked up only for a body
    /// that needs it, so an envelope pays nothing for it.
    fn is_problem_media_type(self) -> bool {
        problem::is_problem_media_type(self.headers)
    }
}

/// An owned `error_code` and its code as `C`: `C`'s own `'static` string when it knows the
/// code, else a copy; `""` (no code) when there is none or it is empty.
fn code<C: ErrorCode>(text: Option<Cow<'_, str>>) -> (Cow<'static, str>, Option<C>) {
    let Some(text) = text.filter(|text| !text.is_empty()) else {
        return (Cow::Borrowed(""), None);
    };
    match C::from_code(&text) {
        Some(code) if code.as_str() == text => (Cow::Borrowed(code.as_str()), Some(code)),
        code => (Cow::Owned(text.into_owned()), code),
    }
}

/// An owned `error`: the code's own `'static` message when the body sends exactly it, as a
/// server of the same contract does, else a copy.
fn message<C: ErrorCode>(text: Option<Cow<'_, str>>, code: Option<C>) -> Cow<'static, str> {
    let Some(text) = text else {
        return Cow::Borrowed("");
    };
    match code.and_then(C::static_message) {
        Some(fixed) if fixed == text => Cow::Borrowed(fixed),
        _ => Cow::Owned(text.into_owned()),
    }
}

/// What the top-level object holds under the keys the contract and DRF use, borrowed from
/// the body where its strings have no escapes.
#[derive(Default)]
struct Fields<'de> {
    error: Option<Cow<'de, str>>,
    error_code: Option<Cow<'de, str>>,
    details: Option<Details>,
    meta: Option<Meta>,
    detail: Option<Cow<'de, str>>,
    code: Option<Cow<'de, str>>,
    /// A problem document's `type` and `title`.
    problem_type: Option<Cow<'de, str>>,
    title: Option<Cow<'de, str>>,
    /// ASP.NET Core's field errors in a problem document.
    errors: Option<Details>,
    /// Whether a `status` member is a number, as in a problem document.
    numeric_status: bool,
}

/// Reads `body` as one JSON object (and nothing after it but whitespace) into `fields`,
/// filled in place rather than returned, as it is large to move. `repaired` is the repair
/// `body` is the copy of, if it is; `details` is charged to `budget`.
fn read_fields<'de>(
    body: &'de [u8],
    fields: &mut Fields<'de>,
    repaired: Option<&Repaired>,
    budget: &mut Budget,
) -> Result<(), serde_json::Error> {
    // serde_json checks the UTF-8 of each string of a byte slice on its own: a body that is
    // UTF-8 as a whole, as almost every body is, is checked once here and read as text (a
    // fifth of the instructions of the guide's validation body, by `benches/instructions.sh`).
    match std::str::from_utf8(body) {
        Ok(text) => read_from(
            serde_json::Deserializer::from_str(text),
            fields,
            repaired,
            budget,
        ),
        Err(_) => read_from(
            serde_json::Deserializer::from_slice(body),
            fields,
            repaired,
            budget,
        ),
    }
}

/// [`read_fields`] from a deserializer of the body.
fn read_from<'de, R: serde_json::de::Read<'de>>(
    mut deserializer: serde_json::Deserializer<R>,
    fields: &mut Fields<'de>,
    repaired: Option<&Repaired>,
    budget: &mut Budget,
) -> Result<(), serde_json::Error> {
    deserializer.deserialize_map(FieldsVisitor(fields, StringSeed(repaired), budget))?;
    deserializer.end()
}

struct FieldsVisitor<'a, 'r, 'b, 'de>(&'a mut Fields<'de>, StringSeed<'r>, &'b mut Budget);

impl<'de> Visitor<'de> for FieldsVisitor<'_, '_, '_, 'de> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an error object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let FieldsVisitor(fields, string, budget) = self;
        while let Some(key) = map.next_key_seed(KeySeed)? {
            let slot = match key {
                Key::Error => &mut fields.error,
                Key::ErrorCode => &mut fields.error_code,
                Key::Detail => &mut fields.detail,
                Key::Code => &mut fields.code,
                Key::Type => &mut fields.problem_type,
                Key::Title => &mut fields.title,
                Key::Details | Key::Errors => {
                    // A repeated `details` merges into the first.
                    let details = if matches!(key, Key::Details) {
                        &mut fields.details
                    } else {
                        &mut fields.errors
                    };
                    map.next_value_seed(DetailsSeed {
                        details: details.get_or_insert_with(Details::new),
                        budget: &mut *budget,
                    })?;
                    continue;
                }
                Key::Status => {
                    fields.numeric_status |= map.next_value_seed(IsNumber)?;
                    continue;
                }
                Key::Meta => {
                    map.next_value_seed(MetaSeed(fields.meta.get_or_insert_with(Meta::new)))?;
                    continue;
                }
                Key::Other => {
                    map.next_value::<IgnoredAny>()?;
                    continue;
                }
            };
            if slot.is_some() {
                map.next_value::<IgnoredAny>()?;
            } else {
                *slot = map.next_value_seed(string)?;
            }
        }
        Ok(())
    }
}

/// A top-level key, recognised without allocating.
enum Key {
    Error,
    ErrorCode,
    Details,
    Meta,
    Detail,
    Code,
    Type,
    Title,
    Errors,
    Status,
    Other,
}

struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Key;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Key, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl Visitor<'_> for KeySeed {
    type Value = Key;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a key")
    }

    fn visit_str<E>(self, key: &str) -> Result<Key, E> {
        Ok(match key {
            "error" => Key::Error,
            "error_code" => Key::ErrorCode,
            "details" => Key::Details,
            "meta" => Key::Meta,
            "detail" => Key::Detail,
            "code" => Key::Code,
            "type" => Key::Type,
            "title" => Key::Title,
            "errors" => Key::Errors,
            "status" => Key::Status,
            _ => Key::Other,
        })
    }
}

/// A string value, borrowed when it can be; any other value is read and gives `None`, and so
/// does a number that became a string in the repair the body is the copy of, if it is.
#[derive(Clone, Copy)]
struct StringSeed<'r>(Option<&'r Repaired>);

impl<'de> DeserializeSeed<'de> for StringSeed<'_> {
    type Value = Option<Cow<'de, str>>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for StringSeed<'_> {
    type Value = Option<Cow<'de, str>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_borrowed_str<E>(self, value: &'de str) -> Result<Self::Value, E> {
        // Such a number has no escapes, so it is always borrowed.
        if self.0.is_some_and(|repaired| repaired.is_number(value)) {
            return Ok(None);
        }
        Ok(Some(Cow::Borrowed(value)))
    }

    fn visit_str<E>(self, value: &str) -> Result<Self::Value, E> {
        Ok(Some(Cow::Owned(value.to_owned())))
    }

    fn visit_string<E>(self, value: String) -> Result<Self::Value, E> {
        Ok(Some(Cow::Owned(value)))
    }

    fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_i128<E>(self, _: i128) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_u128<E>(self, _: u128) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_none<E>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        self.deserialize(deserializer)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(None)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(None)
    }
}

/// Whether a value is a number; any value is read.
struct IsNumber;

impl<'de> DeserializeSeed<'de> for IsNumber {
    type Value = bool;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<bool, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for IsNumber {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_u64<E>(self, _: u64) -> Result<bool, E> {
        Ok(true)
    }

    fn visit_i64<E>(self, _: i64) -> Result<bool, E> {
        Ok(true)
    }

    fn visit_f64<E>(self, _: f64) -> Result<bool, E> {
        Ok(true)
    }

    fn visit_bool<E>(self, _: bool) -> Result<bool, E> {
        Ok(false)
    }

    fn visit_str<E>(self, _: &str) -> Result<bool, E> {
        Ok(false)
    }

    fn visit_unit<E>(self) -> Result<bool, E> {
        Ok(false)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<bool, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(false)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<bool, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(false)
    }
}
