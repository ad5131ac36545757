//! serde's error message, read once into a [`Problem`]: what was wrong with one value, in
//! terms the client's wording and the log's cause are written from.
//!
//! serde builds every message from a few `de::Error` methods with fixed texts
//! (`invalid type: {unexpected}, expected {expected}`, ``missing field `x` ``, …); those are
//! read here and nowhere else. A message of any other shape (a `Deserialize` impl's own) is
//! [`Problem::Other`], its text dropped: it may quote the value.

/// What was wrong with one value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Problem {
    /// A required field is absent; the field's name.
    Missing(String),
    /// A field the type does not have (`#[serde(deny_unknown_fields)]`); the client's key.
    Unknown(String),
    /// A field given twice; its name.
    Repeated(String),
    /// A value of the wrong kind: `null`, a string for an integer, a list for a struct.
    WrongType { expected: Expected, got: Got },
    /// An integer outside the range of its type; `below` when under the minimum.
    OutOfRange { expected: Expected, below: bool },
    /// A string naming none of an enum's variants: the client's string (for the client only)
    /// and the variants it could have named (the type's own names).
    InvalidChoice { value: String, choices: Vec<String> },
    /// A tuple or array with fewer items than it needs.
    TooFew { expected: Expected, needed: u64 },
    /// Anything else.
    Other,
}

impl Problem {
    /// Reads one of serde's messages (without serde_json's ` at line L column C`).
    pub(super) fn from_message(message: &str) -> Self {
        if let Some(field) = message.strip_prefix("missing field `") {
            return Self::Missing(field.strip_suffix('`').unwrap_or(field).to_owned());
        }
        if let Some(field) = message.strip_prefix("duplicate field `") {
            return Self::Repeated(field.strip_suffix('`').unwrap_or(field).to_owned());
        }
        if let Some(field) = quoted_name(message, "unknown field `", "fields") {
            return Self::Unknown(field.to_owned());
        }
        if let Some(variant) = quoted_name(message, "unknown variant `", "variants") {
            // What follows the client's string is the type's own text.
            let after = &message["unknown variant `".len() + variant.len()..];
            return Self::InvalidChoice {
                value: variant.to_owned(),
                choices: choices(after),
            };
        }
        if let Some((unexpected, expected)) = split_expected(message, "invalid type: ") {
            return Got::from_unexpected(unexpected).map_or(Self::Other, |got| Self::WrongType {
                expected: Expected::from_serde(expected),
                got,
            });
        }
        if let Some((unexpected, expected)) = split_expected(message, "invalid value: ") {
            let expected = Expected::from_serde(expected);
            return match (&expected.kind, unexpected.strip_prefix("integer `")) {
                (Kind::Integer { .. }, Some(number)) => Self::OutOfRange {
                    below: number.starts_with('-'),
                    expected,
                },
                _ => Self::Other,
            };
        }
        if let Some((length, expected)) = split_expected(message, "invalid length ") {
            return too_short(length, Expected::from_serde(expected));
        }
        from_std_parse_error(message).unwrap_or(Self::Other)
    }

    /// serde_json's one syntax error inside a well-formed document: `expected value`, from an
    /// enum given something other than a string or an object. `first_byte` starts the value.
    pub(super) fn from_enum_syntax_error(message: &str, first_byte: Option<u8>) -> Self {
        match (message, first_byte.and_then(Got::from_first_byte)) {
            ("expected value", Some(got)) => Self::WrongType {
                expected: Expected::enumeration(),
                got,
            },
            _ => Self::Other,
        }
    }
}

/// What the failing value was meant to be: serde's name for it, and its kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Expected {
    /// serde's text (`u32`, `struct Customer`, `a sequence`): the type's, never the input's.
    pub(super) name: String,
    pub(super) kind: Kind,
}

/// The kinds of value a message is worded for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Kind {
    /// An integer type, with its range when serde named the type.
    Integer { range: Option<(i128, u128)> },
    /// `f32` or `f64`.
    Number,
    /// A string or a character.
    String,
    /// `bool`.
    Boolean,
    /// A sequence: a `Vec`, a set, a tuple, an array.
    List,
    /// A map with keys of the client's choosing.
    Dict,
    /// A struct: DRF's nested serializer.
    Object,
    /// An enum's variant.
    Choice,
    /// A type this crate has no words for.
    Other,
}

impl Expected {
    /// Reads serde's `expected …` text, as the standard types' visitors write it.
    pub(super) fn from_serde(name: &str) -> Self {
        let kind = if let Some(range) = integer_range(name) {
            Kind::Integer { range: Some(range) }
        } else {
            match name {
                "f32" | "f64" => Kind::Number,
                "a string" | "a borrowed string" | "a character" => Kind::String,
                "a boolean" => Kind::Boolean,
                "a sequence" => Kind::List,
                "a map" => Kind::Dict,
                "variant identifier" => Kind::Choice,
                _ if name.starts_with("a tuple of size ")
                    || name.starts_with("an array of length ")
                    || name.starts_with("tuple struct ") =>
                {
                    Kind::List
                }
                _ if name.starts_with("struct ")
                    || name.starts_with("internally tagged enum ")
                    || name.starts_with("adjacently tagged enum ") =>
                {
                    Kind::Object
                }
                _ if name.starts_with("enum ") => Kind::Choice,
                _ => Kind::Other,
            }
        };
        Self {
            name: name.to_owned(),
            kind,
        }
    }

    /// An enum, when serde_json reports one without naming it.
    fn enumeration() -> Self {
        Self {
            name: "an enum".to_owned(),
            kind: Kind::Choice,
        }
    }

    /// An integer of a type nobody named (std's `ParseIntError` texts).
    fn some_integer() -> Self {
        Self {
            name: "an integer".to_owned(),
            kind: Kind::Integer { range: None },
        }
    }
}

/// What came instead, as JSON has it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Got {
    Null,
    Boolean,
    Integer,
    Float,
    String,
    List,
    Object,
}

impl Got {
    /// From serde's `Unexpected` as written (`string "x"`, ``integer `5` ``, `map`,
    /// serde_json's `null`); `None` for what JSON cannot hold.
    fn from_unexpected(unexpected: &str) -> Option<Self> {
        let word = unexpected.split([' ', '`']).next().unwrap_or_default();
        Some(match word {
            "null" | "unit" => Self::Null,
            "boolean" => Self::Boolean,
            "integer" => Self::Integer,
            "floating" => Self::Float,
            "string" | "character" => Self::String,
            "sequence" => Self::List,
            "map" => Self::Object,
            _ => return None,
        })
    }

    /// From the first byte of a JSON value.
    fn from_first_byte(byte: u8) -> Option<Self> {
        Some(match byte {
            b'n' => Self::Null,
            b't' | b'f' => Self::Boolean,
            b'-' | b'0'..=b'9' => Self::Integer,
            b'"' => Self::String,
            b'[' => Self::List,
            b'{' => Self::Object,
            _ => return None,
        })
    }

    /// The name Django REST Framework's messages use: Python's.
    pub(super) fn python_name(self) -> &'static str {
        match self {
            Self::Null => "NoneType",
            Self::Boolean => "bool",
            Self::Integer => "int",
            Self::Float => "float",
            Self::String => "str",
            Self::List => "list",
            Self::Object => "dict",
        }
    }

    /// The name the log uses: JSON's.
    pub(super) fn json_name(self) -> &'static str {
        match self {
            Self::Null => "null",
            Self::Boolean => "a boolean",
            Self::Integer => "an integer",
            Self::Float => "a number",
            Self::String => "a string",
            Self::List => "an array",
            Self::Object => "an object",
        }
    }
}

/// The smallest and largest value of the integer type serde names.
fn integer_range(name: &str) -> Option<(i128, u128)> {
    Some(match name {
        "u8" => (0, u8::MAX.into()),
        "u16" => (0, u16::MAX.into()),
        "u32" => (0, u32::MAX.into()),
        "u64" => (0, u64::MAX.into()),
        "u128" => (0, u128::MAX),
        "usize" => (0, u128::try_from(usize::MAX).ok()?),
        "i8" => (i8::MIN.into(), i8::MAX.unsigned_abs().into()),
        "i16" => (i16::MIN.into(), i16::MAX.unsigned_abs().into()),
        "i32" => (i32::MIN.into(), i32::MAX.unsigned_abs().into()),
        "i64" => (i64::MIN.into(), i64::MAX.unsigned_abs().into()),
        "i128" => (i128::MIN, i128::MAX.unsigned_abs()),
        "isize" => (
            i128::try_from(isize::MIN).ok()?,
            u128::try_from(isize::MAX.unsigned_abs()).ok()?,
        ),
        _ => return None,
    })
}

/// The name in ``{prefix}name`, expected …`` or ``{prefix}name`, there are no {things}``.
/// The name is the client's and may hold anything, backticks and serde's words included;
/// what follows it is serde's text over the type's own names, so the name ends at the last
/// separator.
fn quoted_name<'m>(message: &'m str, prefix: &str, things: &str) -> Option<&'m str> {
    let rest = message.strip_prefix(prefix)?;
    if let Some(name) = rest.strip_suffix(&format!("`, there are no {things}")) {
        return Some(name);
    }
    rest.rfind("`, expected ").map(|end| &rest[..end])
}

/// The variants after an unknown variant in serde's message, which lists one as
/// `` `, expected `A` ``, two as `` `, expected `A` or `B` `` and more as
/// `` `, expected one of `A`, `B`, `C` ``; none for `` `, there are no variants ``.
fn choices(rest: &str) -> Vec<String> {
    let Some(expected) = rest.strip_prefix("`, expected ") else {
        return Vec::new();
    };
    let list = expected.strip_prefix("one of ").unwrap_or(expected);
    list.split("`, `")
        .flat_map(|names| names.split("` or `"))
        .map(|name| name.trim_matches('`').to_owned())
        .filter(|name| !name.is_empty())
        .collect()
}

/// `{prefix}{unexpected}, expected {expected}`, split at the last `, expected `: the
/// unexpected part may quote the client's string, the expected part is the type's own text.
fn split_expected<'m>(message: &'m str, prefix: &str) -> Option<(&'m str, &'m str)> {
    message.strip_prefix(prefix)?.rsplit_once(", expected ")
}

/// serde's `invalid length N, expected …`: a struct given a list, or a tuple or array given
/// fewer items than the number its text names.
fn too_short(length: &str, expected: Expected) -> Problem {
    if expected.kind == Kind::Object {
        return Problem::WrongType {
            expected,
            got: Got::List,
        };
    }
    let needed = expected
        .name
        .split(' ')
        .find_map(|word| word.parse::<u64>().ok());
    match (length.parse::<u64>(), needed) {
        (Ok(length), Some(needed)) if expected.kind == Kind::List && length < needed => {
            Problem::TooFew { expected, needed }
        }
        _ => Problem::Other,
    }
}

/// std's `FromStr` errors, which deserialisers of text (`serde_urlencoded`, behind actix-web's
/// `web::Query`) pass on as the whole message.
fn from_std_parse_error(message: &str) -> Option<Problem> {
    let expected = match message {
        "invalid digit found in string"
        | "cannot parse integer from empty string"
        | "number too large to fit in target type"
        | "number too small to fit in target type" => Expected::some_integer(),
        "invalid float literal" | "cannot parse float from empty string" => Expected {
            name: "a number".to_owned(),
            kind: Kind::Number,
        },
        "provided string was not `true` or `false`" => Expected {
            name: "a boolean".to_owned(),
            kind: Kind::Boolean,
        },
        _ => return None,
    };
    Some(Problem::WrongType {
        expected,
        got: Got::String,
    })
}

#[cfg(test)]
mod tests {
    use super::{Got, Kind, Problem};

    fn kind_of(message: &str) -> Option<Kind> {
        match Problem::from_message(message) {
            Problem::WrongType { expected, .. }
            | Problem::OutOfRange { expected, .. }
            | Problem::TooFew { expected, .. } => Some(expected.kind),
            _ => None,
        }
    }

    #[test]
    fn field_names_may_hold_backticks_and_serdes_words() {
        assert_eq!(
            Problem::from_message("unknown field `a`, expected b`, expected `x` or `y`"),
            Problem::Unknown("a`, expected b".to_owned())
        );
        assert_eq!(
            Problem::from_message("unknown field `c`, there are no fields"),
            Problem::Unknown("c".to_owned())
        );
        assert_eq!(
            Problem::from_message("missing field `a`b`"),
            Problem::Missing("a`b".to_owned())
        );
        assert_eq!(
            Problem::from_message("unknown variant `X`, expected one of `A`, `B`, `C`"),
            Problem::InvalidChoice {
                value: "X".to_owned(),
                choices: vec!["A".to_owned(), "B".to_owned(), "C".to_owned()],
            }
        );
        assert_eq!(
            Problem::from_message("unknown variant `X`, expected `A` or `B`"),
            Problem::InvalidChoice {
                value: "X".to_owned(),
                choices: vec!["A".to_owned(), "B".to_owned()],
            }
        );
        assert_eq!(
            Problem::from_message("unknown variant `a`, expected b`, expected `Only`"),
            Problem::InvalidChoice {
                value: "a`, expected b".to_owned(),
                choices: vec!["Only".to_owned()],
            }
        );
        assert_eq!(
            Problem::from_message("unknown variant `X`, there are no variants"),
            Problem::InvalidChoice {
                value: "X".to_owned(),
                choices: Vec::new(),
            }
        );
        assert_eq!(
            Problem::from_message("duplicate field `name`"),
            Problem::Repeated("name".to_owned())
        );
    }

    #[test]
    fn wrong_types_are_read_from_both_halves() {
        assert_eq!(
            kind_of(r#"invalid type: string "a, expected b", expected u32"#),
            Some(Kind::Integer {
                range: Some((0, u32::MAX.into()))
            })
        );
        for (message, kind) in [
            ("invalid type: integer `5`, expected a string", Kind::String),
            ("invalid type: map, expected a sequence", Kind::List),
            ("invalid type: string \"a\", expected a map", Kind::Dict),
            ("invalid type: string \"a\", expected f64", Kind::Number),
            (
                "invalid type: string \"a\", expected a boolean",
                Kind::Boolean,
            ),
            (
                "invalid type: string \"a\", expected struct C",
                Kind::Object,
            ),
            (
                "invalid type: sequence, expected a tuple of size 2",
                Kind::List,
            ),
            ("invalid type: integer `1`, expected a UUID", Kind::Other),
            (
                "invalid length 0, expected struct C with 1 element",
                Kind::Object,
            ),
            (
                "invalid digit found in string",
                Kind::Integer { range: None },
            ),
        ] {
            assert_eq!(kind_of(message), Some(kind), "{message}");
        }
        assert_eq!(
            Problem::from_message("invalid type: null, expected u32"),
            Problem::WrongType {
                expected: super::Expected::from_serde("u32"),
                got: Got::Null
            }
        );
    }

    #[test]
    fn integers_out_of_range_know_their_side() {
        let below = Problem::from_message("invalid value: integer `-1`, expected u32");
        assert!(matches!(below, Problem::OutOfRange { below: true, .. }));
        let above = Problem::from_message("invalid value: integer `300`, expected u8");
        assert!(matches!(above, Problem::OutOfRange { below: false, .. }));
        assert_eq!(
            Problem::from_message("invalid value: string \"x\", expected a date"),
            Problem::Other
        );
    }

    #[test]
    fn lengths_count_what_is_missing() {
        assert!(matches!(
            Problem::from_message("invalid length 1, expected a tuple of size 3"),
            Problem::TooFew { needed: 3, .. }
        ));
        assert_eq!(
            Problem::from_message("invalid length 1, expected fewer elements"),
            Problem::Other
        );
    }

    #[test]
    fn other_messages_keep_nothing() {
        for message in [
            "data did not match any variant of untagged enum E",
            "tok_sk_live_42 is not a valid token",
            "missing",
            "",
        ] {
            assert_eq!(Problem::from_message(message), Problem::Other, "{message}");
        }
    }
}
