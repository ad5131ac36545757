//! [`Details`]: the insertion-ordered tree under an envelope's `details` key.

mod map;
mod path;
mod serde_impl;

use std::borrow::Cow;
use std::fmt;

use map::Map;
pub(crate) use map::reserve_one;
pub use path::{FieldPath, Flatten};

/// The key Django REST Framework uses for errors of a whole object rather than one field.
pub const NON_FIELD_ERRORS: &str = "non_field_errors";

/// Field errors of an error response: field → messages, or field → a nested tree.
///
/// This is exactly the shape Django REST Framework 3.18 writes:
/// a nested object for a nested struct (`{"address":{"postcode":[…]}}`), list items keyed by
/// their decimal index with only the failing items present (`{"items":{"1":{"amount":[…]}}}`),
/// and [`NON_FIELD_ERRORS`] for errors of a whole object.
///
/// Keys keep their insertion order, on the wire and in equality: two `Details` with the same
/// entries in a different order are not equal, because order is part of what a client shows.
///
/// ```
/// use error_contract::Details;
///
/// let details = Details::new()
///     .with("email", "Enter a valid email address.")
///     .with("currency", "Invalid currency code. Must be one of: GBP, EUR, USD");
/// assert_eq!(details.get("email"), Some(&["Enter a valid email address.".to_owned()][..]));
/// assert_eq!(
///     details.to_string(),
///     "email: Enter a valid email address.\ncurrency: Invalid currency code. Must be one of: GBP, EUR, USD",
/// );
/// ```
///
/// A tree of a few keys is a single exactly sized list; a lookup in a larger one is hashed.
#[derive(Clone, Default)]
pub struct Details {
    entries: Map,
}

/// What one key of [`Details`] holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Detail {
    /// Messages about this field.
    Messages(Vec<String>),
    /// Errors inside a nested object or list (list items are keyed by decimal index).
    Nested(Details),
}

impl Details {
    /// An empty tree. Allocates nothing.
    pub const fn new() -> Self {
        Self {
            entries: Map::new(),
        }
    }

    /// Number of top-level keys.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are no keys at all.
    pub fn is_empty(&self) -> bool {
        self.entries.len() == 0
    }

    /// Adds a message under `key`.
    ///
    /// A key seen before keeps its place. If `key` holds a nested tree, the message goes to
    /// that tree's [`NON_FIELD_ERRORS`], which is where DRF puts errors of a nested object.
    pub fn push(&mut self, key: impl Into<String>, message: impl Into<String>) -> &mut Self {
        self.insert_detail(
            key.into().into_boxed_str(),
            Detail::Messages(vec![message.into()]),
        );
        self
    }

    /// [`push`](Self::push) as a builder.
    #[must_use]
    pub fn with(mut self, key: impl Into<String>, message: impl Into<String>) -> Self {
        self.push(key, message);
        self
    }

    /// Puts a nested tree under `key` (a nested object, or a list keyed by index).
    ///
    /// Nesting onto a key that already holds a tree merges the two; nesting onto a key that
    /// holds messages keeps them, as the nested tree's [`NON_FIELD_ERRORS`].
    pub fn nest(&mut self, key: impl Into<String>, nested: Details) -> &mut Self {
        self.insert_detail(key.into().into_boxed_str(), Detail::Nested(nested));
        self
    }

    /// [`nest`](Self::nest) as a builder.
    #[must_use]
    pub fn with_nested(mut self, key: impl Into<String>, nested: Details) -> Self {
        self.nest(key, nested);
        self
    }

    /// Adds every entry of `other`, after this tree's own, merging keys both hold.
    pub fn merge(&mut self, other: Details) {
        if self.is_empty() {
            // Nothing to merge with: take the other tree whole, rather than copy its entries.
            *self = other;
            return;
        }
        for (key, detail) in other.entries.into_entries() {
            self.insert_detail(key, detail);
        }
    }

    /// Adds one entry, merging it with what `key` already holds: messages onto messages are
    /// appended, a tree onto a tree merges, and messages meeting a tree go to (or become) its
    /// [`NON_FIELD_ERRORS`].
    pub(crate) fn insert_detail(&mut self, key: Box<str>, detail: Detail) {
        let nested = match detail {
            Detail::Messages(messages) => {
                self.insert_messages(key, messages);
                return;
            }
            Detail::Nested(nested) => nested,
        };
        let Some(at) = self.entries.find(&key) else {
            self.entries.append(key, Detail::Nested(nested));
            return;
        };
        let existing = self.entries.at_mut(at);
        if let Detail::Nested(tree) = existing {
            tree.merge(nested);
            return;
        }
        // Messages meeting a tree go first, as DRF writes `non_field_errors` first.
        let mut tree = Details::new();
        if let Detail::Messages(messages) =
            std::mem::replace(existing, Detail::Messages(Vec::new()))
        {
            tree.entries
                .append(NON_FIELD_ERRORS.into(), Detail::Messages(messages));
        }
        tree.merge(nested);
        *existing = Detail::Nested(tree);
    }

    /// Adds messages under `key` as [`insert_detail`](Self::insert_detail) does, and returns
    /// the list they joined: the key's own, or its tree's [`NON_FIELD_ERRORS`].
    pub(crate) fn insert_messages(
        &mut self,
        key: Box<str>,
        messages: Vec<String>,
    ) -> &mut Vec<String> {
        let at = match self.entries.find(&key) {
            Some(at) => at,
            None => self.entries.append(key, Detail::Messages(Vec::new())),
        };
        match self.entries.at_mut(at) {
            Detail::Messages(existing) => {
                if existing.is_empty() {
                    *existing = messages;
                } else {
                    existing.extend(messages);
                }
                existing
            }
            Detail::Nested(tree) => tree.insert_messages(NON_FIELD_ERRORS.into(), messages),
        }
    }

    /// Room for `additional` more keys, exactly.
    pub(crate) fn reserve_exact(&mut self, additional: usize) {
        self.entries.reserve_exact(additional);
    }

    /// Gives back the room a finished tree does not use (not its subtrees').
    pub(crate) fn shrink_to_fit(&mut self) {
        self.entries.shrink_to_fit();
    }

    /// The messages directly under a top-level `key`; `None` if it is absent or nested.
    pub fn get(&self, key: &str) -> Option<&[String]> {
        match self.entries.get(key)? {
            Detail::Messages(messages) => Some(messages),
            Detail::Nested(_) => None,
        }
    }

    /// The nested tree under a top-level `key`; `None` if it is absent or holds messages.
    pub fn nested(&self, key: &str) -> Option<&Details> {
        match self.entries.get(key)? {
            Detail::Nested(nested) => Some(nested),
            Detail::Messages(_) => None,
        }
    }

    /// What a top-level `key` holds, messages or a tree.
    pub fn detail(&self, key: &str) -> Option<&Detail> {
        self.entries.get(key)
    }

    /// Whether `key` is a top-level key.
    pub fn contains_key(&self, key: &str) -> bool {
        self.entries.find(key).is_some()
    }

    /// The messages at a path such as `"items.1.amount"` or `"items[1].amount"`.
    ///
    /// The path splits on `.` and on `[n]`; a key that itself contains `.` or `[` is reached
    /// through [`nested`](Self::nested) and [`get`](Self::get) instead.
    pub fn at(&self, path: &str) -> Option<&[String]> {
        path::at(self, path)
    }

    /// Every list of messages with its dotted path (`"items.1.amount"`), in order.
    ///
    /// The path is a [`FieldPath`], which prints and compares as the dotted text and lends
    /// the tree's keys: walking a tree costs no string per field, however long its keys.
    ///
    /// ```
    /// use error_contract::Details;
    ///
    /// let details = Details::new()
    ///     .with("customer", "This field is required.")
    ///     .with_nested("items", Details::new().with_nested("1", Details::new().with("amount", "Must be positive.")));
    /// for (field, messages) in details.flatten() {
    ///     println!("{field}: {}", messages.join(", "));
    /// }
    /// let paths: Vec<String> = details.flatten().map(|(path, _)| path.to_string()).collect();
    /// assert_eq!(paths, ["customer", "items.1.amount"]);
    /// ```
    pub fn flatten(&self) -> Flatten<'_> {
        Flatten::new(self)
    }

    /// The top-level entries in order.
    pub fn iter(&self) -> Iter<'_> {
        Iter {
            inner: self.entries.entries().iter(),
        }
    }
}

/// Iterator over the top-level entries of [`Details`], from [`Details::iter`].
#[derive(Debug, Clone)]
pub struct Iter<'a> {
    inner: std::slice::Iter<'a, map::Entry>,
}

impl<'a> Iterator for Iter<'a> {
    type Item = (&'a str, &'a Detail);

    fn next(&mut self) -> Option<Self::Item> {
        self.inner.next().map(|(key, detail)| (&**key, detail))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.inner.size_hint()
    }
}

impl ExactSizeIterator for Iter<'_> {}

impl<'a> IntoIterator for &'a Details {
    type Item = (&'a str, &'a Detail);
    type IntoIter = Iter<'a>;

    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

/// Order-sensitive: the same entries in another order are a different response.
impl PartialEq for Details {
    fn eq(&self, other: &Self) -> bool {
        self.entries.entries() == other.entries.entries()
    }
}

impl Eq for Details {}

impl fmt::Debug for Details {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

/// One line per flattened path, `"email: Enter a valid email address."`, messages of one
/// path joined with `", "` (the guide's `print(f"{field}: {', '.join(messages)}")`).
///
/// Written straight from the tree: no path is built as a string.
impl fmt::Display for Details {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut first = true;
        path::walk(self, |path, messages| {
            if !first {
                f.write_str("\n")?;
            }
            first = false;
            write!(f, "{}: ", FieldPath::from_segments(path))?;
            for (position, message) in messages.iter().enumerate() {
                if position > 0 {
                    f.write_str(", ")?;
                }
                f.write_str(message)?;
            }
            Ok(())
        })
    }
}

/// Collects `(field, message)` pairs, as [`push`](Details::push) does.
impl<K: Into<String>, M: Into<String>> FromIterator<(K, M)> for Details {
    fn from_iter<I: IntoIterator<Item = (K, M)>>(iter: I) -> Self {
        let mut details = Details::new();
        details.extend(iter);
        details
    }
}

impl<K: Into<String>, M: Into<String>> Extend<(K, M)> for Details {
    fn extend<I: IntoIterator<Item = (K, M)>>(&mut self, iter: I) {
        for (key, message) in iter {
            self.push(key, message);
        }
    }
}

/// Turns a type's validation failures into [`Details`].
///
/// Implement it for your form-error type and mark the field `#[api(details)]`.
pub trait ToDetails {
    /// The field errors, in the order they should be shown.
    fn to_details(&self) -> Details;

    /// The field errors, borrowed when the type holds them as [`Details`] already, so that
    /// writing a body clones nothing. Defaults to [`to_details`](Self::to_details), owned.
    /// Hidden: a speed path the derive uses, not part of the contract.
    #[doc(hidden)]
    fn details_ref(&self) -> Cow<'_, Details> {
        Cow::Owned(self.to_details())
    }
}

impl ToDetails for Details {
    fn to_details(&self) -> Details {
        self.clone()
    }

    fn details_ref(&self) -> Cow<'_, Details> {
        Cow::Borrowed(self)
    }
}

impl<T: ToDetails + ?Sized> ToDetails for &T {
    fn to_details(&self) -> Details {
        (**self).to_details()
    }

    fn details_ref(&self) -> Cow<'_, Details> {
        (**self).details_ref()
    }
}

impl<T: ToDetails + ?Sized> ToDetails for Box<T> {
    fn to_details(&self) -> Details {
        (**self).to_details()
    }

    fn details_ref(&self) -> Cow<'_, Details> {
        (**self).details_ref()
    }
}

impl<T: ToDetails> ToDetails for Option<T> {
    fn to_details(&self) -> Details {
        self.as_ref().map(ToDetails::to_details).unwrap_or_default()
    }

    fn details_ref(&self) -> Cow<'_, Details> {
        match self {
            Some(details) => details.details_ref(),
            None => Cow::Owned(Details::new()),
        }
    }
}
