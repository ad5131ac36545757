//! A message escaped before the body that holds it is allocated: a new body is allocated once
//! at its exact size (an `http` body of a `Vec` whose length is its capacity becomes `Bytes`
//! without another allocation), and the length of a formatted message is only known once it
//! has been formatted.

use std::fmt;

use super::escape::escape;

/// Room on the stack for a message's escaped bytes; a longer message moves to the heap.
const INLINE: usize = 256;

/// A message's escaped contents (no quotes), written by a `fmt::Write` caller.
pub(crate) struct EscapedMessage {
    inline: [u8; INLINE],
    len: usize,
    /// Everything, once the message outgrew `inline`.
    spilled: Vec<u8>,
}

impl EscapedMessage {
    /// The message `write` writes, escaped. A `fmt::Error` from it (a `Display` that fails)
    /// ends the message where it stopped: the body stays valid JSON.
    #[inline]
    pub(crate) fn new(write: impl FnOnce(&mut dyn fmt::Write) -> fmt::Result) -> Self {
        let mut message = Self {
            inline: [0; INLINE],
            len: 0,
            spilled: Vec::new(),
        };
        let _ = write(&mut message);
        message
    }

    /// The escaped bytes.
    pub(crate) fn as_bytes(&self) -> &[u8] {
        if self.spilled.is_empty() {
            &self.inline[..self.len]
        } else {
            &self.spilled
        }
    }

    fn put(&mut self, bytes: &[u8]) {
        if self.spilled.is_empty() {
            if let Some(room) = self.inline.get_mut(self.len..self.len + bytes.len()) {
                room.copy_from_slice(bytes);
                self.len += bytes.len();
                return;
            }
            self.spill(bytes.len());
        }
        self.spilled.extend_from_slice(bytes);
    }

    /// Moves what was written to the heap, with room for as much again: the pieces after a
    /// long one (the rest of a template) rarely make it grow a second time.
    #[cold]
    fn spill(&mut self, more: usize) {
        self.spilled.reserve_exact(2 * (self.len + more));
        self.spilled.extend_from_slice(&self.inline[..self.len]);
    }
}

impl fmt::Write for EscapedMessage {
    #[inline]
    fn write_str(&mut self, s: &str) -> fmt::Result {
        escape(s.as_bytes(), |bytes| self.put(bytes));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escaped(s: &str) -> Vec<u8> {
        let whole = serde_json::to_vec(s).unwrap();
        whole[1..whole.len() - 1].to_vec()
    }

    #[test]
    fn short_and_long_messages_and_a_spill_inside_one_piece() {
        for len in [0, 1, INLINE - 1, INLINE, INLINE + 1, 3 * INLINE] {
            let text: String = "ab\"\u{e9}\n".chars().cycle().take(len).collect();
            let message = EscapedMessage::new(|out| write!(out, "{text}"));
            assert_eq!(message.as_bytes(), escaped(&text), "{len}");
            let pieces =
                EscapedMessage::new(|out| text.chars().try_for_each(|c| out.write_char(c)));
            assert_eq!(pieces.as_bytes(), escaped(&text), "{len} in pieces");
        }
    }

    #[test]
    fn a_failing_display_ends_the_message_where_it_stopped() {
        struct Fails;
        impl fmt::Display for Fails {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("half \"")?;
                Err(fmt::Error)
            }
        }
        let message = EscapedMessage::new(|out| write!(out, "{Fails} never"));
        assert_eq!(message.as_bytes(), br#"half \""#);
    }
}
