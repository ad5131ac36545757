//! A deserialisation error and its path in the input, as the `details` of a
//! `validation_error`.

use serde_path_to_error::{Path, Segment};

use super::Rejection;
use crate::{CommonError, Details, NON_FIELD_ERRORS};

/// The rejection for a value of `what` (such as "JSON body") that failed to deserialise at
/// `path` with `message`: a [`validation_error`], and for the log the path and serde's text.
/// serde's text may quote the value, so with the `tracing` feature it is left out of the
/// log when a key on the path names a secret ([`crate::is_sensitive_key`]); the
/// client, who sent the value, still gets it in `details`.
pub(super) fn rejection(what: &str, path: &Path, message: &str) -> Rejection {
    let error = validation_error(path, message);
    let logged = if names_a_secret(path, message) {
        "[REDACTED]"
    } else {
        message
    };
    Rejection::new(error, format!("{what} at {path}: {logged}"))
}

#[cfg(feature = "tracing")]
fn names_a_secret(path: &Path, message: &str) -> bool {
    use crate::is_sensitive_key;
    path.iter().any(|segment| match segment {
        Segment::Map { key } => is_sensitive_key(key),
        Segment::Enum { variant } => is_sensitive_key(variant),
        Segment::Seq { .. } | Segment::Unknown => false,
    }) || quoted_field(message, "missing field `")
        .or_else(|| quoted_field(message, "unknown field `"))
        .is_some_and(is_sensitive_key)
}

#[cfg(not(feature = "tracing"))]
fn names_a_secret(_: &Path, _: &str) -> bool {
    false
}

/// What a missing field says, as Django REST Framework words it.
pub(super) const REQUIRED: &str = "This field is required.";

/// The `validation_error` for a value that failed to deserialise at `path` with `message`
/// (serde's text, without any line and column).
///
/// The path becomes nested keys, list indices as decimal keys: `items[1].amount` is
/// `{"items":{"1":{"amount":[message]}}}`. A missing field is reported under its own name
/// as [`REQUIRED`]; an unknown field (`deny_unknown_fields`) under its own name with serde's
/// text; an error of the whole value under [`NON_FIELD_ERRORS`]. Segments serde cannot name
/// (inside `flatten` or `untagged`) are left out.
fn validation_error(path: &Path, message: &str) -> CommonError {
    let mut keys: Vec<String> = path
        .iter()
        .filter_map(|segment| match segment {
            Segment::Seq { index } => Some(index.to_string()),
            Segment::Map { key } => Some(key.clone()),
            Segment::Enum { variant } => Some(variant.clone()),
            Segment::Unknown => None,
        })
        .collect();
    let message = if let Some(field) = quoted_field(message, "missing field `") {
        keys.push(field.to_owned());
        REQUIRED.to_owned()
    } else {
        // serde_path_to_error already ends the path with an unknown key; other
        // deserialisers might not.
        if let Some(field) = quoted_field(message, "unknown field `")
            && keys.last().is_none_or(|last| last != field)
        {
            keys.push(field.to_owned());
        }
        message.to_owned()
    };
    let details = match keys.pop() {
        None => Details::new().with(NON_FIELD_ERRORS, message),
        Some(last) => keys
            .into_iter()
            .rev()
            .fold(Details::new().with(last, message), |inner, key| {
                Details::new().with_nested(key, inner)
            }),
    };
    CommonError::ValidationError(details)
}

/// The field name in serde's "missing field `name`" or "unknown field `name`, expected …".
/// A name may itself hold a backtick, so the cut is where serde's own text resumes.
fn quoted_field<'m>(message: &'m str, prefix: &str) -> Option<&'m str> {
    let rest = message.strip_prefix(prefix)?;
    let end = rest.rfind("`, expected ").or_else(|| rest.rfind('`'))?;
    Some(&rest[..end])
}

#[cfg(test)]
mod tests {
    use super::quoted_field;

    #[test]
    fn field_names_may_hold_backticks() {
        assert_eq!(
            quoted_field("missing field `a`b`", "missing field `"),
            Some("a`b")
        );
        assert_eq!(
            quoted_field(
                "unknown field `a`b`, expected `x` or `y`",
                "unknown field `"
            ),
            Some("a`b")
        );
        assert_eq!(
            quoted_field(
                "unknown field `c`, expected one of `x`, `y`",
                "unknown field `"
            ),
            Some("c")
        );
        assert_eq!(
            quoted_field("invalid type: string", "missing field `"),
            None
        );
    }
}
