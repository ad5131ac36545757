//! Every value of a JSON body that does not fit its type, in one answer, as Django REST
//! Framework reports every field at once (serde stops at the first).
//!
//! Only a body that failed already is read here, so a body that fits costs nothing more. It
//! is parsed into a [`Node`] tree (its objects' keys in order), and the type is deserialised
//! from that tree through [`Cursor`], which checks each value against what the type asks
//! for (`deserialize_u8`, `deserialize_str`, a struct's fields, an enum's variants) before
//! handing it over. A value that does not fit is noted with its path and replaced by one
//! that does (0, `""`, `false`, an empty list, the first variant), so the rest of the body
//! is still read; a value under a wrong container is filled in silently, as its container's
//! error covers it. A required field serde finds missing is noted, and the pass runs again
//! with the field filled in, at most [`MAX_PASSES`] times. What this cannot read (a type's
//! own `Deserialize` refusing a value it was given, a tuple of the wrong length) ends it:
//! the caller then reports serde's first error alone, as before. A body over [`MAX_BODY`]
//! is not read again, and at most [`MAX_FOUND`] values are noted, so a hostile body costs
//! a bounded multiple of itself.

use std::cell::RefCell;
use std::collections::HashSet;
use std::fmt;

use serde::de::value::{Error, StrDeserializer};
use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Deserializer, EnumAccess, IntoDeserializer, MapAccess,
    SeqAccess, VariantAccess, Visitor,
};
use serde::forward_to_deserialize_any;

use super::mismatch::{Input, Mismatch};
use super::problem::{Expected, Got, Problem};
use crate::{Detail, Details, NON_FIELD_ERRORS};

/// The most passes one body gets: one more for each required field found missing.
const MAX_PASSES: usize = 32;

/// The longest body read again: the tree costs a multiple of the body, so a larger body that
/// failed reports serde's first error alone.
const MAX_BODY: usize = 256 * 1024;

/// The most values noted: a body of thousands of wrong values is answered with the first of
/// them, and costs no more.
const MAX_FOUND: usize = 256;

/// What a second reading of a body found. (Without `validator`, only the mismatches are used.)
#[cfg_attr(
    not(all(feature = "axum", feature = "validator")),
    allow(dead_code, reason = "the value and the order serve `Valid`")
)]
pub(crate) struct Reading<T> {
    /// `T`, with a substitute in place of each value that did not fit.
    pub(crate) value: T,
    /// The values that did not fit, in the body's order (missing fields after the rest).
    pub(crate) mismatches: Vec<Mismatch>,
    /// The fields of each struct met, in their declaration order.
    pub(crate) fields: FieldOrder,
}

/// The reading of `body` as `T`; `None` when this reading cannot account for a failure (the
/// caller reports serde's own error), or the body is over [`MAX_BODY`].
pub(crate) fn read<T: DeserializeOwned>(body: &[u8]) -> Option<Reading<T>> {
    if body.len() > MAX_BODY {
        return None;
    }
    let node: Node = serde_json::from_slice(body).ok()?;
    read_node(&node, Input::JsonBody)
}

/// The reading of a query string's or a form body's pairs as `T`, each value text that is
/// read as whatever `T` asks for (`2` as an integer, `true` as a boolean) when it parses so.
pub(crate) fn read_pairs<T: DeserializeOwned>(
    input: Input,
    pairs: &[(String, String)],
) -> Option<Reading<T>> {
    let bytes: usize = pairs
        .iter()
        .map(|(key, value)| key.len() + value.len())
        .sum();
    if bytes > MAX_BODY {
        return None;
    }
    let entries = pairs
        .iter()
        .map(|(key, value)| (key.clone(), Node::Text(value.clone())))
        .collect();
    read_node(&Node::Object(entries), input)
}

/// `T` read from `node`, the values that do not fit noted as parts of `input`.
fn read_node<T: DeserializeOwned>(node: &Node, input: Input) -> Option<Reading<T>> {
    let state = State::default();
    for _ in 0..MAX_PASSES {
        state.found.borrow_mut().clear();
        state.new_required.set(false);
        let result = T::deserialize(Cursor::new(Slot::Value(node), Vec::new(), &state));
        match result {
            Ok(value) => {
                let mismatches = state
                    .found
                    .take()
                    .into_iter()
                    .map(|(path, problem)| Mismatch::new(input, path, problem))
                    .collect();
                return Some(Reading {
                    value,
                    mismatches,
                    fields: FieldOrder(state.fields.take()),
                });
            }
            // A required field found missing: again, with it filled in.
            Err(_) if state.new_required.get() => {}
            Err(_) => return None,
        }
    }
    None
}

impl<T> Reading<T> {
    /// The rejection of every value that did not fit and of the rules `broken` finds broken
    /// on the value as read (except where a value did not fit), each tree's keys in the
    /// declaration order of its struct; `None` when all fit and no rule is broken.
    #[cfg(all(feature = "axum", feature = "validator"))]
    pub(crate) fn rejection(
        self,
        broken: impl FnOnce(&T) -> Option<Details>,
    ) -> Option<super::Rejection> {
        use crate::CommonError;

        let rules = broken(&self.value);
        if self.mismatches.is_empty() && rules.is_none() {
            return None;
        }
        let all = Mismatch::into_rejection_all(&self.mismatches, rules);
        let CommonError::ValidationError(details) = all.error() else {
            return Some(all);
        };
        let arranged = self.fields.arrange(details);
        Some(super::Rejection::new(
            CommonError::ValidationError(arranged),
            all.cause().to_owned(),
        ))
    }
}

/// The fields of each struct a reading met, by path, in declaration order.
#[cfg_attr(
    not(all(feature = "axum", feature = "validator")),
    allow(dead_code, reason = "the order serves `Valid`")
)]
pub(crate) struct FieldOrder(Vec<(Vec<String>, &'static [&'static str])>);

#[cfg_attr(
    not(all(feature = "axum", feature = "validator")),
    allow(dead_code, reason = "the order serves `Valid`")
)]
impl FieldOrder {
    /// `details` with each tree's keys in the declaration order of the struct at its path,
    /// as Django REST Framework orders a serializer's errors: `non_field_errors` first, then
    /// the fields, then any other key in the order it had.
    pub(crate) fn arrange(&self, details: &Details) -> Details {
        self.arrange_at(&mut Vec::new(), details)
    }

    fn arrange_at(&self, path: &mut Vec<String>, details: &Details) -> Details {
        let fields = self
            .0
            .iter()
            .find(|(at, _)| at == path)
            .map_or(&[][..], |(_, fields)| *fields);
        let mut entries: Vec<(usize, &str, &Detail)> = details
            .iter()
            .enumerate()
            .map(|(index, (key, detail))| (index, key, detail))
            .collect();
        entries.sort_by_key(|(index, key, _)| {
            let declared = fields.iter().position(|field| field == key);
            (
                *key != NON_FIELD_ERRORS,
                declared.unwrap_or(usize::MAX),
                *index,
            )
        });
        let mut arranged = Details::new();
        for (_, key, detail) in entries {
            let detail = match detail {
                Detail::Messages(messages) => Detail::Messages(messages.clone()),
                Detail::Nested(nested) => {
                    path.push(key.to_owned());
                    let nested = self.arrange_at(path, nested);
                    path.pop();
                    Detail::Nested(nested)
                }
            };
            arranged.insert_detail(key.into(), detail);
        }
        arranged
    }
}

/// A JSON value, objects keeping their keys' order; or a query string's text.
#[derive(Debug)]
enum Node {
    /// A value of a query string or a form: text, read as what the type asks for when it
    /// parses as that.
    Text(String),
    Null,
    Bool(bool),
    Unsigned(u64),
    Signed(i64),
    Float(f64),
    String(String),
    List(Vec<Node>),
    Object(Vec<(String, Node)>),
}

impl Node {
    fn got(&self) -> Got {
        match self {
            Node::Null => Got::Null,
            Node::Bool(_) => Got::Boolean,
            Node::Unsigned(_) | Node::Signed(_) => Got::Integer,
            Node::Float(_) => Got::Float,
            Node::String(_) | Node::Text(_) => Got::String,
            Node::List(_) => Got::List,
            Node::Object(_) => Got::Object,
        }
    }
}

impl<'de> de::Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_unit<E>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }

    fn visit_bool<E>(self, value: bool) -> Result<Node, E> {
        Ok(Node::Bool(value))
    }

    fn visit_u64<E>(self, value: u64) -> Result<Node, E> {
        Ok(Node::Unsigned(value))
    }

    fn visit_i64<E>(self, value: i64) -> Result<Node, E> {
        Ok(Node::Signed(value))
    }

    fn visit_f64<E>(self, value: f64) -> Result<Node, E> {
        Ok(Node::Float(value))
    }

    fn visit_str<E>(self, value: &str) -> Result<Node, E> {
        Ok(Node::String(value.to_owned()))
    }

    fn visit_string<E>(self, value: String) -> Result<Node, E> {
        Ok(Node::String(value))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Node::List(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut entries = Vec::new();
        while let Some(entry) = map.next_entry()? {
            entries.push(entry);
        }
        Ok(Node::Object(entries))
    }
}

/// What one pass has found, and the required fields earlier passes found missing.
#[derive(Default)]
struct State {
    found: RefCell<Vec<(Vec<String>, Problem)>>,
    /// The fields of each struct met, by path (the first time it is met).
    fields: RefCell<Vec<(Vec<String>, &'static [&'static str])>>,
    required: RefCell<HashSet<Vec<String>>>,
    new_required: std::cell::Cell<bool>,
}

impl State {
    fn note(&self, path: &[String], problem: Problem) {
        let mut found = self.found.borrow_mut();
        if found.len() < MAX_FOUND {
            found.push((path.to_vec(), problem));
        }
    }
}

/// What a cursor stands on.
#[derive(Clone, Copy)]
enum Slot<'n> {
    /// A value of the body.
    Value(&'n Node),
    /// Nothing to read: a substitute, silently (its container's error covers it).
    Filler,
    /// A required field the body lacks: noted, then a substitute.
    Required,
}

/// The deserializer over one place of the body.
struct Cursor<'n, 's> {
    slot: Slot<'n>,
    path: Vec<String>,
    state: &'s State,
}

impl<'n, 's> Cursor<'n, 's> {
    fn new(slot: Slot<'n>, path: Vec<String>, state: &'s State) -> Self {
        Self { slot, path, state }
    }

    /// The cursor at `key` below this one.
    fn child(&self, slot: Slot<'n>, key: String) -> Cursor<'n, 's> {
        let mut path = self.path.clone();
        path.push(key);
        Cursor::new(slot, path, self.state)
    }

    /// Notes a value of the wrong kind (or a missing one) where `expected` was wanted.
    fn wrong(&self, expected: &str, node: &Node) {
        let problem = Problem::WrongType {
            expected: Expected::from_serde(expected),
            got: node.got(),
        };
        self.state.note(&self.path, problem);
    }

    /// Notes a required field the body lacks.
    fn missing(&self) {
        if let Some((field, parent)) = self.path.split_last() {
            self.state.note(parent, Problem::Missing(field.clone()));
        }
    }

    /// An integer of `name`'s range: the visitor gets it as `i128`/`u128` narrowed, or a 0.
    fn integer<'de, V: Visitor<'de>>(
        self,
        name: &str,
        range: (i128, u128),
        visitor: V,
    ) -> Result<V::Value, Error> {
        let value: Option<i128> = match self.slot {
            Slot::Value(Node::Unsigned(value)) => {
                let fits = u128::from(*value) <= range.1;
                if !fits {
                    self.note_range(name, false);
                }
                fits.then(|| i128::from(*value))
            }
            Slot::Value(Node::Signed(value)) => {
                let value = i128::from(*value);
                let fits = value >= range.0 && u128::try_from(value).map_or(true, |v| v <= range.1);
                if !fits {
                    self.note_range(name, value < range.0);
                }
                fits.then_some(value)
            }
            Slot::Value(node @ Node::Text(text)) => match text.parse::<i128>() {
                Ok(value) => {
                    let fits =
                        value >= range.0 && u128::try_from(value).map_or(true, |v| v <= range.1);
                    if !fits {
                        self.note_range(name, value < range.0);
                    }
                    fits.then_some(value)
                }
                Err(_) => {
                    self.wrong(name, node);
                    None
                }
            },
            Slot::Value(node) => {
                self.wrong(name, node);
                None
            }
            Slot::Filler => None,
            Slot::Required => {
                self.missing();
                None
            }
        };
        let value = value.unwrap_or(0);
        match u64::try_from(value) {
            Ok(unsigned) => visitor.visit_u64(unsigned),
            // Only a signed value below 0, within an `i64`, gets here.
            Err(_) => visitor.visit_i64(i64::try_from(value).unwrap_or_default()),
        }
    }

    /// Notes an integer outside `name`'s range.
    fn note_range(&self, name: &str, below: bool) {
        let problem = Problem::OutOfRange {
            expected: Expected::from_serde(name),
            below,
        };
        self.state.note(&self.path, problem);
    }

    /// The value to read when it is a `kind`; else the wrong kind is noted (or the missing
    /// field) and `None` is read as the substitute.
    fn take(&self, expected: &str, fits: impl Fn(&Node) -> bool) -> Option<&'n Node> {
        match self.slot {
            Slot::Value(node) if fits(node) => Some(node),
            Slot::Value(node) => {
                self.wrong(expected, node);
                None
            }
            Slot::Filler => None,
            Slot::Required => {
                self.missing();
                None
            }
        }
    }
}

macro_rules! integers {
    ($($method:ident $type:ty, $name:literal;)*) => {
        $(
            fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
                let range = (i128::from(<$type>::MIN), u128::try_from(<$type>::MAX).unwrap_or(u128::MAX));
                self.integer($name, range, visitor)
            }
        )*
    };
}

impl<'de> Deserializer<'de> for Cursor<'_, '_> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.slot {
            Slot::Value(Node::Null) | Slot::Filler => visitor.visit_unit(),
            Slot::Value(Node::Bool(value)) => visitor.visit_bool(*value),
            Slot::Value(Node::Unsigned(value)) => visitor.visit_u64(*value),
            Slot::Value(Node::Signed(value)) => visitor.visit_i64(*value),
            Slot::Value(Node::Float(value)) => visitor.visit_f64(*value),
            Slot::Value(Node::String(value) | Node::Text(value)) => visitor.visit_str(value),
            Slot::Value(Node::List(items)) => visitor.visit_seq(Items::new(&self, items)),
            Slot::Value(Node::Object(entries)) => {
                visitor.visit_map(Entries::new(&self, entries, &[]))
            }
            Slot::Required => {
                self.missing();
                visitor.visit_unit()
            }
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let boolean = |node: &Node| {
            matches!(node, Node::Bool(_))
                || matches!(node, Node::Text(text) if text == "true" || text == "false")
        };
        match self.take("a boolean", boolean) {
            Some(Node::Bool(value)) => visitor.visit_bool(*value),
            Some(Node::Text(text)) => visitor.visit_bool(text == "true"),
            _ => visitor.visit_bool(false),
        }
    }

    integers! {
        deserialize_u8 u8, "u8";
        deserialize_u16 u16, "u16";
        deserialize_u32 u32, "u32";
        deserialize_u64 u64, "u64";
        deserialize_i8 i8, "i8";
        deserialize_i16 i16, "i16";
        deserialize_i32 i32, "i32";
        deserialize_i64 i64, "i64";
    }

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_f64(visitor)
    }

    #[allow(
        clippy::cast_precision_loss,
        reason = "as serde_json reads an integer as a float"
    )]
    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let number = |node: &Node| match node {
            Node::Unsigned(_) | Node::Signed(_) | Node::Float(_) => true,
            Node::Text(text) => text.parse::<f64>().is_ok(),
            _ => false,
        };
        match self.take("f64", number) {
            Some(Node::Unsigned(value)) => visitor.visit_f64(*value as f64),
            Some(Node::Signed(value)) => visitor.visit_f64(*value as f64),
            Some(Node::Float(value)) => visitor.visit_f64(*value),
            Some(Node::Text(text)) => visitor.visit_f64(text.parse().unwrap_or_default()),
            _ => visitor.visit_f64(0.0),
        }
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let one = |node: &Node| matches!(node, Node::String(text) | Node::Text(text) if text.chars().count() == 1);
        match self.take("a character", one) {
            Some(Node::String(text) | Node::Text(text)) => visitor.visit_str(text),
            _ => visitor.visit_char('\0'),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.take("a string", |node| {
            matches!(node, Node::String(_) | Node::Text(_))
        }) {
            Some(Node::String(text) | Node::Text(text)) => visitor.visit_str(text),
            _ => visitor.visit_str(""),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.slot {
            Slot::Value(Node::Null) | Slot::Filler | Slot::Required => visitor.visit_none(),
            Slot::Value(_) => visitor.visit_some(self),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.take("unit", |node| matches!(node, Node::Null));
        visitor.visit_unit()
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.take("a sequence", |node| matches!(node, Node::List(_))) {
            Some(Node::List(items)) => visitor.visit_seq(Items::new(&self, items)),
            _ => visitor.visit_seq(Items::new(&self, &[])),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value, Error> {
        let expected = format!("a tuple of size {len}");
        match self.take(&expected, |node| matches!(node, Node::List(_))) {
            Some(Node::List(items)) => visitor.visit_seq(Items::new(&self, items)),
            _ => visitor.visit_seq(Items::fillers(&self, len)),
        }
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_tuple(len, visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.take("a map", |node| matches!(node, Node::Object(_))) {
            Some(Node::Object(entries)) => visitor.visit_map(Entries::new(&self, entries, &[])),
            _ => visitor.visit_map(Entries::new(&self, &[], &[])),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        {
            let mut met = self.state.fields.borrow_mut();
            if !met.iter().any(|(path, _)| *path == self.path) {
                met.push((self.path.clone(), fields));
            }
        }
        let expected = format!("struct {name}");
        let result = match self.take(&expected, |node| matches!(node, Node::Object(_))) {
            Some(Node::Object(entries)) => visitor.visit_map(Entries::new(&self, entries, fields)),
            // A struct given something else: its fields are filled in, silently.
            _ => visitor.visit_map(Entries::fillers(&self, fields)),
        };
        result.inspect_err(|error| {
            // serde's derive reports a missing field once the map is read: fill it in on the
            // next pass, as a required field.
            if let Some(field) = error
                .to_string()
                .strip_prefix("missing field `")
                .and_then(|rest| rest.strip_suffix('`'))
            {
                let mut path = self.path.clone();
                path.push(field.to_owned());
                if self.state.required.borrow_mut().insert(path) {
                    self.state.new_required.set(true);
                }
            }
        })
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        let first = *variants
            .first()
            .ok_or_else(|| de::Error::custom("an enum without variants"))?;
        let choice = |value: &str| -> &'static str {
            if let Some(known) = variants.iter().find(|variant| **variant == value) {
                return known;
            }
            let problem = Problem::InvalidChoice {
                value: value.to_owned(),
                choices: variants
                    .iter()
                    .map(|variant| (*variant).to_owned())
                    .collect(),
            };
            self.state.note(&self.path, problem);
            first
        };
        match self.slot {
            Slot::Value(Node::String(value) | Node::Text(value)) => {
                let variant = choice(value);
                visitor.visit_enum(Variant {
                    name: variant,
                    content: Slot::Filler,
                    cursor: &self,
                })
            }
            Slot::Value(Node::Object(entries)) if entries.len() == 1 => {
                let (key, content) = &entries[0];
                let variant = choice(key);
                let content = if variant == key {
                    Slot::Value(content)
                } else {
                    Slot::Filler
                };
                visitor.visit_enum(Variant {
                    name: variant,
                    content,
                    cursor: &self,
                })
            }
            Slot::Value(node) => {
                self.wrong("variant identifier", node);
                visitor.visit_enum(Variant {
                    name: first,
                    content: Slot::Filler,
                    cursor: &self,
                })
            }
            Slot::Filler => visitor.visit_enum(Variant {
                name: first,
                content: Slot::Filler,
                cursor: &self,
            }),
            Slot::Required => {
                self.missing();
                visitor.visit_enum(Variant {
                    name: first,
                    content: Slot::Filler,
                    cursor: &self,
                })
            }
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }

    forward_to_deserialize_any! { i128 u128 bytes byte_buf identifier }
}

/// The items of a list.
struct Items<'c, 'n, 's> {
    cursor: &'c Cursor<'n, 's>,
    rest: std::slice::Iter<'n, Node>,
    fillers: usize,
    index: usize,
}

impl<'c, 'n, 's> Items<'c, 'n, 's> {
    fn new(cursor: &'c Cursor<'n, 's>, items: &'n [Node]) -> Self {
        Self {
            cursor,
            rest: items.iter(),
            fillers: 0,
            index: 0,
        }
    }

    fn fillers(cursor: &'c Cursor<'n, 's>, count: usize) -> Self {
        Self {
            cursor,
            rest: [].iter(),
            fillers: count,
            index: 0,
        }
    }
}

impl<'de> SeqAccess<'de> for Items<'_, '_, '_> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        let slot = if let Some(item) = self.rest.next() {
            Slot::Value(item)
        } else if self.fillers > 0 {
            self.fillers -= 1;
            Slot::Filler
        } else {
            return Ok(None);
        };
        let cursor = self.cursor.child(slot, self.index.to_string());
        self.index += 1;
        seed.deserialize(cursor).map(Some)
    }
}

/// The entries of an object: those of the body, then the required fields it lacks.
struct Entries<'c, 'n, 's> {
    cursor: &'c Cursor<'n, 's>,
    rest: std::slice::Iter<'n, (String, Node)>,
    /// The struct's fields, to fill in the missing required ones (or all, as fillers).
    fields: std::slice::Iter<'static, &'static str>,
    present: Vec<&'n str>,
    fill_all: bool,
    value: Option<(String, Slot<'n>)>,
}

impl<'c, 'n, 's> Entries<'c, 'n, 's> {
    fn new(
        cursor: &'c Cursor<'n, 's>,
        entries: &'n [(String, Node)],
        fields: &'static [&'static str],
    ) -> Self {
        Self {
            cursor,
            rest: entries.iter(),
            fields: fields.iter(),
            present: entries.iter().map(|(key, _)| key.as_str()).collect(),
            fill_all: false,
            value: None,
        }
    }

    fn fillers(cursor: &'c Cursor<'n, 's>, fields: &'static [&'static str]) -> Self {
        Self {
            fill_all: true,
            ..Self::new(cursor, &[], fields)
        }
    }
}

impl<'de> MapAccess<'de> for Entries<'_, '_, '_> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        if let Some((key, node)) = self.rest.next() {
            self.value = Some((key.clone(), Slot::Value(node)));
            let key: StrDeserializer<'_, Error> = key.as_str().into_deserializer();
            return seed.deserialize(key).map(Some);
        }
        for field in self.fields.by_ref() {
            if self.present.contains(field) {
                continue;
            }
            let slot = if self.fill_all {
                Slot::Filler
            } else {
                let mut path = self.cursor.path.clone();
                path.push((*field).to_owned());
                if !self.cursor.state.required.borrow().contains(&path) {
                    continue;
                }
                Slot::Required
            };
            self.value = Some(((*field).to_owned(), slot));
            let key: StrDeserializer<'_, Error> = field.into_deserializer();
            return seed.deserialize(key).map(Some);
        }
        Ok(None)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let (key, slot) = self
            .value
            .take()
            .ok_or_else(|| de::Error::custom("a value before its key"))?;
        seed.deserialize(self.cursor.child(slot, key))
    }
}

/// An enum's variant, as read (or substituted).
struct Variant<'c, 'n, 's> {
    name: &'static str,
    content: Slot<'n>,
    cursor: &'c Cursor<'n, 's>,
}

impl<'de> EnumAccess<'de> for Variant<'_, '_, '_> {
    type Error = Error;
    type Variant = Self;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self), Error> {
        let name: StrDeserializer<'_, Error> = self.name.into_deserializer();
        Ok((seed.deserialize(name)?, self))
    }
}

impl<'de> VariantAccess<'de> for Variant<'_, '_, '_> {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        Ok(())
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Error> {
        seed.deserialize(self.cursor.child(self.content, self.name.to_owned()))
    }

    fn tuple_variant<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value, Error> {
        self.cursor
            .child(self.content, self.name.to_owned())
            .deserialize_tuple(len, visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.cursor
            .child(self.content, self.name.to_owned())
            .deserialize_struct(self.name, fields, visitor)
    }
}
