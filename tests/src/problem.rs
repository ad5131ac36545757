//! The problem details bodies (RFC 9457) in `tests/fixtures/problem/`, read at run time.
//!
//! Each fixture holds the body exactly as its producer sent it, the HTTP status it came with
//! and what the client decoder must make of it. The folder's README says where each shape
//! comes from; like the DRF fixtures, they are found relative to this package's manifest.

use std::path::PathBuf;

use error_contract::Details;
use http::StatusCode;
use serde::Deserialize;

use crate::fixtures;
use serde_json::{Map, Value};

/// The fixture files, in the order their README lists them.
pub const FILES: [&str; 4] = [
    "spring-boot-problemdetail.json",
    "aspnet-core-problemdetails.json",
    "http-api-problem.json",
    "ours.json",
];

/// One fixture: what the producer was asked to do, the status and body it answered with, and
/// what decoding them must give.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fixture {
    /// Which fixture file it comes from.
    #[serde(skip)]
    pub file: &'static str,
    /// What the fixture shows, such as `"1. default 404 (…)"`.
    pub title: String,
    /// The HTTP status of the response (not the body's `status` member).
    pub status: u16,
    /// The body exactly as it was sent.
    pub json: String,
    /// What the decoder must give.
    pub expect: Expected,
}

/// What decoding a fixture must give.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expected {
    /// `ErrorResponse::message()`.
    pub message: String,
    /// `ErrorResponse::error_code()`, the raw code string.
    pub error_code: Option<String>,
    /// `ErrorResponse::details()`, in the order it was written.
    pub details: Details,
    /// The `meta` members (any JSON values); empty when the body has none.
    pub meta: Map<String, Value>,
}

impl Fixture {
    /// `"file: title"`, for failure messages.
    pub fn name(&self) -> String {
        format!("{}: {}", self.file, self.title)
    }

    /// The HTTP status as a [`StatusCode`].
    ///
    /// # Panics
    ///
    /// If the fixture's status is not a valid HTTP status.
    pub fn status_code(&self) -> StatusCode {
        StatusCode::from_u16(self.status)
            .unwrap_or_else(|_| panic!("{}: invalid status {}", self.name(), self.status))
    }
}

/// `tests/fixtures/problem/`, inside the repository.
///
/// # Panics
///
/// If the folder is missing.
pub fn dir() -> PathBuf {
    fixtures::dir("problem", "problem details fixtures")
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
