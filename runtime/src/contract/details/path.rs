//! The flat view of a [`Details`] tree: dotted paths in, dotted paths out.

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

/// Iterator over `(dotted path, messages)` of a [`Details`] tree, depth first, in order.
///
/// Made by [`Details::flatten`].
#[derive(Debug, Clone)]
pub struct Flatten<'a> {
    // One level per nested tree being walked: its path so far and its remaining entries.
    stack: Vec<(String, indexmap::map::Iter<'a, String, Detail>)>,
}

impl<'a> Flatten<'a> {
    pub(super) fn new(details: &'a Details) -> Self {
        Self {
            stack: vec![(String::new(), details.entries.iter())],
        }
    }
}

impl<'a> Iterator for Flatten<'a> {
    type Item = (String, &'a [String]);

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let top_level = self.stack.len() == 1;
            let (prefix, entries) = self.stack.last_mut()?;
            let Some((key, detail)) = entries.next() else {
                self.stack.pop();
                continue;
            };
            let path = if top_level {
                key.clone()
            } else {
                format!("{prefix}.{key}")
            };
            match detail {
                Detail::Messages(messages) => return Some((path, messages)),
                Detail::Nested(nested) => self.stack.push((path, nested.entries.iter())),
            }
        }
    }
}
