//! The repair of the values serde_json rejects, so that a bad value costs only itself.
//!
//! serde_json stops the whole parse at the first string or number it cannot read, so one lone
//! surrogate (which Python's `json.dumps` writes for undecodable input) or one `1e999` would
//! lose the envelope, the code and every other message. When, and only when, the first
//! reading of a body failed (and not because the body ended early), [`repair`] copies it once,
//! in one pass, changing only what serde_json rejects inside a string or a number:
//!
//! - an invalid escape (`\x`, or `\u` with fewer than four hex digits) becomes U+FFFD: the
//!   backslash and the character after it (for `\u`, the hex digits there are);
//! - a lone surrogate escape (`\ud800` not followed by a trailing one, or `\udc00` alone)
//!   becomes U+FFFD; a valid pair, and whatever follows a lone one, is kept
//!   (`"\ud800\u0041"` reads as `"\u{FFFD}A"`);
//! - bytes that are not UTF-8 become U+FFFD, one for each maximal invalid sequence, as
//!   [`String::from_utf8_lossy`] does;
//! - a raw control character (U+0000 to U+001F) is escaped, so the character is kept;
//! - a number out of `f64`'s range (`1e999`, `-1e999`, a 400-digit integer) becomes a string
//!   of its literal text, recorded so that where only a string counts (`error`, `error_code`,
//!   `detail`, `code`) it still reads as the number it was, and not as a string.
//!
//! Everything else is copied unchanged, so a body broken in any other way (truncated, HTML,
//! trailing garbage, `NaN`) stays broken, and the second reading of the copy is the last. The
//! pass is linear; the copy is at most six times the body's length (a raw control character
//! becomes a six-byte `\u00XX`), and is only made when something needs repair.

/// U+FFFD REPLACEMENT CHARACTER, as UTF-8.
const REPLACEMENT: &[u8] = "\u{FFFD}".as_bytes();

/// A repaired copy of a body.
pub(crate) struct Repaired {
    /// The copy, which serde_json reads unless it was broken in another way.
    pub(crate) body: Vec<u8>,
    /// Offsets in `body` of the first byte inside each string a number became, ascending.
    numbers: Vec<usize>,
}

impl Repaired {
    /// Whether `text`, borrowed from [`body`](Self::body), is a number that became a string.
    pub(crate) fn is_number(&self, text: &str) -> bool {
        let offset = text.as_ptr().addr().wrapping_sub(self.body.as_ptr().addr());
        offset < self.body.len() && self.numbers.binary_search(&offset).is_ok()
    }
}

/// The repaired copy of `body`, or `None` when nothing in it needs repair (the copy would
/// read as the body did).
pub(crate) fn repair(body: &[u8]) -> Option<Repaired> {
    let mut writer = Writer {
        body,
        out: Vec::new(),
        copied: 0,
        numbers: Vec::new(),
        changed: false,
    };
    let mut at = 0;
    while at < body.len() {
        at = match body[at] {
            b'"' => writer.string(at + 1),
            b'-' | b'0'..=b'9' => writer.number(at),
            _ => at + 1,
        };
    }
    writer.finish()
}

/// Copies the body, replacing ranges of it, without allocating until the first replacement.
struct Writer<'a> {
    body: &'a [u8],
    out: Vec<u8>,
    /// How much of `body` is in `out` (or replaced).
    copied: usize,
    numbers: Vec<usize>,
    changed: bool,
}

impl Writer<'_> {
    /// Replaces `body[start..end]` (at or after `copied`) with `with`.
    fn replace(&mut self, start: usize, end: usize, with: &[u8]) {
        if !self.changed {
            self.changed = true;
            self.out.reserve(self.body.len() + 16);
        }
        self.out.extend_from_slice(&self.body[self.copied..start]);
        self.out.extend_from_slice(with);
        self.copied = end;
    }

    fn finish(mut self) -> Option<Repaired> {
        if !self.changed {
            return None;
        }
        self.out.extend_from_slice(&self.body[self.copied..]);
        Some(Repaired {
            body: self.out,
            numbers: self.numbers,
        })
    }

    /// Reads a string from just after its opening quote; returns where it ends.
    fn string(&mut self, mut at: usize) -> usize {
        while let Some(&byte) = self.body.get(at) {
            at = match byte {
                b'"' => return at + 1,
                b'\\' => self.escape(at),
                0x00..=0x1F => {
                    self.control(at, byte);
                    at + 1
                }
                0x20..=0x7F => at + 1,
                _ => match self.char_width(at) {
                    Some(width) => at + width,
                    None => {
                        let invalid = self.invalid_len(at);
                        self.replace(at, at + invalid, REPLACEMENT);
                        at + invalid
                    }
                },
            };
        }
        at
    }

    /// Reads the escape at `at` (a backslash); returns where it ends.
    fn escape(&mut self, at: usize) -> usize {
        let Some(&next) = self.body.get(at + 1) else {
            return at + 1;
        };
        match next {
            b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => at + 2,
            b'u' => self.unicode_escape(at),
            0x00..=0x7F => {
                self.replace(at, at + 2, REPLACEMENT);
                at + 2
            }
            // The backslash and the character after it, when that is one.
            _ => {
                let end = at + 1 + self.char_width(at + 1).unwrap_or(0);
                self.replace(at, end, REPLACEMENT);
                end
            }
        }
    }

    /// Reads the `\u` escape at `at`; returns where it ends.
    fn unicode_escape(&mut self, at: usize) -> usize {
        let Some(unit) = hex4(self.body, at + 2) else {
            let digits = self.body[at + 2..]
                .iter()
                .take(4)
                .take_while(|byte| byte.is_ascii_hexdigit())
                .count();
            self.replace(at, at + 2 + digits, REPLACEMENT);
            return at + 2 + digits;
        };
        match unit {
            0xD800..=0xDBFF
                if self.body.get(at + 6..at + 8) == Some(b"\\u")
                    && matches!(hex4(self.body, at + 8), Some(0xDC00..=0xDFFF)) =>
            {
                at + 12
            }
            0xD800..=0xDFFF => {
                self.replace(at, at + 6, REPLACEMENT);
                at + 6
            }
            _ => at + 6,
        }
    }

    /// Escapes the raw control character at `at`.
    fn control(&mut self, at: usize, byte: u8) {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let escape = match byte {
            0x08 => *b"\\b\0\0\0\0",
            0x0C => *b"\\f\0\0\0\0",
            b'\n' => *b"\\n\0\0\0\0",
            b'\r' => *b"\\r\0\0\0\0",
            b'\t' => *b"\\t\0\0\0\0",
            _ => [
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[usize::from(byte >> 4)],
                HEX[usize::from(byte & 0xF)],
            ],
        };
        let len = if escape[2] == 0 { 2 } else { 6 };
        self.replace(at, at + 1, &escape[..len]);
    }

    /// The width of the UTF-8 character at `at`, if one is there.
    fn char_width(&self, at: usize) -> Option<usize> {
        let end = self.body.len().min(at + 4);
        let chunk = self.body.get(at..end)?.utf8_chunks().next()?;
        chunk.valid().chars().next().map(char::len_utf8)
    }

    /// The length of the maximal invalid UTF-8 sequence at `at`, at least 1.
    fn invalid_len(&self, at: usize) -> usize {
        let end = self.body.len().min(at + 4);
        self.body[at..end]
            .utf8_chunks()
            .next()
            .map_or(1, |chunk| chunk.invalid().len().max(1))
    }

    /// Reads the number (or stray `-` or digit) at `at`; returns where it ends. A number out
    /// of `f64`'s range becomes a string.
    fn number(&mut self, start: usize) -> usize {
        let body = self.body;
        let digits = |from: usize| {
            from + body[from..]
                .iter()
                .take_while(|byte| byte.is_ascii_digit())
                .count()
        };
        let int = start + usize::from(body[start] == b'-');
        let mut end = digits(int);
        if end == int || (body[int] == b'0' && end - int > 1) {
            // Not a JSON number: left for serde_json to reject.
            return end.max(start + 1);
        }
        if body.get(end) == Some(&b'.') {
            let fraction = end + 1;
            end = digits(fraction);
            if end == fraction {
                return end;
            }
        }
        if matches!(body.get(end), Some(b'e' | b'E')) {
            let mut exponent = end + 1;
            if matches!(body.get(exponent), Some(b'+' | b'-')) {
                exponent += 1;
            }
            end = digits(exponent);
            if end == exponent {
                return end;
            }
        }
        let out_of_range = std::str::from_utf8(&body[start..end])
            .ok()
            .and_then(|literal| literal.parse::<f64>().ok())
            .is_some_and(f64::is_infinite);
        if out_of_range {
            self.replace(start, start, b"\"");
            self.numbers.push(self.out.len());
            self.replace(end, end, b"\"");
        }
        end
    }
}

/// The four hex digits at `at` as a UTF-16 code unit.
fn hex4(body: &[u8], at: usize) -> Option<u16> {
    body.get(at..at + 4)?.iter().try_fold(0_u16, |unit, &byte| {
        let digit = char::from(byte).to_digit(16)?;
        Some(unit << 4 | u16::try_from(digit).ok()?)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repaired(body: &str) -> Option<String> {
        repair(body.as_bytes()).map(|repaired| String::from_utf8(repaired.body).unwrap())
    }

    #[test]
    fn a_body_with_nothing_to_repair_is_not_copied() {
        for body in [
            r#"{"error":"x","error_code":"y","details":{"a":["\u00e9\ud83d\ude00\n",1.5e300,-0]}}"#,
            "<html>502</html>",
            r#"{"error":"trunc"#,
            "{\"e\":\"\u{e9}\u{1F600}\"}",
        ] {
            assert_eq!(repaired(body), None, "{body}");
        }
    }

    #[test]
    fn each_bad_value_is_repaired() {
        let cases = [
            (r#""\ud800""#, "\"\u{FFFD}\""),
            (r#""\udc00x""#, "\"\u{FFFD}x\""),
            (r#""\ud800\u0041""#, "\"\u{FFFD}\\u0041\""),
            (r#""\ud800\ud800\udc00""#, "\"\u{FFFD}\\ud800\\udc00\""),
            (r#""a\xb""#, "\"a\u{FFFD}b\""),
            (r#""\u12g""#, "\"\u{FFFD}g\""),
            ("\"a\u{1}\tb\"", "\"a\\u0001\\tb\""),
            ("[1e999,-1E+999,2]", r#"["1e999","-1E+999",2]"#),
        ];
        for (body, expected) in cases {
            assert_eq!(repaired(body).as_deref(), Some(expected), "{body}");
        }
        let invalid = repair(b"\"\xff\xe2\x82x\\\xc3\xa9\"").unwrap();
        assert_eq!(invalid.body, "\"\u{FFFD}\u{FFFD}x\u{FFFD}\"".as_bytes());
    }

    #[test]
    fn numbers_that_became_strings_are_recorded() {
        let repaired = repair(br#"{"a":1e999,"b":"1e999"}"#).unwrap();
        let text = std::str::from_utf8(&repaired.body).unwrap();
        assert_eq!(text, r#"{"a":"1e999","b":"1e999"}"#);
        assert!(repaired.is_number(&text[6..11]));
        assert!(!repaired.is_number(&text[18..23]));
        assert!(!repaired.is_number("1e999"));
    }
}
