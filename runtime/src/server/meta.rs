//! The `"meta"` object after `details`: written straight into the body, or collected into a
//! [`Meta`], from the one list of fields a derived variant gives.

use serde::Serialize;
use serde_json::value::RawValue;

use super::json::write_str;
use crate::Meta;

/// Where a variant's `#[api(meta)]` fields go, one call of [`field`](Self::field) each, in
/// declaration order. Generated code and hand-written `write_meta` impls call it; not part of
/// the contract (hidden, like the hook that takes it).
#[doc(hidden)]
pub struct MetaWriter<'a> {
    sink: Sink<'a>,
}

enum Sink<'a> {
    /// Appended to a body that ends with the envelope's closing `}`: the first field takes
    /// that brace off and opens `,"meta":{`; [`MetaWriter::finish`] closes both.
    Json { out: &'a mut Vec<u8>, opened: bool },
    /// Collected, for [`ApiError::meta`](crate::ApiError::meta) and the envelope.
    Collect(&'a mut Meta),
}

impl<'a> MetaWriter<'a> {
    /// Appends to `out`, which holds a whole JSON object.
    pub(crate) fn json(out: &'a mut Vec<u8>) -> Self {
        Self {
            sink: Sink::Json { out, opened: false },
        }
    }

    /// Collects into `meta`.
    pub(crate) fn collect(meta: &'a mut Meta) -> Self {
        Self {
            sink: Sink::Collect(meta),
        }
    }

    /// One field: `key` as it is named, `json_key` the same written as a JSON string and a
    /// colon (`"invoice_id":`, made at compile time). A value that cannot be written as JSON
    /// (a map with non-string keys, a failing `Serialize`) is left out, never half-written.
    #[inline]
    pub fn field<T: Serialize + ?Sized>(&mut self, key: &str, json_key: &str, value: &T) {
        match &mut self.sink {
            Sink::Json { out, opened } => {
                let (start, first) = (out.len(), !*opened);
                open(out, opened);
                out.extend_from_slice(json_key.as_bytes());
                if serde_json::to_writer(&mut **out, value).is_err() {
                    undo(out, opened, start, first);
                }
            }
            Sink::Collect(meta) => {
                if let Ok(value) = serde_json::value::to_raw_value(value) {
                    meta.insert_raw(key.to_owned(), value);
                }
            }
        }
    }

    /// One field of JSON text already written, as a [`Meta`] holds it.
    pub(crate) fn raw(&mut self, key: &str, value: &RawValue) {
        match &mut self.sink {
            Sink::Json { out, opened } => {
                open(out, opened);
                write_str(out, key);
                out.push(b':');
                out.extend_from_slice(value.get().as_bytes());
            }
            Sink::Collect(meta) => meta.insert_raw(key.to_owned(), value.to_owned()),
        }
    }

    /// Closes what the fields opened: nothing when there was none, so a body without meta
    /// is the envelope as it was.
    pub(crate) fn finish(self) {
        if let Sink::Json { out, opened: true } = self.sink {
            out.extend_from_slice(b"}}");
        }
    }
}

/// Before a field: `,"meta":{` in place of the object's closing brace, or a comma.
#[inline]
fn open(out: &mut Vec<u8>, opened: &mut bool) {
    if *opened {
        out.push(b',');
    } else {
        debug_assert_eq!(out.last(), Some(&b'}'));
        out.pop();
        out.extend_from_slice(br#","meta":{"#);
        *opened = true;
    }
}

/// Takes back a field that failed: back to `start`, the length before it, and when it was
/// the first, the object's closing brace again (`open` took it off).
#[cold]
fn undo(out: &mut Vec<u8>, opened: &mut bool, start: usize, first: bool) {
    if first {
        out.truncate(start - 1);
        out.push(b'}');
        *opened = false;
    } else {
        out.truncate(start);
    }
}
