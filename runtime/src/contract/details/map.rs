//! The ordered map under [`Details`](super::Details): entries in a `Vec`, in insertion order,
//! and an index of their positions only once a tree has more than a few keys.
//!
//! Not an `IndexMap`: a decoded body of small nested trees (`[{"amount":[…]},…]`) holds one
//! tree per few bytes of body, and an `IndexMap` costs a hash table per tree and a hash per
//! entry, together well over the decoder's memory budget of 32 bytes per byte of body. Here
//! a tree of up to [`LINEAR`] keys is one exactly sized `Vec`, found by a scan that is
//! faster than hashing at that size; a larger tree adds a table of `u32` positions (built on
//! hashbrown, as `IndexMap` is) whose seed is random, so crafted keys cannot collide.

use std::hash::BuildHasher;

use hashbrown::HashTable;

use super::Detail;

/// Up to this many keys a tree is scanned; past it, it is indexed.
const LINEAR: usize = 8;

/// The hasher of the index: fast, with a random seed per process, as keys come from
/// untrusted bodies.
type Hasher = foldhash::fast::RandomState;

/// One key and what it holds.
pub(super) type Entry = (Box<str>, Detail);

#[derive(Clone, Default)]
pub(super) struct Map {
    entries: Vec<Entry>,
    index: Option<Box<Index>>,
}

/// Positions of the entries, by the hash of their key.
#[derive(Clone)]
struct Index {
    table: HashTable<u32>,
    hasher: Hasher,
}

impl Map {
    pub(super) const fn new() -> Self {
        Self {
            entries: Vec::new(),
            index: None,
        }
    }

    pub(super) fn len(&self) -> usize {
        self.entries.len()
    }

    pub(super) fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub(super) fn into_entries(self) -> Vec<Entry> {
        self.entries
    }

    /// The position of `key`, if present.
    pub(super) fn find(&self, key: &str) -> Option<usize> {
        let Some(index) = &self.index else {
            return self.entries.iter().position(|(k, _)| **k == *key);
        };
        let hash = index.hasher.hash_one(key);
        let found = index
            .table
            .find(hash, |&at| *self.entries[at as usize].0 == *key)
            .map(|&at| at as usize);
        // Positions past `u32::MAX` (over 200 GB of entries) are not indexed: scanned.
        found.or_else(|| {
            let indexed = u32::MAX as usize;
            let rest = self.entries.get(indexed..)?;
            Some(indexed + rest.iter().position(|(k, _)| **k == *key)?)
        })
    }

    pub(super) fn get(&self, key: &str) -> Option<&Detail> {
        self.find(key).map(|at| &self.entries[at].1)
    }

    pub(super) fn at_mut(&mut self, at: usize) -> &mut Detail {
        &mut self.entries[at].1
    }

    /// Appends `key`, which must not be present yet, and returns its position.
    pub(super) fn append(&mut self, key: Box<str>, detail: Detail) -> usize {
        reserve_one(&mut self.entries);
        let at = self.entries.len();
        self.entries.push((key, detail));
        let Self { entries, index } = self;
        match index {
            Some(index) => index.insert(entries, at),
            None if entries.len() > LINEAR => *index = Some(Box::new(Index::build(entries))),
            None => {}
        }
        at
    }

    /// Room for `additional` more entries, exactly.
    pub(super) fn reserve_exact(&mut self, additional: usize) {
        self.entries.reserve_exact(additional);
    }

    /// Gives back the capacity a finished tree does not use.
    pub(super) fn shrink_to_fit(&mut self) {
        self.entries.shrink_to_fit();
    }
}

impl Index {
    fn build(entries: &[Entry]) -> Self {
        let mut index = Index {
            table: HashTable::with_capacity(entries.len() * 2),
            hasher: Hasher::default(),
        };
        for at in 0..entries.len() {
            index.insert(entries, at);
        }
        index
    }

    fn insert(&mut self, entries: &[Entry], at: usize) {
        let Ok(position) = u32::try_from(at) else {
            return;
        };
        let hasher = &self.hasher;
        let hash = hasher.hash_one(&*entries[at].0);
        self.table.insert_unique(hash, position, |&other| {
            hasher.hash_one(&*entries[other as usize].0)
        });
    }
}

/// Makes room for one more element, growing by half rather than doubling: a finished tree
/// keeps at most a third of its entries' room unused, which the memory budget needs, and the
/// first element gets exactly its own room (most trees and lists hold one).
pub(crate) fn reserve_one<T>(vec: &mut Vec<T>) {
    if vec.len() == vec.capacity() {
        vec.reserve_exact((vec.len() / 2).max(1));
    }
}
