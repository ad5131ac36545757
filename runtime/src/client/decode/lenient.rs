//! The lenient reading of a `details` value, as Django REST Framework style servers send it.
//!
//! Every JSON value has a reading, so `details` never makes a body fail:
//!
//! - `null` is nothing (a key holding it is dropped);
//! - a string is one message; a number or a boolean is one message, as text;
//! - an array of strings is messages; an array of `{message|detail|msg, code…}` objects is
//!   their texts; an array of other objects is the pre-3.18 `many=True` list, keyed by index
//!   with the `{}` placeholders of valid items dropped (so DRF 3.17 and 3.18 decode equal);
//! - an object is a nested tree, its keys in the order they were sent.
//!
//! The visitors walk the deserializer's maps in order and never go through
//! `serde_json::Value`, whose map is sorted unless `preserve_order` happens to be on. Each
//! value is decoded straight into where it belongs (a [`Sink`]): a tree's key, a list being
//! read, or the root, so nothing is built twice or moved through intermediate values.
//! Containers nested deeper than [`MAX_DEPTH`] below the root are skipped, so the decoder's own
//! recursion is bounded whatever the deserializer allows.

use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use crate::{Detail, Details, NON_FIELD_ERRORS};

/// How many containers deep, counted from the root of `details`, values are decoded. Deeper
/// arrays and objects are read and dropped; DRF's deepest real bodies are a few levels.
pub(crate) const MAX_DEPTH: usize = 64;

/// Keys of an object in a list that make it a message object rather than a list item.
const MESSAGE_KEYS: [&str; 3] = ["message", "detail", "msg"];

/// Decodes the value at the root of `details` (or a bare DRF body) into a tree, merging with
/// what it already holds: an object's entries are added in order; a message or a list of
/// messages goes under [`NON_FIELD_ERRORS`]; a `many=True` list adds its items by index;
/// `null` adds nothing.
pub(crate) struct DetailsSeed<'a>(pub(crate) &'a mut Details);

impl<'de> DeserializeSeed<'de> for DetailsSeed<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        ValueSeed {
            sink: Sink::Root(self.0),
            depth: 0,
        }
        .deserialize(deserializer)
    }
}

/// A list being read: the messages in it, and its items keyed by index.
#[derive(Default)]
struct List {
    messages: Vec<String>,
    items: Option<Details>,
}

impl List {
    fn item(&mut self, index: usize, detail: Detail) {
        self.items
            .get_or_insert_with(Details::new)
            .insert_detail(index.to_string(), detail);
    }
}

/// Where one decoded value goes.
enum Sink<'a> {
    /// The root of `details`.
    Root(&'a mut Details),
    /// The value of `key` in a tree.
    Entry(&'a mut Details, String),
    /// A `message`, `detail` or `msg` key of an object in a list: a text is the object's
    /// message; anything else is an ordinary entry of the object.
    MessageKey(&'a mut Option<String>, &'a mut Details, String),
    /// Element `index` of a list being read.
    Element(&'a mut List, usize),
}

impl Sink<'_> {
    /// A string, number or boolean.
    fn text(self, text: String) {
        match self {
            Sink::Root(details) => {
                details.insert_detail(NON_FIELD_ERRORS.to_owned(), Detail::Messages(vec![text]));
            }
            Sink::Entry(details, key) => details.insert_detail(key, Detail::Messages(vec![text])),
            Sink::MessageKey(message, _, _) => *message = Some(text),
            Sink::Element(list, _) => list.messages.push(text),
        }
    }

    /// A list, once read.
    fn list(self, list: List) {
        let List { messages, items } = list;
        let Some(items) = items else {
            // Messages only. Under a key even `[]` is kept, as sent; elsewhere an empty list
            // says nothing (in a list it is the placeholder of an item without errors).
            match self {
                Sink::Entry(details, key) | Sink::MessageKey(_, details, key) => {
                    details.insert_detail(key, Detail::Messages(messages));
                }
                _ if messages.is_empty() => {}
                Sink::Root(details) => {
                    details.insert_detail(NON_FIELD_ERRORS.to_owned(), Detail::Messages(messages));
                }
                Sink::Element(list, index) => list.item(index, Detail::Messages(messages)),
            }
            return;
        };
        // Messages about the list as a whole go first, as DRF puts `non_field_errors`.
        let tree = if messages.is_empty() {
            items
        } else {
            let mut tree = Details::new();
            tree.insert_detail(NON_FIELD_ERRORS.to_owned(), Detail::Messages(messages));
            tree.merge(items);
            tree
        };
        self.tree(tree);
    }

    /// An object, once read.
    fn tree(self, tree: Details) {
        match self {
            Sink::Root(details) => details.merge(tree),
            Sink::Entry(details, key) | Sink::MessageKey(_, details, key) => {
                details.insert_detail(key, Detail::Nested(tree));
            }
            // `{}` in a list is the placeholder of an item without errors.
            Sink::Element(_, _) if tree.is_empty() => {}
            Sink::Element(list, index) => list.item(index, Detail::Nested(tree)),
        }
    }
}

/// Reads one value into its [`Sink`].
struct ValueSeed<'a> {
    sink: Sink<'a>,
    /// Containers above this value, counted from the root of `details`.
    depth: usize,
}

impl<'de> DeserializeSeed<'de> for ValueSeed<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ValueSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, value: bool) -> Result<(), E> {
        self.sink.text(value.to_string());
        Ok(())
    }

    fn visit_i64<E>(self, value: i64) -> Result<(), E> {
        self.sink.text(value.to_string());
        Ok(())
    }

    fn visit_u64<E>(self, value: u64) -> Result<(), E> {
        self.sink.text(value.to_string());
        Ok(())
    }

    fn visit_i128<E>(self, value: i128) -> Result<(), E> {
        self.sink.text(value.to_string());
        Ok(())
    }

    fn visit_u128<E>(self, value: u128) -> Result<(), E> {
        self.sink.text(value.to_string());
        Ok(())
    }

    fn visit_f64<E>(self, value: f64) -> Result<(), E> {
        self.sink.text(value.to_string());
        Ok(())
    }

    fn visit_str<E>(self, value: &str) -> Result<(), E> {
        self.sink.text(value.to_owned());
        Ok(())
    }

    fn visit_string<E>(self, value: String) -> Result<(), E> {
        self.sink.text(value);
        Ok(())
    }

    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_none<E>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        self.deserialize(deserializer)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        if self.depth >= MAX_DEPTH {
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            return Ok(());
        }
        let mut list = List::default();
        let mut index = 0_usize;
        loop {
            let element = ValueSeed {
                sink: Sink::Element(&mut list, index),
                depth: self.depth + 1,
            };
            if seq.next_element_seed(element)?.is_none() {
                break;
            }
            index += 1;
        }
        self.sink.list(list);
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        if self.depth >= MAX_DEPTH {
            while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
            return Ok(());
        }
        let depth = self.depth + 1;
        if let Sink::Root(details) = self.sink {
            // The root's entries go straight into the tree being filled.
            while let Some(key) = map.next_key::<String>()? {
                let sink = Sink::Entry(&mut *details, key);
                map.next_value_seed(ValueSeed { sink, depth })?;
            }
            return Ok(());
        }
        let in_list = matches!(self.sink, Sink::Element(..));
        let mut tree = Details::new();
        let mut message = None;
        while let Some(key) = map.next_key::<String>()? {
            let sink = if in_list && MESSAGE_KEYS.contains(&key.as_str()) {
                Sink::MessageKey(&mut message, &mut tree, key)
            } else {
                Sink::Entry(&mut tree, key)
            };
            map.next_value_seed(ValueSeed { sink, depth })?;
            if let Some(text) = message {
                // `{"message": "…", "code": "…"}`: only the text is kept.
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                self.sink.text(text);
                return Ok(());
            }
        }
        self.sink.tree(tree);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn details(json: &str) -> Details {
        let mut deserializer = serde_json::Deserializer::from_str(json);
        let mut details = Details::new();
        DetailsSeed(&mut details)
            .deserialize(&mut deserializer)
            .unwrap();
        deserializer.end().unwrap();
        details
    }

    fn json(details: &Details) -> String {
        serde_json::to_string(details).unwrap()
    }

    #[test]
    fn canonical_trees_come_back_in_order() {
        let body = r#"{"zeta":["z"],"alpha":{"2":{"b":["x"]},"10":{"a":[]}},"mid":{}}"#;
        assert_eq!(json(&details(body)), body);
    }

    #[test]
    fn scalars_become_messages() {
        assert_eq!(
            json(&details(r#"{"a":"one","b":1.5,"c":true,"d":-3,"e":null}"#)),
            r#"{"a":["one"],"b":["1.5"],"c":["true"],"d":["-3"]}"#,
        );
    }

    #[test]
    fn roots_that_are_not_objects() {
        assert_eq!(json(&details("null")), "{}");
        assert_eq!(json(&details("[]")), "{}");
        assert_eq!(
            json(&details(r#""whole""#)),
            r#"{"non_field_errors":["whole"]}"#
        );
        assert_eq!(
            json(&details(r#"["a",2]"#)),
            r#"{"non_field_errors":["a","2"]}"#
        );
        assert_eq!(
            json(&details(r#"[{},{"amount":["bad"]}]"#)),
            r#"{"1":{"amount":["bad"]}}"#
        );
    }

    #[test]
    fn message_objects_keep_their_text() {
        assert_eq!(
            json(&details(
                r#"{"f":[{"code":"c","message":"m"},{"detail":"d"},{"msg":"x","loc":["body"]}]}"#
            )),
            r#"{"f":["m","d","x"]}"#,
        );
        // Outside a list, an object is a tree, even with a `message` key.
        assert_eq!(
            json(&details(r#"{"f":{"message":"m"}}"#)),
            r#"{"f":{"message":["m"]}}"#
        );
        // A `message` key holding a list is a field of a list item, not a message object.
        assert_eq!(
            json(&details(r#"{"f":[{"message":["m"]}]}"#)),
            r#"{"f":{"0":{"message":["m"]}}}"#
        );
    }

    #[test]
    fn lists_mixing_messages_and_items() {
        assert_eq!(
            json(&details(r#"{"f":[{"a":["x"]},"whole",null,["y"],[]]}"#)),
            r#"{"f":{"non_field_errors":["whole"],"0":{"a":["x"]},"3":["y"]}}"#,
        );
    }

    #[test]
    fn repeated_keys_merge() {
        assert_eq!(
            json(&details(r#"{"a":["x"],"b":["y"],"a":"z"}"#)),
            r#"{"a":["x","z"],"b":["y"]}"#
        );
    }

    #[test]
    fn values_past_the_depth_limit_are_dropped() {
        // `deep` holds `levels` nested objects, then an array: the array sits `levels + 1`
        // containers below the root object.
        let deep = |levels: usize| {
            format!(
                r#"{{"top":["kept"],"deep":{}["lost"]{}}}"#,
                r#"{"a":"#.repeat(levels),
                "}".repeat(levels)
            )
        };
        let kept = details(&deep(MAX_DEPTH - 2));
        assert_eq!(kept.flatten().count(), 2);
        assert!(json(&kept).contains("lost"));

        let dropped = details(&deep(MAX_DEPTH - 1));
        assert_eq!(dropped.flatten().count(), 1);
        assert_eq!(dropped.get("top"), Some(&["kept".to_owned()][..]));
        assert!(!json(&dropped).contains("lost"));
    }
}
