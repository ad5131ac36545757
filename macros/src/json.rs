//! JSON text written at compile time: the whole body of a variant whose body never changes.

use std::fmt::Write as _;

/// `{"error":…,"error_code":…,"details":{}}`, byte for byte as serde_json writes it.
pub(crate) fn static_body(message: &str, code: &str) -> String {
    let mut body = String::with_capacity(message.len() + code.len() + 48);
    body.push_str("{\"error\":");
    string(&mut body, message);
    body.push_str(",\"error_code\":");
    string(&mut body, code);
    body.push_str(",\"details\":{}}");
    body
}

/// `"key":`, a key of an object as serde_json writes it, ready to be copied before its value.
pub(crate) fn object_key(key: &str) -> String {
    let mut out = String::with_capacity(key.len() + 3);
    string(&mut out, key);
    out.push(':');
    out
}

/// A JSON string with serde_json's escapes: `\"`, `\\`, the short forms of `\b \f \n \r \t`,
/// `\u00xx` (lowercase hex) for the other control characters, everything else as is.
fn string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if u32::from(c) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}
