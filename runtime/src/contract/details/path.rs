//! The flat view of a [`Details`] tree: dotted paths in, dotted paths out.

use std::borrow::Cow;
use std::fmt;

use super::map::Entry;
use super::{Detail, Details};

/// The messages at `path`, where `.` and `[n]` both separate keys.
pub(super) fn at<'a>(details: &'a Details, path: &str) -> Option<&'a [String]> {
    let mut keys = keys(path)?.into_iter();
    let mut node = details;
    let mut key = keys.next()?;
    for next in keys {
        node = node.nested(key)?;
        key = next;
    }
    node.get(key)
}

/// Splits `"items[1].amount"` into `["items", "1", "amount"]`; `None` for an unclosed `[`.
fn keys(path: &str) -> Option<Vec<&str>> {
    let mut keys = Vec::new();
    for segment in path.split('.') {
        let (name, mut rest) = segment
            .split_once('[')
            .map_or((segment, ""), |(name, rest)| (name, rest));
        // "[1].amount" addresses a top-level list, so an empty name before `[` is no key.
        if !name.is_empty() || rest.is_empty() {
            keys.push(name);
        }
        while !rest.is_empty() {
            let (index, after) = rest.split_once(']')?;
            keys.push(index);
            rest = match after.strip_prefix('[') {
                Some(more) => more,
                None if after.is_empty() => "",
                None => return None,
            };
        }
    }
    Some(keys)
}

/// Calls `visit` with the path and messages of every list of messages, depth first, in
/// order; stops at the first error. One buffer holds the path; nothing else is allocated.
pub(super) fn walk<'a, E>(
    details: &'a Details,
    mut visit: impl FnMut(&[&'a str], &'a [String]) -> Result<(), E>,
) -> Result<(), E> {
    let mut walk = Walk::new(details);
    while let Some(messages) = walk.next_leaf() {
        visit(&walk.path, messages)?;
    }
    Ok(())
}

/// A depth-first walk: the keys leading to where it is, and what is left at each level.
#[derive(Debug, Clone)]
struct Walk<'a> {
    path: Vec<&'a str>,
    // One level per tree being walked; `path` holds one key less than there are levels
    // between leaves, and the leaf's own key while it is visited.
    levels: Vec<std::slice::Iter<'a, Entry>>,
    at_leaf: bool,
}

impl<'a> Walk<'a> {
    fn new(details: &'a Details) -> Self {
        Self {
            path: Vec::new(),
            levels: vec![details.entries.entries().iter()],
            at_leaf: false,
        }
    }

    /// Moves to the next list of messages; `path` is then its full path.
    fn next_leaf(&mut self) -> Option<&'a [String]> {
        if std::mem::take(&mut self.at_leaf) {
            self.path.pop();
        }
        loop {
            let Some((key, detail)) = self.levels.last_mut()?.next() else {
                self.levels.pop();
                self.path.pop();
                continue;
            };
            self.path.push(key);
            match detail {
                Detail::Messages(messages) => {
                    self.at_leaf = true;
                    return Some(messages);
                }
                Detail::Nested(nested) => self.levels.push(nested.entries.entries().iter()),
            }
        }
    }
}

/// Iterator over `(path, messages)` of a [`Details`] tree, depth first, in order.
///
/// Made by [`Details::flatten`]. Each path lends the tree's keys rather than copying them.
#[derive(Debug, Clone)]
pub struct Flatten<'a> {
    walk: Walk<'a>,
}

impl<'a> Flatten<'a> {
    pub(super) fn new(details: &'a Details) -> Self {
        Self {
            walk: Walk::new(details),
        }
    }
}

impl<'a> Iterator for Flatten<'a> {
    type Item = (FieldPath<'a>, &'a [String]);

    fn next(&mut self) -> Option<Self::Item> {
        let messages = self.walk.next_leaf()?;
        let path = FieldPath {
            segments: Cow::Owned(self.walk.path.clone()),
        };
        Some((path, messages))
    }
}

/// The path of a list of messages in a [`Details`] tree: its keys from the top, shown
/// dotted (`items.1.amount`), borrowed from the tree.
///
/// It prints and compares as the dotted text, without building it:
///
/// ```
/// use error_contract::Details;
///
/// let items = Details::new().with_nested("1", Details::new().with("amount", "Must be positive."));
/// let details = Details::new().with_nested("items", items);
/// let (path, messages) = details.flatten().next().unwrap();
/// assert_eq!(path, "items.1.amount");
/// assert_eq!(path.segments(), ["items", "1", "amount"]);
/// assert_eq!(format!("{path}: {}", messages.join(", ")), "items.1.amount: Must be positive.");
/// ```
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FieldPath<'a> {
    segments: Cow<'a, [&'a str]>,
}

impl<'a> FieldPath<'a> {
    pub(super) fn from_segments(segments: &'a [&'a str]) -> Self {
        Self {
            segments: Cow::Borrowed(segments),
        }
    }

    /// The keys from the top of the tree down to the field.
    pub fn segments(&self) -> &[&'a str] {
        &self.segments
    }

    /// The length of the dotted text, in bytes.
    pub fn len(&self) -> usize {
        let keys: usize = self.segments.iter().map(|key| key.len()).sum();
        keys + self.segments.len().saturating_sub(1)
    }

    /// Whether the dotted text is empty (a single empty key).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl fmt::Display for FieldPath<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (position, key) in self.segments.iter().enumerate() {
            if position > 0 {
                f.write_str(".")?;
            }
            f.write_str(key)?;
        }
        Ok(())
    }
}

impl fmt::Debug for FieldPath<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.to_string(), f)
    }
}

impl PartialEq<str> for FieldPath<'_> {
    fn eq(&self, dotted: &str) -> bool {
        let mut rest = dotted;
        for (position, key) in self.segments.iter().enumerate() {
            if position > 0 {
                let Some(after) = rest.strip_prefix('.') else {
                    return false;
                };
                rest = after;
            }
            let Some(after) = rest.strip_prefix(key) else {
                return false;
            };
            rest = after;
        }
        rest.is_empty()
    }
}

impl PartialEq<&str> for FieldPath<'_> {
    fn eq(&self, dotted: &&str) -> bool {
        *self == **dotted
    }
}

impl PartialEq<String> for FieldPath<'_> {
    fn eq(&self, dotted: &String) -> bool {
        *self == **dotted
    }
}

impl From<FieldPath<'_>> for String {
    fn from(path: FieldPath<'_>) -> Self {
        path.to_string()
    }
}
