//! Field errors from a serde deserialisation message.
//!
//! actix-web deserialises JSON bodies and query strings itself and hands over only the
//! error, so there is no path to the failing value (as `serde_path_to_error` would give).
//! serde's own messages name the field in three cases, and those are keyed by that field:
//!
//! | serde's message | details |
//! |---|---|
//! | ``missing field `amount` `` | `{"amount": ["This field is required."]}` |
//! | ``unknown field `colour`, expected `name` or `amount` `` | `{"colour": ["Unknown field; expected `name` or `amount`."]}` |
//! | ``duplicate field `name` `` | `{"name": ["Duplicate field."]}` |
//!
//! Every other message (a wrong type, an invalid value, an unknown enum variant) goes under
//! `non_field_errors` as serde wrote it, with serde_json's `at line L column C` kept: the
//! only pointer a client gets to the failing value. The field is the innermost one serde
//! reports, without its parents: a missing `postcode` inside `address` is keyed `postcode`.

use crate::{Details, NON_FIELD_ERRORS};

/// The message of a required field that is absent; Django REST Framework's wording.
const REQUIRED: &str = "This field is required.";

/// The details of a JSON body that is valid JSON but does not deserialise.
pub(super) fn from_json_error(error: &serde_json::Error) -> Details {
    let message = error.to_string();
    let without_position = if error.line() == 0 {
        message.as_str()
    } else {
        let position = format!(" at line {} column {}", error.line(), error.column());
        message.strip_suffix(&position).unwrap_or(&message)
    };
    from_message(without_position, &message)
}

/// The details of a serde error whose message carries no position (query strings).
pub(super) fn from_serde_message(message: &str) -> Details {
    from_message(message, message)
}

/// Keys `message` by the field it names, else puts `full_message` under `non_field_errors`.
fn from_message(message: &str, full_message: &str) -> Details {
    match FieldProblem::parse(message) {
        Some(FieldProblem::Missing(field)) => Details::new().with(field, REQUIRED),
        Some(FieldProblem::Unknown { field, expected }) => {
            Details::new().with(field, format!("Unknown field; {expected}."))
        }
        Some(FieldProblem::Duplicate(field)) => Details::new().with(field, "Duplicate field."),
        None => Details::new().with(NON_FIELD_ERRORS, full_message),
    }
}

/// A problem serde reports about one named field.
#[derive(Debug, PartialEq, Eq)]
enum FieldProblem<'a> {
    /// ``missing field `x` ``
    Missing(&'a str),
    /// ``unknown field `x`, expected `a` or `b` `` (or `there are no fields`)
    Unknown { field: &'a str, expected: &'a str },
    /// ``duplicate field `x` ``
    Duplicate(&'a str),
}

impl<'a> FieldProblem<'a> {
    /// Parses serde's `Error::missing_field`, `unknown_field` and `duplicate_field` messages.
    fn parse(message: &'a str) -> Option<Self> {
        if let Some(field) = quoted_to_end(message, "missing field `") {
            return Some(Self::Missing(field));
        }
        if let Some(field) = quoted_to_end(message, "duplicate field `") {
            return Some(Self::Duplicate(field));
        }
        // The field is the client's key and may contain anything, backticks and serde's own
        // words included; what follows it is serde's text over the struct's field names, so
        // the key ends at the last separator.
        let rest = message.strip_prefix("unknown field `")?;
        let (field, expected) = match rest.strip_suffix("`, there are no fields") {
            Some(field) => (field, "there are no fields"),
            None => {
                let end = rest.rfind("`, expected ")?;
                (&rest[..end], &rest[end + "`, ".len()..])
            }
        };
        (!field.is_empty()).then_some(Self::Unknown { field, expected })
    }
}

/// The text between `prefix` and a closing backtick that ends `message`.
fn quoted_to_end<'a>(message: &'a str, prefix: &str) -> Option<&'a str> {
    let field = message.strip_prefix(prefix)?.strip_suffix('`')?;
    (!field.is_empty()).then_some(field)
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::{FieldProblem, from_json_error, from_serde_message};
    use crate::{Details, NON_FIELD_ERRORS};

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code, reason = "only deserialised")]
    struct Invoice {
        name: String,
        amount: u32,
    }

    fn details_of(body: &str) -> Details {
        let error = serde_json::from_str::<Invoice>(body).unwrap_err();
        from_json_error(&error)
    }

    #[test]
    fn a_missing_field_is_keyed_by_its_name() {
        assert_eq!(
            details_of(r#"{"name": "x"}"#),
            Details::new().with("amount", "This field is required.")
        );
    }

    #[test]
    fn an_unknown_field_is_keyed_by_the_clients_key() {
        assert_eq!(
            details_of(r#"{"name": "x", "amount": 1, "colour": "red"}"#),
            Details::new().with("colour", "Unknown field; expected `name` or `amount`.")
        );
        assert_eq!(
            details_of(r#"{"a`, expected b": 1}"#),
            Details::new().with(
                "a`, expected b",
                "Unknown field; expected `name` or `amount`."
            )
        );
    }

    #[test]
    fn a_duplicate_field_is_keyed_by_its_name() {
        assert_eq!(
            details_of(r#"{"name": "x", "name": "y", "amount": 1}"#),
            Details::new().with("name", "Duplicate field.")
        );
    }

    #[test]
    fn other_errors_keep_serdes_message_and_position_as_non_field_errors() {
        assert_eq!(
            details_of(r#"{"name": "x", "amount": "ten"}"#),
            Details::new().with(
                NON_FIELD_ERRORS,
                r#"invalid type: string "ten", expected u32 at line 1 column 29"#
            )
        );
    }

    #[test]
    fn messages_without_a_position_are_parsed_the_same_way() {
        assert_eq!(
            from_serde_message("missing field `page`"),
            Details::new().with("page", "This field is required.")
        );
        assert_eq!(
            from_serde_message("invalid digit found in string"),
            Details::new().with(NON_FIELD_ERRORS, "invalid digit found in string")
        );
    }

    #[test]
    fn near_misses_are_not_field_problems() {
        for message in [
            "missing field ``",
            "missing field `x` in y",
            "unknown field `x`",
            "unknown field ``, expected `a`",
            "unknown variant `x`, expected `a`",
        ] {
            assert_eq!(FieldProblem::parse(message), None, "{message}");
        }
        assert_eq!(
            FieldProblem::parse("unknown field `x`, there are no fields"),
            Some(FieldProblem::Unknown {
                field: "x",
                expected: "there are no fields"
            })
        );
    }
}
