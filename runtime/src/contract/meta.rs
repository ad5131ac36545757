//! [`Meta`]: the values an error makes public for programs, the envelope's `"meta"` object.

use std::fmt;
use std::sync::OnceLock;

use serde::de::{DeserializeOwned, IgnoredAny, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;

use crate::server::meta::MetaWriter;

/// The `"meta"` object of an envelope: the fields a variant marks `#[api(meta)]`, so a client
/// reads the existing invoice's id from a 409 rather than from its message.
///
/// Keys keep the order they were written in; each value is kept as the JSON text it was sent
/// as ([`RawValue`]), read into a type only when asked ([`get_as`](Self::get_as)), so nested
/// objects keep their key order and a value nobody reads costs no parsing. A `meta` the client
/// decoded is kept whole, as the object's text, until the first call that looks inside it
/// (which reads its keys once): a client that never reads it pays one copy of the text.
///
/// ```
/// use error_contract::Meta;
///
/// let mut meta = Meta::new();
/// meta.insert("invoice_id", "inv_0001")?;
/// meta.insert("attempts", &3)?;
/// assert_eq!(meta.get_as::<String>("invoice_id").as_deref(), Some("inv_0001"));
/// assert_eq!(meta.get("attempts").map(|raw| raw.get()), Some("3"));
/// assert_eq!(serde_json::to_string(&meta)?, r#"{"invoice_id":"inv_0001","attempts":3}"#);
/// # Ok::<(), serde_json::Error>(())
/// ```
///
/// Two `Meta` are equal when they hold the same keys in the same order with the same JSON
/// text (so `1` and `1.0`, or the same object with other spacing, differ).
#[derive(Clone, Default)]
pub struct Meta {
    /// The object as a body sent it, not read yet: the client decoder keeps it whole, so a
    /// `meta` nobody reads costs one copy of its text, and it is read into `entries` the
    /// first time it is asked for anything.
    sent: Option<Box<RawValue>>,
    entries: OnceLock<Vec<Entry>>,
}

/// One key and the JSON text of its value.
type Entry = (String, Box<RawValue>);

/// The most keys of a `meta` read from a body; the rest are read past. An error's meta is a
/// few values, and a bound keeps the first-wins check of repeated keys linear in the body.
pub(crate) const MAX_SENT_KEYS: usize = 256;

impl Meta {
    /// An empty `meta`, which an envelope does not write.
    pub const fn new() -> Self {
        Self {
            sent: None,
            entries: OnceLock::new(),
        }
    }

    /// A `meta` object as a body sent it (its text starts with `{`), read when first asked.
    /// A repeated `meta` adds the keys the first lacks.
    pub(crate) fn add_sent(&mut self, object: Box<RawValue>) {
        if self.sent.is_none() && self.entries.get().is_none() {
            self.sent = Some(object);
            return;
        }
        let mut entries = self.take_entries();
        for (key, value) in read_sent(&object) {
            if entries.len() < MAX_SENT_KEYS {
                push_first(&mut entries, key, value);
            }
        }
        self.entries = OnceLock::from(entries);
    }

    /// The entries, the sent object read on the first call.
    fn entries(&self) -> &[Entry] {
        self.entries
            .get_or_init(|| self.sent.as_deref().map_or_else(Vec::new, read_sent))
    }

    /// The entries, read if they were not, for a change: the sent text is then dropped.
    fn take_entries(&mut self) -> Vec<Entry> {
        let sent = self.sent.take();
        std::mem::take(&mut self.entries)
            .into_inner()
            .unwrap_or_else(|| sent.as_deref().map_or_else(Vec::new, read_sent))
    }

    /// Whether it holds no key.
    pub fn is_empty(&self) -> bool {
        self.entries().is_empty()
    }

    /// How many keys it holds.
    pub fn len(&self) -> usize {
        self.entries().len()
    }

    /// The JSON text of `key`'s value.
    pub fn get(&self, key: &str) -> Option<&RawValue> {
        self.entries()
            .iter()
            .find(|(name, _)| name == key)
            .map(|(_, value)| &**value)
    }

    /// `key`'s value read as `T`; `None` when the key is missing or its value does not fit
    /// `T`. A missing key reads as `null`, so an `Option<T>` gets `Some(None)`.
    pub fn get_as<T: DeserializeOwned>(&self, key: &str) -> Option<T> {
        let text = self.get(key).map_or("null", RawValue::get);
        serde_json::from_str(text).ok()
    }

    /// The keys and their JSON text, in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&str, &RawValue)> {
        self.entries()
            .iter()
            .map(|(name, value)| (name.as_str(), &**value))
    }

    /// Sets `key` to `value` written as JSON: a new key goes last, an existing one keeps its
    /// place.
    ///
    /// # Errors
    ///
    /// When `value` cannot be written as JSON (a map with non-string keys, a `Serialize`
    /// impl that fails); `self` is left as it was.
    pub fn insert<T: Serialize + ?Sized>(
        &mut self,
        key: impl Into<String>,
        value: &T,
    ) -> Result<&mut Self, serde_json::Error> {
        let value = serde_json::value::to_raw_value(value)?;
        self.insert_raw(key.into(), value);
        Ok(self)
    }

    /// Sets `key` to JSON text already checked, as [`insert`](Self::insert) places it.
    pub fn insert_raw(&mut self, key: String, value: Box<RawValue>) {
        let mut entries = self.take_entries();
        match entries.iter_mut().find(|(name, _)| *name == key) {
            Some((_, slot)) => *slot = value,
            None => entries.push((key, value)),
        }
        self.entries = OnceLock::from(entries);
    }

    /// Gives every key to `writer`, as a body writes them.
    pub(crate) fn write_to(&self, writer: &mut MetaWriter<'_>) {
        for (key, value) in self.iter() {
            writer.raw(key, value);
        }
    }
}

/// Adds `key` unless it is there already: the first of repeated keys wins, as the client
/// decoder reads every other member of a body.
fn push_first(entries: &mut Vec<Entry>, key: String, value: Box<RawValue>) {
    if entries.iter().all(|(name, _)| *name != key) {
        entries.push((key, value));
    }
}

/// The entries of a `meta` object a body sent, at most [`MAX_SENT_KEYS`] of them. The text
/// was read as JSON already, so it reads again; should it not, what was read is kept.
fn read_sent(object: &RawValue) -> Vec<Entry> {
    let mut entries = Vec::new();
    let mut deserializer = serde_json::Deserializer::from_str(object.get());
    let _ = deserializer.deserialize_map(MetaVisitor {
        entries: &mut entries,
        limit: MAX_SENT_KEYS,
    });
    entries
}

impl PartialEq for Meta {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len()
            && self
                .iter()
                .zip(other.iter())
                .all(|((a, a_value), (b, b_value))| a == b && a_value.get() == b_value.get())
    }
}

impl Eq for Meta {}

/// The keys and their JSON text, as a map: `{"invoice_id": "inv_0001", "attempts": 3}`.
impl fmt::Debug for Meta {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map()
            .entries(self.iter().map(|(key, value)| (key, Json(value.get()))))
            .finish()
    }
}

/// JSON text shown as it is, unquoted.
struct Json<'a>(&'a str);

impl fmt::Debug for Json<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl Serialize for Meta {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let entries = self.entries();
        let mut map = serializer.serialize_map(Some(entries.len()))?;
        for (key, value) in entries {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

/// A JSON object, strictly: anything else is an error (the client decoder is the lenient
/// reader). A repeated key keeps its first value.
impl<'de> Deserialize<'de> for Meta {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let mut entries = Vec::new();
        deserializer.deserialize_map(MetaVisitor {
            entries: &mut entries,
            limit: usize::MAX,
        })?;
        Ok(Self {
            sent: None,
            entries: OnceLock::from(entries),
        })
    }
}

/// Reads an object's entries into `entries`, the first of repeated keys winning, keeping at
/// most `limit` and reading past the rest.
struct MetaVisitor<'a> {
    entries: &'a mut Vec<Entry>,
    limit: usize,
}

impl<'de> Visitor<'de> for MetaVisitor<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            if self.entries.len() < self.limit {
                let value = map.next_value::<Box<RawValue>>()?;
                push_first(self.entries, key, value);
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sent(text: &str) -> Box<RawValue> {
        RawValue::from_string(text.to_owned()).unwrap()
    }

    fn keys(meta: &Meta) -> Vec<&str> {
        meta.iter().map(|(key, _)| key).collect()
    }

    #[test]
    fn a_sent_object_is_read_when_first_asked_the_first_of_repeated_keys_winning() {
        let mut meta = Meta::new();
        meta.add_sent(sent(r#"{"b":1,"a":{"x":[1, 2]},"b":2}"#));
        assert!(meta.entries.get().is_none(), "nothing read yet");
        assert_eq!(meta.get("b").map(RawValue::get), Some("1"));
        assert_eq!(meta.get("a").map(RawValue::get), Some(r#"{"x":[1, 2]}"#));
        assert_eq!(keys(&meta), ["b", "a"]);
        let copy = meta.clone();
        assert_eq!(copy, meta);
        assert_eq!(
            serde_json::to_string(&meta).unwrap(),
            r#"{"b":1,"a":{"x":[1, 2]}}"#
        );
    }

    #[test]
    fn a_repeated_meta_adds_the_keys_the_first_lacks() {
        let mut meta = Meta::new();
        meta.add_sent(sent(r#"{"a":1}"#));
        meta.add_sent(sent(r#"{"a":2,"b":3}"#));
        assert_eq!(keys(&meta), ["a", "b"]);
        assert_eq!(meta.get("a").map(RawValue::get), Some("1"));
    }

    #[test]
    fn a_change_reads_the_sent_object_first() {
        let mut meta = Meta::new();
        meta.add_sent(sent(r#"{"a":1,"b":2}"#));
        meta.insert("b", &3).unwrap().insert("c", &4).unwrap();
        assert_eq!(keys(&meta), ["a", "b", "c"]);
        assert_eq!(meta.get("b").map(RawValue::get), Some("3"));
        assert!(meta.sent.is_none());
    }

    #[test]
    fn at_most_max_sent_keys_are_kept() {
        let object: Vec<String> = (0..MAX_SENT_KEYS + 10)
            .map(|i| format!(r#""k{i}":{i}"#))
            .collect();
        let mut meta = Meta::new();
        meta.add_sent(sent(&format!("{{{}}}", object.join(","))));
        assert_eq!(meta.len(), MAX_SENT_KEYS);
        meta.add_sent(sent(r#"{"more":1}"#));
        assert_eq!(meta.len(), MAX_SENT_KEYS);
        assert!(meta.get("more").is_none());
    }

    #[test]
    fn an_empty_sent_object_is_empty() {
        let mut meta = Meta::new();
        meta.add_sent(sent("{}"));
        assert!(meta.is_empty());
        assert_eq!(meta, Meta::new());
    }
}
