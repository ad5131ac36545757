//! JSON strings as serde_json writes them: `"` and `\` escaped with a backslash, `\b`, `\t`,
//! `\n`, `\f` and `\r` for those control bytes, `\u00XX` (lowercase hex) for every other byte
//! below 0x20, and everything else (non-ASCII and 0x7f included) as it is.

use std::fmt;

/// What each byte is written as: `0` itself, `b'u'` the six bytes `\u00XX`, any other value
/// the two bytes `\` and that value.
static ESCAPES: [u8; 256] = escapes();

const fn escapes() -> [u8; 256] {
    let mut table = [0; 256];
    let mut byte = 0;
    while byte < 0x20 {
        table[byte] = b'u';
        byte += 1;
    }
    table[0x08] = b'b';
    table[0x09] = b't';
    table[0x0a] = b'n';
    table[0x0c] = b'f';
    table[0x0d] = b'r';
    table[b'"' as usize] = b'"';
    table[b'\\' as usize] = b'\\';
    table
}

/// Whether any byte of `bytes` is escaped: below 0x20, `"` or `\`.
///
/// A branch-free `|` over the bytes, which the compiler vectorises: much faster than a
/// lookup per byte on the strings of a body, which almost never hold one.
pub(super) fn needs_escape(bytes: &[u8]) -> bool {
    let found = bytes.iter().fold(0_u8, |found, &byte| {
        found | u8::from(byte < 0x20) | u8::from(byte == b'"') | u8::from(byte == b'\\')
    });
    found != 0
}

/// Length of `s` as a JSON string, quotes included.
pub(crate) fn string_len(s: &str) -> usize {
    2 + contents_len(s.as_bytes())
}

/// Length of `bytes` escaped, without quotes.
pub(super) fn contents_len(bytes: &[u8]) -> usize {
    if !needs_escape(bytes) {
        return bytes.len();
    }
    bytes
        .iter()
        .map(|&byte| match ESCAPES[usize::from(byte)] {
            0 => 1,
            b'u' => 6,
            _ => 2,
        })
        .sum()
}

/// The most a string can take in JSON: quotes, and six bytes (`\u001f`) for each byte.
pub(crate) fn max_string_len(s: &str) -> usize {
    s.len().saturating_mul(6).saturating_add(2)
}

/// Appends `s` as a JSON string, quotes included.
pub(crate) fn write_str(out: &mut Vec<u8>, s: &str) {
    out.push(b'"');
    escape(s.as_bytes(), |bytes| out.extend_from_slice(bytes));
    out.push(b'"');
}

/// Gives `put` the escaped form of `bytes`, in runs: a string without escapes is one run.
#[inline]
pub(super) fn escape(bytes: &[u8], mut put: impl FnMut(&[u8])) {
    if needs_escape(bytes) {
        escape_each(bytes, &mut put);
    } else {
        put(bytes);
    }
}

/// The slow path of [`escape`]: the runs between escaped bytes, and each escape.
#[cold]
fn escape_each(bytes: &[u8], put: &mut impl FnMut(&[u8])) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut run = 0;
    for (at, &byte) in bytes.iter().enumerate() {
        let escape = ESCAPES[usize::from(byte)];
        if escape == 0 {
            continue;
        }
        if run < at {
            put(&bytes[run..at]);
        }
        if escape == b'u' {
            put(&[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[usize::from(byte >> 4)],
                HEX[usize::from(byte & 0xf)],
            ]);
        } else {
            put(&[b'\\', escape]);
        }
        run = at + 1;
    }
    if run < bytes.len() {
        put(&bytes[run..]);
    }
}

/// A `fmt::Write` that appends what it is given, escaped, to a body: a message is formatted
/// straight into the JSON string that holds it.
pub(crate) struct Escaping<'a>(pub(crate) &'a mut Vec<u8>);

impl fmt::Write for Escaping<'_> {
    #[inline]
    fn write_str(&mut self, s: &str) -> fmt::Result {
        escape(s.as_bytes(), |bytes| self.0.extend_from_slice(bytes));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn every_char_below_0x80_is_written_as_serde_json_writes_it() {
        for byte in 0..0x80_u8 {
            let s = format!("a{}b", char::from(byte));
            let mut out = Vec::new();
            write_str(&mut out, &s);
            assert_eq!(out, serde_json::to_vec(&s).unwrap(), "{byte:#x}");
            assert_eq!(string_len(&s), out.len(), "{byte:#x}");
            assert!(max_string_len(&s) >= out.len());
        }
    }

    #[test]
    fn pieces_written_through_fmt_join_as_one_string() {
        use fmt::Write as _;
        let mut out = Vec::new();
        let (quote, rest) = ("quote \"", "\u{1}\u{e9}");
        write!(Escaping(&mut out), "{quote}\n{rest}").unwrap();
        let whole = serde_json::to_vec("quote \"\n\u{1}\u{e9}").unwrap();
        assert_eq!(out, whole[1..whole.len() - 1]);
    }
}
