//! The writer behind every `to_json`: the envelope's compact JSON, in one allocation of its
//! exact size (or none, into a buffer with room), and the `meta` after it when there is one.

use serde::Serialize;

use super::meta::MetaWriter;
use crate::contract::details::{Detail, Details};

/// A borrowed envelope, so `to_json` needs neither an owned message nor an owned code.
#[derive(Serialize)]
pub(crate) struct EnvelopeRef<'a> {
    error: &'a str,
    error_code: &'a str,
    details: &'a Details,
}

impl<'a> EnvelopeRef<'a> {
    pub(crate) fn new(error: &'a str, error_code: &'a str, details: &'a Details) -> Self {
        Self {
            error,
            error_code,
            details,
        }
    }

    /// The body, `meta` writing its fields (if any) after `details`. The three keys are
    /// counted to their exact size; `meta`, written by the fields' own `Serialize`, grows the
    /// buffer when it needs to.
    #[inline]
    pub(crate) fn to_json(&self, meta: impl FnOnce(&mut MetaWriter<'_>)) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.json_len());
        self.write_reserved(&mut out);
        append_meta(&mut out, meta);
        out
    }

    /// [`to_json`](Self::to_json) appended to `out`.
    #[inline]
    pub(crate) fn write_json(&self, out: &mut Vec<u8>, meta: impl FnOnce(&mut MetaWriter<'_>)) {
        self.write_envelope(out);
        append_meta(out, meta);
    }

    #[inline]
    fn write_envelope(&self, out: &mut Vec<u8>) {
        // A reused buffer usually has room for even the longest body these strings could
        // make (every byte escaped as `\u00XX`); then `reserve` would do nothing, and counting
        // the exact size is skipped. A new buffer has no room at all.
        let room = out.capacity() - out.len();
        if room == 0 || room < self.max_json_len() {
            out.reserve(self.json_len());
        }
        self.write_reserved(out);
    }

    /// Appends the body to `out`, which has room for it.
    fn write_reserved(&self, out: &mut Vec<u8>) {
        // Writing to a Vec cannot fail, and every key is a string, so serde_json has nothing
        // to reject; should that ever change, the body stays valid JSON rather than a panic.
        if serde_json::to_writer(&mut *out, self).is_err() {
            out.clear();
            out.extend_from_slice(
                br#"{"error":"Internal server error","error_code":"internal_error","details":{}}"#,
            );
        }
    }

    /// The exact length of the compact JSON `serde_json` writes, so the buffer grows once.
    fn json_len(&self) -> usize {
        self.len_with(string_len)
    }

    /// A bound on [`json_len`](Self::json_len) that reads only the strings' lengths.
    fn max_json_len(&self) -> usize {
        self.len_with(max_string_len)
    }

    /// The length of the body, each string's JSON length given by `string_len`.
    fn len_with(&self, string_len: impl Fn(&str) -> usize + Copy) -> usize {
        const FIXED: usize = r#"{"error":,"error_code":,"details":}"#.len();
        FIXED
            + string_len(self.error)
            + string_len(self.error_code)
            + details_len(self.details, string_len)
    }
}

/// Lets `meta` write its fields after the object that ends `out`.
#[inline]
fn append_meta(out: &mut Vec<u8>, meta: impl FnOnce(&mut MetaWriter<'_>)) {
    let mut writer = MetaWriter::json(out);
    meta(&mut writer);
    writer.finish();
}

pub(super) fn details_len(details: &Details, string_len: impl Fn(&str) -> usize + Copy) -> usize {
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

/// The most a string can take in JSON: quotes, and six bytes (`\u001f`) for each byte.
fn max_string_len(s: &str) -> usize {
    s.len().saturating_mul(6).saturating_add(2)
}

/// Length of `s` as a JSON string with `serde_json`'s escapes (`\"`, `\n`, `\u001f`, …).
pub(super) fn string_len(s: &str) -> usize {
    // Almost no message needs an escape: then the length is plain. The exact count below goes
    // a byte at a time, and was most of the time `to_json` spent outside serde_json.
    if !needs_escape(s.as_bytes()) {
        return 2 + s.len();
    }
    2 + s
        .bytes()
        .map(|byte| match byte {
            b'"' | b'\\' | b'\n' | b'\r' | b'\t' | 0x08 | 0x0c => 2,
            0x00..=0x1f => 6,
            _ => 1,
        })
        .sum::<usize>()
}

/// Whether any byte of `bytes` is one `serde_json` escapes: below 0x20, `"` or `\`.
///
/// A branch-free `|` over the bytes, which the compiler vectorises.
fn needs_escape(bytes: &[u8]) -> bool {
    let found = bytes.iter().fold(0_u8, |found, &byte| {
        found | u8::from(byte < 0x20) | u8::from(byte == b'"') | u8::from(byte == b'\\')
    });
    found != 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_len_is_exact_for_escapes_and_nesting() {
        let details = Details::new()
            .with("quote\"key", "tab\there\u{1}and\\ \u{e9}")
            .with("a", "b")
            .with_nested(
                "items",
                Details::new().with_nested("1", Details::new().with("x", "y")),
            );
        let envelope = EnvelopeRef::new("line\nbreak", "code", &details);
        assert_eq!(
            envelope.json_len(),
            serde_json::to_vec(&envelope).unwrap().len()
        );
        assert!(envelope.max_json_len() >= envelope.json_len());
        let empty = Details::new();
        let envelope = EnvelopeRef::new("", "", &empty);
        assert_eq!(
            envelope.json_len(),
            serde_json::to_vec(&envelope).unwrap().len()
        );
    }

    #[test]
    fn needs_escape_finds_every_escaped_byte_at_every_position() {
        for len in 0..=20 {
            for position in 0..len {
                for byte in 0..=u8::MAX {
                    let mut bytes = vec![b'a'; len];
                    bytes[position] = byte;
                    let expected = byte < 0x20 || byte == b'"' || byte == b'\\';
                    assert_eq!(
                        needs_escape(&bytes),
                        expected,
                        "{byte:#x} at {position} of {len}"
                    );
                }
            }
            // Bytes above 0x7f (UTF-8) next to the edges of the tests' ranges.
            let bytes: Vec<u8> = [0x80, 0xff, 0x20, b'!', b'#', b'[', b']', 0x7f]
                .into_iter()
                .cycle()
                .take(len)
                .collect();
            assert!(!needs_escape(&bytes), "{bytes:?}");
        }
    }

    #[test]
    fn the_bound_holds_when_every_byte_takes_six() {
        let details = Details::new().with("\u{1}", "\u{1f}\u{2}");
        let envelope = EnvelopeRef::new("\u{0}\u{0}", "\u{7f}\u{1b}", &details);
        let written = serde_json::to_vec(&envelope).unwrap().len();
        assert_eq!(envelope.json_len(), written);
        assert!(envelope.max_json_len() >= written);
    }

    #[test]
    fn write_json_appends_with_or_without_room() {
        let details = Details::new().with("email", "Enter a valid \"email\".");
        let envelope = EnvelopeRef::new("Bad\ninput", "validation_error", &details);
        let expected = serde_json::to_vec(&envelope).unwrap();
        let mut roomy = Vec::with_capacity(4096);
        roomy.extend_from_slice(b"prefix");
        envelope.write_json(&mut roomy, |_| {});
        assert_eq!(roomy[..6], *b"prefix");
        assert_eq!(roomy[6..], expected[..]);
        assert_eq!(roomy.capacity(), 4096, "room enough: never grown");
        let mut tight = b"prefix".to_vec();
        envelope.write_json(&mut tight, |_| {});
        assert_eq!(tight, roomy);
    }
}
