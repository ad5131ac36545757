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
//!
//! Everything kept is charged to the body's [`Budget`] as it is read, within
//! [`DetailsLimits`](crate::DetailsLimits): a key (its dotted path's length too) before its
//! value is read, a message before its text is copied. What the budget refuses is skipped
//! without being built; containers past the depth limit are skipped without recursion, so
//! the decoder's own stack is bounded whatever the deserializer allows.

use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::limits::{Budget, child_path, cut_key};
use crate::contract::details::reserve_one;
use crate::{Detail, Details, NON_FIELD_ERRORS};

/// The room the root of `details` starts with: most validation errors name a few fields.
const ROOT_ROOM: usize = 4;

/// Keys of an object in a list that make it a message object rather than a list item.
const MESSAGE_KEYS: [&str; 3] = ["message", "detail", "msg"];

/// Decodes the value at the root of `details` (or a bare DRF body) into a tree, merging with
/// what it already holds: an object's entries are added in order; a message or a list of
/// messages goes under [`NON_FIELD_ERRORS`]; a `many=True` list adds its items by index;
/// `null` adds nothing. What it keeps is charged to `budget`.
pub(crate) struct DetailsSeed<'a, 'b> {
    pub(crate) details: &'a mut Details,
    pub(crate) budget: &'b mut Budget,
}

impl<'de> DeserializeSeed<'de> for DetailsSeed<'_, '_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        ValueSeed {
            sink: Sink::Root(self.details),
            depth: 0,
            path: 0,
            budget: self.budget,
        }
        .deserialize(deserializer)
    }
}

/// A list being read: the messages in it, and its items keyed by index.
struct List {
    messages: Vec<String>,
    items: Option<Details>,
    /// The length of the list's dotted path.
    path: usize,
}

impl List {
    fn new(path: usize) -> Self {
        Self {
            messages: Vec::new(),
            items: None,
            path,
        }
    }

    fn item(&mut self, index: usize, detail: Detail, budget: &mut Budget) {
        let key = index_key(index);
        if budget.key(child_path(self.path, key.len())) {
            self.items
                .get_or_insert_with(Details::new)
                .insert_detail(key, detail);
        }
    }
}

/// The number of decimal digits of `index`.
fn index_len(index: usize) -> usize {
    index.checked_ilog10().map_or(1, |log| log as usize + 1)
}

/// `index` in decimal, in a key of exactly its length.
fn index_key(index: usize) -> Box<str> {
    let mut key = String::with_capacity(index_len(index));
    // Writing to a `String` cannot fail.
    let _ = fmt::Write::write_fmt(&mut key, format_args!("{index}"));
    key.into_boxed_str()
}

/// Where one decoded value goes.
enum Sink<'a> {
    /// The root of `details`.
    Root(&'a mut Details),
    /// The value of `key` in a tree.
    Entry(&'a mut Details, Box<str>),
    /// A `message`, `detail` or `msg` key of an object in a list: a text is the object's
    /// message; anything else is an ordinary entry of the object.
    MessageKey(&'a mut Option<String>, &'a mut Details, Box<str>),
    /// Element `index` of a list being read.
    Element(&'a mut List, usize),
}

/// Adds `messages` under `key` in `tree`, keeping at most the per-field limit there.
fn insert_messages(tree: &mut Details, key: Box<str>, messages: Vec<String>, budget: &mut Budget) {
    let kept = tree.insert_messages(key, messages);
    if kept.len() > budget.limits.messages_per_field {
        kept.truncate(budget.limits.messages_per_field);
        kept.shrink_to_fit();
        budget.dropped();
    }
}

impl Sink<'_> {
    /// A string, number or boolean, already charged as a message.
    fn text(self, text: String, budget: &mut Budget) {
        match self {
            Sink::Root(details) => {
                insert_messages(details, NON_FIELD_ERRORS.into(), vec![text], budget);
            }
            Sink::Entry(details, key) => insert_messages(details, key, vec![text], budget),
            Sink::MessageKey(message, _, _) => *message = Some(text),
            Sink::Element(list, _) => {
                if list.messages.len() < budget.limits.messages_per_field {
                    reserve_one(&mut list.messages);
                    list.messages.push(text);
                } else {
                    budget.dropped();
                }
            }
        }
    }

    /// A list, once read.
    fn list(self, list: List, budget: &mut Budget) {
        let List {
            mut messages,
            items,
            ..
        } = list;
        messages.shrink_to_fit();
        let Some(mut items) = items else {
            // Messages only. Under a key even `[]` is kept, as sent; elsewhere an empty list
            // says nothing (in a list it is the placeholder of an item without errors).
            match self {
                Sink::Entry(details, key) | Sink::MessageKey(_, details, key) => {
                    insert_messages(details, key, messages, budget);
                }
                _ if messages.is_empty() => {}
                Sink::Root(details) => {
                    insert_messages(details, NON_FIELD_ERRORS.into(), messages, budget);
                }
                Sink::Element(list, index) => list.item(index, Detail::Messages(messages), budget),
            }
            return;
        };
        items.shrink_to_fit();
        // Messages about the list as a whole go first, as DRF puts `non_field_errors`.
        let tree = if messages.is_empty() {
            items
        } else {
            let mut tree = Details::new();
            tree.insert_messages(NON_FIELD_ERRORS.into(), messages);
            tree.merge(items);
            tree
        };
        self.tree(tree, budget);
    }

    /// An object, once read.
    fn tree(self, tree: Details, budget: &mut Budget) {
        match self {
            Sink::Root(details) => details.merge(tree),
            Sink::Entry(details, key) | Sink::MessageKey(_, details, key) => {
                details.insert_detail(key, Detail::Nested(tree));
            }
            // `{}` in a list is the placeholder of an item without errors.
            Sink::Element(_, _) if tree.is_empty() => {}
            Sink::Element(list, index) => list.item(index, Detail::Nested(tree), budget),
        }
    }
}

/// Reads one value into its [`Sink`].
struct ValueSeed<'a, 'b> {
    sink: Sink<'a>,
    /// Containers above this value, counted from the root of `details`.
    depth: usize,
    /// The length of the dotted path of where this value goes (0 at the root).
    path: usize,
    budget: &'b mut Budget,
}

impl ValueSeed<'_, '_> {
    /// Keeps a scalar as a message, when the budget has room for one.
    fn text(self, text: impl FnOnce() -> String) {
        if self.budget.message() {
            self.sink.text(text(), self.budget);
        }
    }
}

impl<'de> DeserializeSeed<'de> for ValueSeed<'_, '_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ValueSeed<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, value: bool) -> Result<(), E> {
        self.text(|| value.to_string());
        Ok(())
    }

    fn visit_i64<E>(self, value: i64) -> Result<(), E> {
        self.text(|| value.to_string());
        Ok(())
    }

    fn visit_u64<E>(self, value: u64) -> Result<(), E> {
        self.text(|| value.to_string());
        Ok(())
    }

    fn visit_i128<E>(self, value: i128) -> Result<(), E> {
        self.text(|| value.to_string());
        Ok(())
    }

    fn visit_u128<E>(self, value: u128) -> Result<(), E> {
        self.text(|| value.to_string());
        Ok(())
    }

    fn visit_f64<E>(self, value: f64) -> Result<(), E> {
        self.text(|| value.to_string());
        Ok(())
    }

    fn visit_str<E>(self, value: &str) -> Result<(), E> {
        self.text(|| value.to_owned());
        Ok(())
    }

    fn visit_string<E>(self, value: String) -> Result<(), E> {
        self.text(|| value);
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
        if self.depth >= self.budget.limits.depth {
            self.budget.dropped();
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            return Ok(());
        }
        let mut list = List::new(self.path);
        let mut index = 0_usize;
        loop {
            let element = ValueSeed {
                sink: Sink::Element(&mut list, index),
                depth: self.depth + 1,
                // An element's path is the list's and its index.
                path: child_path(self.path, index_len(index)),
                budget: &mut *self.budget,
            };
            if seq.next_element_seed(element)?.is_none() {
                break;
            }
            index += 1;
        }
        self.sink.list(list, self.budget);
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let ValueSeed {
            sink,
            depth,
            path,
            budget,
        } = self;
        if depth >= budget.limits.depth {
            budget.dropped();
            while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
            return Ok(());
        }
        let depth = depth + 1;
        // The root's entries go straight into the tree being filled.
        let mut local = Details::new();
        let (sink, own) = match sink {
            Sink::Root(details) => (None, details),
            sink => (Some(sink), &mut local),
        };
        let is_root = sink.is_none();
        let in_list = matches!(sink, Some(Sink::Element(..)));
        let mut message = None;
        while let Some(key) = map.next_key_seed(KeySeed(&mut *budget))? {
            let value_path = child_path(path, key.len());
            if !budget.key(value_path) {
                map.next_value::<IgnoredAny>()?;
                continue;
            }
            if is_root && own.is_empty() {
                // The root, one a body, starts with room for a few fields: growing it a key
                // at a time, as every other tree grows to keep within the memory budget,
                // would move its entries again for each of the first ones.
                own.reserve_exact(ROOT_ROOM);
            }
            let entry = if in_list && MESSAGE_KEYS.contains(&&*key) {
                Sink::MessageKey(&mut message, &mut *own, key)
            } else {
                Sink::Entry(&mut *own, key)
            };
            map.next_value_seed(ValueSeed {
                sink: entry,
                depth,
                path: value_path,
                budget: &mut *budget,
            })?;
            if let Some(text) = message.take() {
                // `{"message": "…", "code": "…"}`: only the text is kept.
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                if let Some(sink) = sink {
                    sink.text(text, budget);
                }
                return Ok(());
            }
        }
        if let Some(sink) = sink {
            local.shrink_to_fit();
            sink.tree(local, budget);
        }
        Ok(())
    }
}

/// A key of an object, cut to the key length limit.
struct KeySeed<'b>(&'b mut Budget);

impl KeySeed<'_> {
    fn cut(self, key: &str) -> Option<Box<str>> {
        let cut = cut_key(key, self.0.limits.key_len)?;
        self.0.dropped();
        Some(cut)
    }
}

impl<'de> DeserializeSeed<'de> for KeySeed<'_> {
    type Value = Box<str>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Box<str>, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl Visitor<'_> for KeySeed<'_> {
    type Value = Box<str>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a key")
    }

    fn visit_str<E>(self, key: &str) -> Result<Box<str>, E> {
        Ok(self.cut(key).unwrap_or_else(|| key.into()))
    }

    fn visit_string<E>(self, key: String) -> Result<Box<str>, E> {
        Ok(match self.cut(&key) {
            Some(cut) => cut,
            None => key.into_boxed_str(),
        })
    }
}
#[cfg(test)]
mod tests {
    use super::*;
    use crate::DetailsLimits;

    const DEPTH: usize = DetailsLimits::DEFAULT.depth;

    fn details(json: &str) -> Details {
        let mut deserializer = serde_json::Deserializer::from_str(json);
        let mut details = Details::new();
        let mut budget = Budget::new(DetailsLimits::DEFAULT, json.len());
        DetailsSeed {
            details: &mut details,
            budget: &mut budget,
        }
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
        let kept = details(&deep(DEPTH - 2));
        assert_eq!(kept.flatten().count(), 2);
        assert!(json(&kept).contains("lost"));

        let dropped = details(&deep(DEPTH - 1));
        assert_eq!(dropped.flatten().count(), 1);
        assert_eq!(dropped.get("top"), Some(&["kept".to_owned()][..]));
        assert!(!json(&dropped).contains("lost"));
    }
}
