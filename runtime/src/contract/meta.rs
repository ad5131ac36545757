//! [`Meta`]: the values an error makes public for programs, the envelope's `"meta"` object.

use std::fmt;

use serde::de::{DeserializeOwned, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;

use crate::server::meta::MetaWriter;

/// The `"meta"` object of an envelope: the fields a variant marks `#[api(meta)]`, so a client
/// reads the existing invoice's id from a 409 rather than from its message.
///
/// Keys keep the order they were written in; each value is kept as the JSON text it was sent
/// as ([`RawValue`]), read into a type only when asked ([`get_as`](Self::get_as)), so nested
/// objects keep their key order and a value nobody reads costs no parsing.
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
    entries: Vec<(String, Box<RawValue>)>,
}

impl Meta {
    /// An empty `meta`, which an envelope does not write.
    pub const fn new() -> Self {
        Self {
            entries: Vec::new(),
        }
    }

    /// Whether it holds no key.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// How many keys it holds.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// The JSON text of `key`'s value.
    pub fn get(&self, key: &str) -> Option<&RawValue> {
        self.entries
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
        self.entries
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
        match self.entries.iter_mut().find(|(name, _)| *name == key) {
            Some((_, slot)) => *slot = value,
            None => self.entries.push((key, value)),
        }
    }

    /// Gives every key to `writer`, as a body writes them.
    pub(crate) fn write_to(&self, writer: &mut MetaWriter<'_>) {
        for (key, value) in self.iter() {
            writer.raw(key, value);
        }
    }

    /// Adds `key` unless it is there already: the first of repeated keys wins, as the client
    /// decoder reads every other member of a body.
    pub(crate) fn push_first(&mut self, key: String, value: Box<RawValue>) {
        if self.get(&key).is_none() {
            self.entries.push((key, value));
        }
    }
}

impl PartialEq for Meta {
    fn eq(&self, other: &Self) -> bool {
        self.entries.len() == other.entries.len()
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
        let mut map = serializer.serialize_map(Some(self.entries.len()))?;
        for (key, value) in &self.entries {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

/// A JSON object, strictly: anything else is an error (the client decoder is the lenient
/// reader). A repeated key keeps its first value.
impl<'de> Deserialize<'de> for Meta {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(MetaVisitor)
    }
}

struct MetaVisitor;

impl<'de> Visitor<'de> for MetaVisitor {
    type Value = Meta;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Meta, A::Error> {
        let mut meta = Meta::new();
        while let Some((key, value)) = map.next_entry::<String, Box<RawValue>>()? {
            meta.push_first(key, value);
        }
        Ok(meta)
    }
}
