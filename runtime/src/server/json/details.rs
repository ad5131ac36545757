//! The `details` object: each key, then its messages as an array of strings or its nested
//! tree, in insertion order; `{}` when there is none.

use super::escape::write_str;
use crate::contract::details::{Detail, Details};

/// The length of `details` in JSON, each string's length given by `string_len` (exact with
/// [`string_len`](super::string_len), a bound with [`max_string_len`](super::max_string_len)).
pub(crate) fn details_len(details: &Details, string_len: impl Fn(&str) -> usize + Copy) -> usize {
    if details.is_empty() {
        return 2;
    }
    let entries = details.iter().map(|(key, detail)| {
        string_len(key)
            + 1
            + match detail {
                Detail::Messages(messages) => {
                    2 + messages.len().saturating_sub(1)
                        + messages.iter().map(|m| string_len(m)).sum::<usize>()
                }
                Detail::Nested(nested) => details_len(nested, string_len),
            }
    });
    2 + details.len().saturating_sub(1) + entries.sum::<usize>()
}

/// Appends `details` to `out`.
pub(crate) fn write_details(out: &mut Vec<u8>, details: &Details) {
    out.push(b'{');
    for (at, (key, detail)) in details.iter().enumerate() {
        if at > 0 {
            out.push(b',');
        }
        write_str(out, key);
        out.push(b':');
        match detail {
            Detail::Messages(messages) => {
                out.push(b'[');
                for (at, message) in messages.iter().enumerate() {
                    if at > 0 {
                        out.push(b',');
                    }
                    write_str(out, message);
                }
                out.push(b']');
            }
            Detail::Nested(nested) => write_details(out, nested),
        }
    }
    out.push(b'}');
}

#[cfg(test)]
mod tests {
    use super::super::{max_string_len, string_len};
    use super::*;

    fn check(details: &Details) {
        let mut out = Vec::new();
        write_details(&mut out, details);
        assert_eq!(out, serde_json::to_vec(details).unwrap());
        assert_eq!(details_len(details, string_len), out.len());
        assert!(details_len(details, max_string_len) >= out.len());
    }

    #[test]
    fn written_as_serde_json_writes_them() {
        check(&Details::new());
        check(
            &Details::new()
                .with("quote\"key", "tab\there\u{1}and\\ \u{e9}")
                .with("quote\"key", "second")
                .with("a", "b")
                .with_nested(
                    "items",
                    Details::new().with_nested("1", Details::new().with("x", "y")),
                )
                .with_nested("empty", Details::new()),
        );
    }
}
