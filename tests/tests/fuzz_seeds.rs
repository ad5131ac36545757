//! The fuzzers' seed corpora. `fuzz/seeds/from_parts/` is made from the hostile table and the
//! DRF fixtures, so the fuzzer starts from every case the tests know; after changing either,
//! rewrite the seeds with `cargo test -p error-contract-tests --test fuzz_seeds -- --ignored`.
//! `fuzz/seeds/client_path/` is written by hand; every seed there goes through the
//! `client_path` target's own checks here, so a normal test run holds them.

use std::fs;
use std::path::{Path, PathBuf};

use error_contract_tests::{drf, hostile};

#[path = "../../fuzz/fuzz_targets/client_path_check.rs"]
mod client_path_check;

/// Seeds larger than this are left out: libFuzzer's speed depends on input size, and the
/// large hostile bodies only repeat a small pattern.
const MAX_SEED: usize = 8 * 1024;

fn seed_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/seeds/from_parts")
}

#[test]
fn every_client_path_seed_passes_the_targets_checks() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/seeds/client_path");
    let mut seeds = 0;
    for entry in fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let data = fs::read(&path).unwrap();
        assert!(
            data.len() >= 3,
            "{}: shorter than the format's 3-byte head",
            path.display()
        );
        client_path_check::check(&data);
        seeds += 1;
    }
    assert_eq!(seeds, 36, "the seeds fuzz/README.md lists");
}

/// A fuzz input: the status as `status - 100` big-endian, then the body.
fn input(status: u16, body: &[u8]) -> Vec<u8> {
    let mut input = (status - 100).to_be_bytes().to_vec();
    input.extend_from_slice(body);
    input
}

fn seeds() -> Vec<(String, Vec<u8>)> {
    let mut seeds = Vec::new();
    for case in hostile::cases() {
        if case.body.len() <= MAX_SEED {
            seeds.push((format!("hostile-{}", case.name), input(400, &case.body)));
        }
    }
    // Small versions of the large nesting cases.
    seeds.push((
        "hostile-deep-arrays-small".to_owned(),
        input(502, "[".repeat(2_000).as_bytes()),
    ));
    seeds.push((
        "hostile-deep-objects-small".to_owned(),
        input(
            400,
            format!(r#"{}1{}"#, r#"{"a":"#.repeat(500), "}".repeat(500)).as_bytes(),
        ),
    ));
    for fixture in drf::all() {
        let stem = fixture.file.trim_end_matches(".json");
        let status = if fixture.case() == "8d" { 404 } else { 400 };
        seeds.push((
            format!("drf-{stem}-{}", fixture.case()),
            input(status, fixture.json.as_bytes()),
        ));
    }
    seeds
}

#[test]
fn the_committed_seeds_are_up_to_date() {
    let dir = seed_dir();
    let mut stale = Vec::new();
    for (name, bytes) in seeds() {
        if fs::read(dir.join(&name)).ok().as_deref() != Some(&bytes[..]) {
            stale.push(name);
        }
    }
    assert!(
        stale.is_empty(),
        "fuzz seeds missing or stale (rewrite them with `cargo test -p error-contract-tests \
         --test fuzz_seeds -- --ignored`): {stale:?}"
    );
}

#[test]
#[ignore = "writes fuzz/seeds/from_parts; run after changing the hostile table or the fixtures"]
fn write_seeds() {
    let dir = seed_dir();
    fs::create_dir_all(&dir).unwrap();
    for (name, bytes) in seeds() {
        fs::write(dir.join(name), bytes).unwrap();
    }
}
