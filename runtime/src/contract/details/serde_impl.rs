//! Strict serde for [`Details`]: a JSON object whose values are string arrays or objects.
//!
//! Order is kept by visiting the map directly, never through `serde_json::Value`, whose map
//! is sorted unless the `preserve_order` feature happens to be on. The lenient decoding of
//! untrusted bodies lives in the client decoder, not here.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, Serializer};

use super::{Detail, Details};

impl Serialize for Details {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.entries.len()))?;
        for (key, detail) in self {
            map.serialize_entry(key, detail)?;
        }
        map.end()
    }
}

impl Serialize for Detail {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Detail::Messages(messages) => messages.serialize(serializer),
            Detail::Nested(nested) => nested.serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for Details {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(DetailsVisitor)
    }
}

impl<'de> Deserialize<'de> for Detail {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(DetailVisitor)
    }
}

struct DetailsVisitor;

impl<'de> Visitor<'de> for DetailsVisitor {
    type Value = Details;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object of field names to message arrays or nested objects")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Details, A::Error> {
        let mut details = Details::new();
        while let Some((key, detail)) = map.next_entry::<String, Detail>()? {
            // A repeated key adds to the first: nothing the server sent is dropped.
            details.insert_detail(key.into_boxed_str(), detail);
        }
        Ok(details)
    }
}

struct DetailVisitor;

impl<'de> Visitor<'de> for DetailVisitor {
    type Value = Detail;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of messages or a nested object")
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Detail, A::Error> {
        let mut messages = Vec::with_capacity(seq.size_hint().unwrap_or(1).min(16));
        while let Some(message) = seq.next_element::<String>()? {
            messages.push(message);
        }
        Ok(Detail::Messages(messages))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Detail, A::Error> {
        DetailsVisitor.visit_map(map).map(Detail::Nested)
    }
}
