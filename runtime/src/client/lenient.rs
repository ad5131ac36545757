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
//! `serde_json::Value`, whose map is sorted unless `preserve_order` happens to be on.
//! Containers nested deeper than [`MAX_DEPTH`] below the root are skipped, so the decoder's own
//! recursion is bounded whatever the deserializer allows.

use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use crate::details::{Detail, Details, NON_FIELD_ERRORS};

/// How many containers deep, counted from the root of `details`, values are decoded. Deeper
/// arrays and objects are read and dropped; DRF's deepest real bodies are a few levels.
pub(crate) const MAX_DEPTH: usize = 64;

/// Keys of an object in a list that make it a message object rather than a list item.
const MESSAGE_KEYS: [&str; 3] = ["message", "detail", "msg"];

/// The reading of one JSON value.
#[derive(Debug)]
pub(crate) enum Node {
    /// `null`, or a container too deep to decode.
    Nothing,
    /// A string, a number or a boolean (numbers and booleans as their JSON text), or a message
    /// object met in a list.
    Text(String),
    /// An array with messages only (possibly none).
    Messages(Vec<String>),
    /// An object, or an array with per-item errors keyed by index.
    Tree(Details),
}

impl Node {
    /// The reading of a value at the root of `details`: a tree as it is; a message or a list of
    /// messages goes under [`NON_FIELD_ERRORS`]; nothing is empty.
    pub(crate) fn into_root_details(self) -> Details {
        match self {
            Node::Nothing => Details::new(),
            Node::Text(text) => non_field_errors(vec![text]),
            Node::Messages(messages) if messages.is_empty() => Details::new(),
            Node::Messages(messages) => non_field_errors(messages),
            Node::Tree(details) => details,
        }
    }
}

fn non_field_errors(messages: Vec<String>) -> Details {
    let mut details = Details::new();
    details.insert_detail(NON_FIELD_ERRORS.to_owned(), Detail::Messages(messages));
    details
}

/// Adds what `key` holds to `details`; a key holding nothing is dropped, a repeated key merges.
fn insert(details: &mut Details, key: String, node: Node) {
    match node {
        Node::Nothing => {}
        Node::Text(text) => details.insert_detail(key, Detail::Messages(vec![text])),
        Node::Messages(messages) => details.insert_detail(key, Detail::Messages(messages)),
        Node::Tree(tree) => details.insert_detail(key, Detail::Nested(tree)),
    }
}

/// Reads the value at the root of `details` (or of a bare DRF body) as [`Details`].
pub(crate) struct DetailsSeed;

impl<'de> DeserializeSeed<'de> for DetailsSeed {
    type Value = Details;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Details, D::Error> {
        NodeSeed::value(0)
            .deserialize(deserializer)
            .map(Node::into_root_details)
    }
}

/// Reads one value as a [`Node`].
#[derive(Clone, Copy)]
pub(crate) struct NodeSeed {
    /// Containers above this value, counted from the root of `details`.
    depth: usize,
    /// Whether the value is an element of an array, where an object may be a message object.
    in_array: bool,
}

impl NodeSeed {
    /// A value under an object key, or the root, at `depth`.
    pub(crate) fn value(depth: usize) -> Self {
        Self {
            depth,
            in_array: false,
        }
    }

    fn element(depth: usize) -> Self {
        Self {
            depth,
            in_array: true,
        }
    }
}

impl<'de> DeserializeSeed<'de> for NodeSeed {
    type Value = Node;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Node, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for NodeSeed {
    type Value = Node;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, value: bool) -> Result<Node, E> {
        Ok(Node::Text(value.to_string()))
    }

    fn visit_i64<E>(self, value: i64) -> Result<Node, E> {
        Ok(Node::Text(value.to_string()))
    }

    fn visit_u64<E>(self, value: u64) -> Result<Node, E> {
        Ok(Node::Text(value.to_string()))
    }

    fn visit_i128<E>(self, value: i128) -> Result<Node, E> {
        Ok(Node::Text(value.to_string()))
    }

    fn visit_u128<E>(self, value: u128) -> Result<Node, E> {
        Ok(Node::Text(value.to_string()))
    }

    fn visit_f64<E>(self, value: f64) -> Result<Node, E> {
        Ok(Node::Text(value.to_string()))
    }

    fn visit_str<E>(self, value: &str) -> Result<Node, E> {
        Ok(Node::Text(value.to_owned()))
    }

    fn visit_string<E>(self, value: String) -> Result<Node, E> {
        Ok(Node::Text(value))
    }

    fn visit_unit<E>(self) -> Result<Node, E> {
        Ok(Node::Nothing)
    }

    fn visit_none<E>(self) -> Result<Node, E> {
        Ok(Node::Nothing)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Node, D::Error> {
        self.deserialize(deserializer)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        if self.depth >= MAX_DEPTH {
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            return Ok(Node::Nothing);
        }
        let element = NodeSeed::element(self.depth + 1);
        let mut messages = Vec::new();
        let mut items: Option<Details> = None;
        let mut index = 0_usize;
        while let Some(node) = seq.next_element_seed(element)? {
            match node {
                Node::Nothing => {}
                Node::Text(text) => messages.push(text),
                // An empty list or `{}` is the placeholder of an item without errors.
                Node::Messages(list) if list.is_empty() => {}
                Node::Tree(tree) if tree.is_empty() => {}
                Node::Messages(list) => items
                    .get_or_insert_with(Details::new)
                    .insert_detail(index.to_string(), Detail::Messages(list)),
                Node::Tree(tree) => items
                    .get_or_insert_with(Details::new)
                    .insert_detail(index.to_string(), Detail::Nested(tree)),
            }
            index += 1;
        }
        Ok(match items {
            None => Node::Messages(messages),
            Some(items) if messages.is_empty() => Node::Tree(items),
            // Messages about the list as a whole go first, as DRF puts `non_field_errors`.
            Some(items) => {
                let mut tree = non_field_errors(messages);
                tree.merge(items);
                Node::Tree(tree)
            }
        })
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        if self.depth >= MAX_DEPTH {
            while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
            return Ok(Node::Nothing);
        }
        let value = NodeSeed::value(self.depth + 1);
        let mut details = Details::new();
        while let Some(key) = map.next_key::<String>()? {
            let node = map.next_value_seed(value)?;
            if self.in_array
                && MESSAGE_KEYS.contains(&key.as_str())
                && let Node::Text(text) = node
            {
                // `{"message": "…", "code": "…"}`: only the text is kept.
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                return Ok(Node::Text(text));
            }
            insert(&mut details, key, node);
        }
        Ok(Node::Tree(details))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn details(json: &str) -> Details {
        let mut deserializer = serde_json::Deserializer::from_str(json);
        let details = DetailsSeed.deserialize(&mut deserializer).unwrap();
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
