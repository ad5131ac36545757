//! The fixture folders under `tests/fixtures/`, read at run time: one place for where they
//! are and how a file of them is read, for `drf` and `problem`.

use std::fs;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

/// `tests/fixtures/{folder}/`, inside the repository.
///
/// # Panics
///
/// If the folder is missing; the message names what it holds (`what`) and where it was
/// looked for.
pub fn dir(folder: &str, what: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(folder);
    assert!(
        dir.is_dir(),
        "the {what} are missing: expected them at {} (they are part of the repository)",
        dir.display(),
    );
    dir
}

/// The fixtures of one file of `folder`: a JSON list, not empty.
///
/// # Panics
///
/// If the file is missing, unreadable, not a JSON list of `T`, or empty.
pub fn load_list<T: DeserializeOwned>(folder: &Path, file: &str) -> Vec<T> {
    let path = folder.join(file);
    let text = fs::read_to_string(&path)
        .unwrap_or_else(|error| panic!("cannot read fixture file {}: {error}", path.display()));
    let fixtures: Vec<T> = serde_json::from_str(&text)
        .unwrap_or_else(|error| panic!("fixture file {} is malformed: {error}", path.display()));
    assert!(
        !fixtures.is_empty(),
        "fixture file {} is empty",
        path.display()
    );
    fixtures
}
