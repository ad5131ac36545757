//! The writer behind every `to_json`: the envelope's compact JSON, in one allocation of its
//! exact size (or none, into a buffer with room), and the `meta` after it when there is one.
//!
//! The message is given as what writes it (`ApiError::write_message`), so a formatted
//! message goes straight into the body: escaped on the stack first when the body is yet to be
//! allocated (its length decides the allocation), else straight into the buffer.

use std::fmt;

use super::json::{
    EscapedMessage, Escaping, details_len, max_string_len, string_len, write_details, write_str,
};
use super::meta::MetaWriter;
use crate::contract::details::Details;

/// What writes a message, to a `fmt::Write` that escapes it.
pub(crate) trait WriteMessage: FnOnce(&mut dyn fmt::Write) -> fmt::Result {}

impl<F: FnOnce(&mut dyn fmt::Write) -> fmt::Result> WriteMessage for F {}

/// The envelope around a message: its code and details, borrowed.
pub(crate) struct EnvelopeRef<'a> {
    error_code: &'a str,
    details: &'a Details,
}

/// `{"error":"` … `","error_code":` … `,"details":` … `}`: the bytes around the three values.
const FIXED: usize = r#"{"error":"","error_code":,"details":}"#.len();

impl<'a> EnvelopeRef<'a> {
    pub(crate) fn new(error_code: &'a str, details: &'a Details) -> Self {
        Self {
            error_code,
            details,
        }
    }

    /// The body, `meta` writing its fields (if any) after `details`. The three keys are
    /// counted to their exact size; `meta`, written by the fields' own `Serialize`, grows the
    /// buffer when it needs to.
    #[inline]
    pub(crate) fn to_json(
        &self,
        message: impl WriteMessage,
        meta: impl FnOnce(&mut MetaWriter<'_>),
    ) -> Vec<u8> {
        let message = EscapedMessage::new(message);
        let mut out = Vec::with_capacity(self.json_len(message.as_bytes().len()));
        self.write_around(&mut out, |out| out.extend_from_slice(message.as_bytes()));
        append_meta(&mut out, meta);
        out
    }

    /// [`to_json`](Self::to_json) appended to `out`.
    #[inline]
    pub(crate) fn write_json(
        &self,
        out: &mut Vec<u8>,
        message: impl WriteMessage,
        meta: impl FnOnce(&mut MetaWriter<'_>),
    ) {
        // A reused buffer usually has room for even the longest body the code and details
        // could make (every byte escaped as `\u00XX`): then the message is formatted straight
        // into it, and should it be long, the buffer grows as any `Vec` does. Short of room,
        // the body is counted first and the buffer grows once, to its exact size.
        let room = out.capacity() - out.len();
        if room == 0 || room < self.max_json_len() {
            let message = EscapedMessage::new(message);
            out.reserve(self.json_len(message.as_bytes().len()));
            self.write_around(out, |out| out.extend_from_slice(message.as_bytes()));
        } else {
            self.write_around(out, |out| {
                let _ = message(&mut Escaping(out));
            });
        }
        append_meta(out, meta);
    }

    /// Appends the envelope, `message` writing the escaped contents of its `error`.
    #[inline]
    fn write_around(&self, out: &mut Vec<u8>, message: impl FnOnce(&mut Vec<u8>)) {
        out.extend_from_slice(br#"{"error":""#);
        message(out);
        out.extend_from_slice(br#"","error_code":"#);
        write_str(out, self.error_code);
        out.extend_from_slice(br#","details":"#);
        write_details(out, self.details);
        out.push(b'}');
    }

    /// The exact length of the body whose escaped message takes `message_len` bytes.
    fn json_len(&self, message_len: usize) -> usize {
        FIXED + message_len + string_len(self.error_code) + details_len(self.details, string_len)
    }

    /// A bound on the body's length but for its message, from the strings' lengths alone.
    fn max_json_len(&self) -> usize {
        FIXED + max_string_len(self.error_code) + details_len(self.details, max_string_len)
    }
}

/// Lets `meta` write its fields after the object that ends `out`.
#[inline]
fn append_meta(out: &mut Vec<u8>, meta: impl FnOnce(&mut MetaWriter<'_>)) {
    let mut writer = MetaWriter::json(out);
    meta(&mut writer);
    writer.finish();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorEnvelope;

    fn guide_like() -> (Details, Vec<u8>) {
        let details = Details::new()
            .with("quote\"key", "tab\there\u{1}and\\ \u{e9}")
            .with_nested(
                "items",
                Details::new().with_nested("1", Details::new().with("x", "y")),
            );
        let expected = serde_json::to_vec(
            &ErrorEnvelope::new("line\nbreak", "code").with_details(details.clone()),
        )
        .unwrap();
        (details, expected)
    }

    #[test]
    fn to_json_is_serde_jsons_body_at_its_exact_size() {
        let (details, expected) = guide_like();
        let json =
            EnvelopeRef::new("code", &details).to_json(|out| out.write_str("line\nbreak"), |_| {});
        assert_eq!(json, expected);
        assert_eq!(json.len(), json.capacity());
    }

    #[test]
    fn write_json_appends_with_or_without_room() {
        let (details, expected) = guide_like();
        let envelope = EnvelopeRef::new("code", &details);
        let mut roomy = Vec::with_capacity(4096);
        roomy.extend_from_slice(b"prefix");
        envelope.write_json(
            &mut roomy,
            |out| {
                let line = "line";
                write!(out, "{line}\nbreak")
            },
            |_| {},
        );
        assert_eq!(roomy[..6], *b"prefix");
        assert_eq!(roomy[6..], expected[..]);
        assert_eq!(roomy.capacity(), 4096, "room enough: never grown");
        let mut tight = b"prefix".to_vec();
        envelope.write_json(&mut tight, |out| out.write_str("line\nbreak"), |_| {});
        assert_eq!(tight, roomy);
        assert_eq!(
            tight.len(),
            tight.capacity(),
            "grown once, to the exact size"
        );
    }

    #[test]
    fn the_bound_holds_when_every_byte_takes_six() {
        let details = Details::new().with("\u{1}", "\u{1f}\u{2}");
        let envelope = EnvelopeRef::new("\u{7f}\u{1b}", &details);
        let written = envelope.to_json(|out| out.write_str("\u{0}\u{0}"), |_| {});
        assert!(envelope.max_json_len() + "\u{0}\u{0}".len() * 6 >= written.len());
    }
}
