//! The real Django REST Framework bodies in `tests/fixtures/drf/`, read at run time.
//!
//! The fixtures are the repository's own copy (their README says where they come from), found
//! relative to this package's manifest, so a bare clone runs every test; a missing folder
//! fails with a message that says where it was looked for.

use std::path::PathBuf;

use serde::Deserialize;

use crate::fixtures;

/// The fixture files, in the order their README lists them.
pub const FILES: [&str; 3] = [
    "serializer-errors-drf-3.18.3.json",
    "serializer-errors-drf-3.18.3-keys.json",
    "envelopes-drf-3.18.3.json",
];

/// One fixture: a title saying what DRF was asked to do, and the body it sent.
#[derive(Debug, Clone, Deserialize)]
pub struct Fixture {
    /// Which fixture file it comes from.
    #[serde(skip)]
    pub file: &'static str,
    /// What the fixture shows, such as `"4c. top-level ItemSerializer(data=[...], many=True)"`.
    pub title: String,
    /// The body exactly as DRF sent it.
    pub json: String,
}

impl Fixture {
    /// `"file: title"`, for failure messages.
    pub fn name(&self) -> String {
        format!("{}: {}", self.file, self.title)
    }

    /// The leading number of the title, `"4c"` for `"4c. top-level …"`.
    pub fn case(&self) -> &str {
        self.title.split_once(". ").map_or("", |(case, _)| case)
    }
}

/// `tests/fixtures/drf/`, inside the repository.
///
/// # Panics
///
/// If the folder is missing.
pub fn dir() -> PathBuf {
    fixtures::dir("drf", "DRF fixtures")
}

/// Every fixture of one file.
///
/// # Panics
///
/// If the file is missing, unreadable, not a JSON list of fixtures, or empty.
pub fn load(file: &'static str) -> Vec<Fixture> {
    let mut fixtures: Vec<Fixture> = fixtures::load_list(&dir(), file);
    for fixture in &mut fixtures {
        fixture.file = file;
    }
    fixtures
}

/// Every fixture of every file.
pub fn all() -> Vec<Fixture> {
    FILES.into_iter().flat_map(load).collect()
}
