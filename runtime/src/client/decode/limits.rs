//! How much of an untrusted `details` is kept, and the budget one body is read against.

/// The most a [`Details`](crate::Details) decoded from an untrusted body holds.
///
/// A client decodes every failed response it gets, so what a hostile or broken server sends
/// must cost it memory and time in proportion to the body, printing included: without the
/// path budget, one long key above many fields would be printed once per field
/// (`Details`'s `Display` and [`flatten`](crate::Details::flatten) show each field's whole
/// path). Real bodies stay far inside every limit. What goes past one is dropped as said on
/// each field, the rest of the body is still read, and
/// [`ErrorResponse::details_truncated`](crate::ErrorResponse::details_truncated) says so.
///
/// ```
/// use error_contract::DetailsLimits;
///
/// assert_eq!(DetailsLimits::DEFAULT.depth, 32);
/// assert_eq!(DetailsLimits::DEFAULT.messages, 10_000);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct DetailsLimits {
    /// Arrays and objects below the root of `details` that are read: 32. Deeper ones are
    /// skipped without recursion and dropped, which also bounds the decoder's stack.
    pub depth: usize,
    /// Bytes of one key: 256. A longer key is cut at the last character boundary within
    /// the limit and ends with `…`; keys that are equal once cut merge.
    pub key_len: usize,
    /// Keys in the whole tree, list indices included: 10,000. A key past it is dropped with
    /// everything under it.
    pub keys: usize,
    /// Messages in the whole tree: 10,000. Later messages are dropped.
    pub messages: usize,
    /// Messages under one key (and in one list): 1,000. Later ones are dropped, repeats of
    /// the key included.
    pub messages_per_field: usize,
    /// Bytes of the dotted paths of all keys together (`items.1.amount` is 14), whatever the
    /// body: 64 KiB, to which [`path_bytes_per_body_byte`](Self::path_bytes_per_body_byte)
    /// adds. A key whose path would go past the sum is dropped with everything under it.
    pub path_bytes: usize,
    /// Bytes of dotted paths allowed per byte of body, on top of
    /// [`path_bytes`](Self::path_bytes): 4.
    pub path_bytes_per_body_byte: usize,
}

impl DetailsLimits {
    /// The limits [`ErrorResponse::from_parts`](crate::ErrorResponse::from_parts) decodes
    /// with.
    pub const DEFAULT: Self = Self {
        depth: 32,
        key_len: 256,
        keys: 10_000,
        messages: 10_000,
        messages_per_field: 1_000,
        path_bytes: 64 * 1024,
        path_bytes_per_body_byte: 4,
    };
}

impl Default for DetailsLimits {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// What is left of the limits while one body is read, and whether anything was dropped.
pub(crate) struct Budget {
    pub(crate) limits: DetailsLimits,
    keys: usize,
    messages: usize,
    path_bytes: usize,
    /// Whether something was dropped or cut.
    pub(crate) truncated: bool,
}

impl Budget {
    /// The budget of a body of `body_len` bytes.
    pub(crate) fn new(limits: DetailsLimits, body_len: usize) -> Self {
        Self {
            limits,
            keys: limits.keys,
            messages: limits.messages,
            path_bytes: limits
                .path_bytes_per_body_byte
                .saturating_mul(body_len)
                .saturating_add(limits.path_bytes),
            truncated: false,
        }
    }

    /// Takes one key whose dotted path is `path` bytes long; `false` (noted) when over.
    pub(crate) fn key(&mut self, path: usize) -> bool {
        if self.keys == 0 || path > self.path_bytes {
            self.truncated = true;
            return false;
        }
        self.keys -= 1;
        self.path_bytes -= path;
        true
    }

    /// Takes one message; `false` (noted) when over.
    pub(crate) fn message(&mut self) -> bool {
        if self.messages == 0 {
            self.truncated = true;
            return false;
        }
        self.messages -= 1;
        true
    }

    /// Notes that something was dropped or cut.
    pub(crate) fn dropped(&mut self) {
        self.truncated = true;
    }
}

/// The length of the dotted path of a key `key_len` bytes long under a path `parent` bytes
/// long (0 at the top).
pub(crate) fn child_path(parent: usize, key_len: usize) -> usize {
    if parent == 0 {
        key_len
    } else {
        parent.saturating_add(1).saturating_add(key_len)
    }
}

/// `key`, cut to at most `limit` bytes at a character boundary and marked with `…` when it
/// was longer; `None` when it fits as it is.
pub(crate) fn cut_key(key: &str, limit: usize) -> Option<Box<str>> {
    if key.len() <= limit {
        return None;
    }
    let end = (0..=limit)
        .rev()
        .find(|&end| key.is_char_boundary(end))
        .unwrap_or(0);
    let mut cut = String::with_capacity(end + '…'.len_utf8());
    cut.push_str(&key[..end]);
    cut.push('…');
    Some(cut.into_boxed_str())
}
