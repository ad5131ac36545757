//! [`ErrorCode`]: the companion code enum every derived error has.

use std::borrow::Cow;
use std::fmt::{self, Debug, Display};
use std::hash::Hash;
use std::time::Duration;

use http::StatusCode;

use crate::{ErrorSpec, MetaSpec, RetryClass};

/// A closed set of error codes: the companion `…Code` enum that `#[derive(ApiError)]`
/// generates next to each error type, and `<T as ApiError>::Code`.
///
/// Clients match on it after decoding; it is also `Display`, `FromStr` and serde as the code
/// string. Code enums implement only this trait (not `Retryable`), so no method name is
/// ambiguous between the two.
pub trait ErrorCode: Copy + Eq + Hash + Debug + Display + 'static {
    /// The wire string, such as `"invoice_not_found"`.
    fn as_str(self) -> &'static str;
    /// The code for a wire string; `None` for a code this contract does not know.
    fn from_code(code: &str) -> Option<Self>;
    /// The HTTP status this code is sent with.
    fn status(self) -> StatusCode;
    /// How a client should react to this code.
    fn retry_class(self) -> RetryClass;

    /// The public message every error of this code carries when it is fixed (a variant's
    /// static `message`); `None` when it is formatted, or unknown. Hidden: the client borrows
    /// it for a body whose `error` is exactly this text, so decoding copies no message the
    /// contract already holds.
    #[doc(hidden)]
    fn static_message(self) -> Option<&'static str> {
        None
    }
}

/// The error of a code enum's `FromStr`: the string is not one of its codes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownErrorCode {
    code: String,
}

impl UnknownErrorCode {
    /// An error for `code`.
    pub fn new(code: impl Into<String>) -> Self {
        Self { code: code.into() }
    }

    /// The string that was not recognised.
    pub fn code(&self) -> &str {
        &self.code
    }
}

impl Display for UnknownErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown error code `{}`", self.code)
    }
}

impl std::error::Error for UnknownErrorCode {}

/// `FromStr` of every generated code enum.
#[doc(hidden)]
pub fn parse_code<C: ErrorCode>(code: &str) -> Result<C, UnknownErrorCode> {
    C::from_code(code).ok_or_else(|| UnknownErrorCode::new(code))
}

/// `Deserialize` of every generated code enum: a string naming one of its codes.
#[doc(hidden)]
pub fn deserialize_code<'de, C: ErrorCode, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<C, D::Error> {
    struct CodeVisitor<C>(std::marker::PhantomData<C>);

    impl<C: ErrorCode> serde::de::Visitor<'_> for CodeVisitor<C> {
        type Value = C;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an error code string")
        }

        fn visit_str<E: serde::de::Error>(self, code: &str) -> Result<C, E> {
            C::from_code(code).ok_or_else(|| E::custom(UnknownErrorCode::new(code)))
        }
    }

    deserializer.deserialize_str(CodeVisitor(std::marker::PhantomData))
}

/// The own codes of a derived type, as the derive writes them once per type in a
/// `static __CODES: CodeTable`: one array per fact, indexed by the code's place among the
/// type's own codes (a fieldless code enum's discriminant). The code enum's `as_str`,
/// `status`, `retry_class`, `from_code` and `Debug`, the type's `retry_after`, its
/// `from_envelope` and its catalogue all read it, instead of a `match` each with an arm per
/// code.
///
/// Each fact of every code is one literal: the texts joined in one string with their ends in
/// a byte string ([`Texts`]), the numbers in a byte string. rustc checks a literal at a
/// fraction of the cost of an array element, and far less than a path or a call per code
/// (`Some(…)`, `RetryClass::…`): what only some codes have is marked in `flags`, or listed
/// by index when it is rare. A fact no code has is empty.
#[doc(hidden)]
#[derive(Debug)]
pub struct CodeTable {
    /// The code enum variants' names, for its `Debug`, separated by spaces: one literal
    /// rather than one per code, as nothing else reads them (and a name has no space).
    pub names: &'static str,
    /// The wire `error_code`s.
    pub codes: Texts,
    /// The HTTP statuses, 400 to 599 (the derive checked them), two bytes each,
    /// little-endian.
    pub statuses: &'static [u8],
    /// `HAS_MESSAGE`, `HAS_RETRY_AFTER`, `HAS_SOLUTION`, `DEPRECATED`, `STATIC_MESSAGE` and `STATIC_BODY` of each
    /// code.
    pub flags: &'static [u8],
    /// The catalogue's message, the fixed text or the template as written, where
    /// `HAS_MESSAGE` (else the message is `Display`).
    pub messages: Texts,
    /// The whole envelope, written at compile time, where `STATIC_BODY`.
    pub bodies: Texts,
    /// `retry_after = N`, in seconds, where `HAS_RETRY_AFTER`: eight bytes each,
    /// little-endian.
    pub retry_after: &'static [u8],
    /// `solution = "…"`, where `HAS_SOLUTION`.
    pub solutions: Texts,
    /// The doc comments.
    pub descriptions: Texts,
    /// `retry = "…"`, by index; the others have their status's class.
    pub retry: &'static [(usize, RetryClass)],
    /// The `www_authenticate` of a code (its own or the enum's), by index, for the catalogue.
    pub challenges: &'static [(usize, &'static str)],
    /// `alias = "…"`, by index.
    pub aliases: &'static [(usize, &'static str)],
    /// The keys of a code's `meta`, by index.
    pub meta: &'static [(usize, &'static [MetaSpec])],
    /// The note of a deprecated code, by index.
    pub deprecation_notes: &'static [(usize, &'static str)],
    /// The texts of a template whose placeholders are all plain `{field}`, joined by
    /// U+001F, braces unescaped (`"Invoice \u{1f} not found"`); empty for the
    /// other codes. [`CodeTable::write_parts`] writes the values between them.
    pub parts: Texts,
}

/// One text per code, as one literal: `text` holds them one after another, and `ends` the
/// offset in `text` where each one starts, then where the last one ends, four bytes each,
/// little-endian (`ends` has one offset more than there are texts).
#[doc(hidden)]
#[derive(Debug, Clone, Copy)]
pub struct Texts {
    /// The texts, joined.
    pub text: &'static str,
    /// Their offsets in `text`.
    pub ends: &'static [u8],
}

/// No texts.
#[doc(hidden)]
pub const NO_TEXTS: Texts = Texts {
    text: "",
    ends: &[],
};

impl Texts {
    /// The text at `index`; empty when there is none.
    #[inline]
    pub fn get(&self, index: usize) -> &'static str {
        // Its start and its end, read together: eight bytes at its place.
        let bounds = index
            .checked_mul(4)
            .and_then(|at| self.ends.get(at..at.checked_add(8)?));
        let Some((start, end)) = bounds.map(|bounds| bounds.split_at(4)) else {
            return "";
        };
        self.text
            .get(offset(start)..offset(end))
            .unwrap_or_default()
    }

    /// The index of the first text equal to `wanted`.
    fn position(&self, wanted: &str) -> Option<usize> {
        let mut start = 0;
        // Walks the offsets once; a text of another length is passed without a look.
        let ends = self.ends.get(4..).unwrap_or_default().chunks_exact(4);
        for (index, end) in ends.enumerate() {
            let end = offset(end);
            if end.wrapping_sub(start) == wanted.len()
                && self.text.as_bytes().get(start..end) == Some(wanted.as_bytes())
            {
                return Some(index);
            }
            start = end;
        }
        None
    }
}

/// The `N` bytes of the number at `index` in `bytes`, numbers of `N` bytes each.
#[inline]
fn chunk<const N: usize>(bytes: &[u8], index: usize) -> Option<[u8; N]> {
    let start = index.checked_mul(N)?;
    bytes.get(start..start.checked_add(N)?)?.try_into().ok()
}

/// An offset in a [`Texts`]'s text, from its four bytes.
#[inline]
fn offset(bytes: &[u8]) -> usize {
    bytes.try_into().map_or(usize::MAX, |bytes| {
        usize::try_from(u32::from_le_bytes(bytes)).unwrap_or(usize::MAX)
    })
}

// The bits of `CodeTable::flags`; the derive writes them as numbers (macros/src/expand/table.rs).
/// The code has a catalogue message.
const HAS_MESSAGE: u8 = 1;
/// The code has a `retry_after`.
const HAS_RETRY_AFTER: u8 = 2;
/// The code has a `solution`.
const HAS_SOLUTION: u8 = 4;
/// The code's variant is `#[deprecated]`.
const DEPRECATED: u8 = 8;
/// The code's message is fixed text (not a template, not `Display`).
const STATIC_MESSAGE: u8 = 16;
/// The code's whole body is fixed (a fixed message, no details, no meta).
const STATIC_BODY: u8 = 32;

/// A table with no codes, the base of the derive's struct update.
#[doc(hidden)]
pub const EMPTY_TABLE: CodeTable = CodeTable {
    names: "",
    codes: NO_TEXTS,
    statuses: &[],
    flags: &[],
    messages: NO_TEXTS,
    bodies: NO_TEXTS,
    retry_after: &[],
    solutions: NO_TEXTS,
    descriptions: NO_TEXTS,
    retry: &[],
    challenges: &[],
    aliases: &[],
    meta: &[],
    deprecation_notes: &[],
    parts: NO_TEXTS,
};

/// What separates the texts of a template in [`CodeTable::parts`]: U+001F, a control
/// character no template has (the derive formats one that does with `format_args!`), one byte
/// in UTF-8.
const SEPARATOR_BYTE: u8 = 0x1f;

/// The value at `index` of a by-index list.
fn by_index<T: Copy>(list: &[(usize, T)], index: usize) -> Option<T> {
    list.iter()
        .find(|(at, _)| *at == index)
        .map(|(_, value)| *value)
}

impl CodeTable {
    /// The code enum variant's name of the code at `index`.
    pub fn name(&self, index: usize) -> &'static str {
        self.names.split(' ').nth(index).unwrap_or_default()
    }

    /// The wire code at `index`.
    #[inline]
    pub fn code(&self, index: usize) -> &'static str {
        self.codes.get(index)
    }

    /// The status number of the code at `index`; 500 if there is none.
    #[inline]
    fn status_number(&self, index: usize) -> u16 {
        chunk(self.statuses, index).map_or(500, u16::from_le_bytes)
    }

    /// The `retry_after` of the code at `index`, in seconds, if it has one.
    #[inline]
    fn retry_after_seconds(&self, index: usize) -> Option<u64> {
        self.has(index, HAS_RETRY_AFTER)
            .then(|| chunk(self.retry_after, index).map_or(0, u64::from_le_bytes))
    }

    /// The status of the code at `index`.
    #[inline]
    pub fn status(&self, index: usize) -> StatusCode {
        StatusCode::from_u16(self.status_number(index)).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }

    /// The retry class of the code at `index`: its `retry`, else its status's.
    #[inline]
    pub fn retry_class(&self, index: usize) -> RetryClass {
        by_index(self.retry, index)
            .unwrap_or_else(|| RetryClass::for_status(self.status_number(index)))
    }

    /// `Retry-After` of the code at `index`, if it has a `retry_after`.
    #[inline]
    pub fn retry_after(&self, index: usize) -> Option<Duration> {
        self.retry_after_seconds(index).map(Duration::from_secs)
    }

    /// The fixed message of the code at `index`, if its message is fixed text.
    #[inline]
    pub fn static_message(&self, index: usize) -> Option<&'static str> {
        self.has(index, STATIC_MESSAGE)
            .then(|| self.messages.get(index))
    }

    /// `write_message` of the own code at `index` whose template has plain placeholders only:
    /// its first text, then each value followed by the next text. The derive gives one value
    /// per placeholder, in order.
    ///
    /// # Errors
    ///
    /// The first error of `out` or of a value's `Display`.
    pub fn write_parts(
        &self,
        index: usize,
        out: &mut dyn fmt::Write,
        values: &[&dyn fmt::Display],
    ) -> fmt::Result {
        let mut rest = self.parts.get(index);
        for value in values {
            // A byte loop: the texts are short, and `str::split` costs more to set up than
            // this takes to run.
            let Some(at) = rest.bytes().position(|byte| byte == SEPARATOR_BYTE) else {
                break;
            };
            out.write_str(&rest[..at])?;
            write!(out, "{value}")?;
            rest = &rest[at + 1..];
        }
        out.write_str(rest)
    }

    /// The body of the code at `index`, if it is fixed.
    #[inline]
    pub fn static_json(&self, index: usize) -> Option<&'static str> {
        self.has(index, STATIC_BODY).then(|| self.bodies.get(index))
    }

    /// The index of the code or alias `code`.
    pub fn find(&self, code: &str) -> Option<usize> {
        // Codes and aliases are unique together (the derive checked), so the order of the
        // two searches does not matter.
        self.codes.position(code).or_else(|| {
            self.aliases
                .iter()
                .find(|(_, alias)| *alias == code)
                .map(|(index, _)| *index)
        })
    }

    /// Appends the catalogue entries of the codes in `range` to `specs`, in order.
    pub fn push_specs(
        &self,
        specs: &mut Vec<ErrorSpec>,
        range: std::ops::Range<usize>,
        type_name: &'static str,
    ) {
        specs.extend(range.map(|index| self.spec(index, type_name)));
    }

    fn has(&self, index: usize, flag: u8) -> bool {
        self.flags.get(index).is_some_and(|flags| flags & flag != 0)
    }

    /// The catalogue entry of the code at `index`, for a type named `type_name`.
    fn spec(&self, index: usize, type_name: &'static str) -> ErrorSpec {
        let mut spec = ErrorSpec::new(
            self.codes.get(index),
            self.status_number(index),
            self.retry_class(index),
            type_name,
        );
        spec.description = Cow::Borrowed(self.descriptions.get(index));
        spec.retry_after = self.retry_after_seconds(index);
        spec.message = self
            .has(index, HAS_MESSAGE)
            .then(|| Cow::Borrowed(self.messages.get(index)));
        spec.solution = self
            .has(index, HAS_SOLUTION)
            .then(|| Cow::Borrowed(self.solutions.get(index)));
        spec.www_authenticate = by_index(self.challenges, index).map(Cow::Borrowed);
        if let Some(meta) = by_index(self.meta, index) {
            spec.meta = Cow::Borrowed(meta);
        }
        let aliases: Vec<Cow<'static, str>> = self
            .aliases
            .iter()
            .filter(|(at, _)| *at == index)
            .map(|(_, alias)| Cow::Borrowed(*alias))
            .collect();
        if !aliases.is_empty() {
            spec.aliases = Cow::Owned(aliases);
        }
        if self.has(index, DEPRECATED) {
            spec = spec.deprecated(by_index(self.deprecation_notes, index).map(Cow::Borrowed));
        }
        spec
    }
}

#[cfg(test)]
mod tests {
    use super::{NO_TEXTS, Texts, chunk};

    // "ab", "", "cde", as the derive joins them.
    const TEXTS: Texts = Texts {
        text: "abcde",
        ends: b"\0\0\0\0\x02\0\0\0\x02\0\0\0\x05\0\0\0",
    };

    #[test]
    fn texts_are_read_by_index() {
        assert_eq!(TEXTS.get(0), "ab");
        assert_eq!(TEXTS.get(1), "");
        assert_eq!(TEXTS.get(2), "cde");
        assert_eq!(TEXTS.get(3), "");
        assert_eq!(NO_TEXTS.get(0), "");
    }

    #[test]
    fn texts_are_found_by_value() {
        assert_eq!(TEXTS.position("ab"), Some(0));
        assert_eq!(TEXTS.position(""), Some(1));
        assert_eq!(TEXTS.position("cde"), Some(2));
        assert_eq!(TEXTS.position("abc"), None);
        assert_eq!(TEXTS.position("b"), None);
        assert_eq!(NO_TEXTS.position(""), None);
    }

    #[test]
    fn numbers_are_little_endian_and_bounded() {
        let bytes = b"\x91\x01\xF4\x01";
        assert_eq!(chunk(bytes, 0).map(u16::from_le_bytes), Some(401));
        assert_eq!(chunk(bytes, 1).map(u16::from_le_bytes), Some(500));
        assert_eq!(chunk::<2>(bytes, 2), None);
        assert_eq!(chunk::<2>(bytes, usize::MAX), None);
    }
}
