//! The binary's three commands, run as a user runs them.

use std::process::Command;
use std::time::{Duration, Instant};

fn invoice_api(args: &[&str]) -> (bool, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_invoice-api"))
        .args(args)
        .output()
        .expect("the binary runs");
    (
        output.status.success(),
        String::from_utf8(output.stdout).expect("UTF-8 output"),
    )
}

#[test]
fn the_tour_walks_every_scenario_quickly() {
    let started = Instant::now();
    let (ok, out) = invoice_api(&[]);
    let took = started.elapsed();
    assert!(ok, "{out}");
    assert!(took < Duration::from_secs(15), "the tour took {took:?}");
    assert!(out.contains("scaled down 20 times"), "{out}");
    for expected in [
        "| authentication_required |",
        "| permission_denied       |",
        "| business_not_found      |",
        "| validation_error        |",
        "| duplicate_external_id   | used the existing invoice inv_0001, named in the 409's meta (1 request)",
        "| invoice_not_found       |",
        "| Through the gateway",
        "| malformed_json          |",
        "| method_not_allowed      |",
        "refreshed the token; succeeded (200 OK)",
        "retried 2× on 503 after",
        "gave up: retries exhausted after 4 attempts",
        "gave up: the request is not safe to repeat",
        "email: Enter a valid email address.",
        "currency: Invalid currency code. Must be one of: GBP, EUR, USD",
        "read-only file system (os error 30)",
    ] {
        assert!(out.contains(expected), "missing {expected:?} in:\n{out}");
    }
    // The private cause is printed from the server's log, never from a response: the
    // table's rows for the 500s show only the public outcome.
    let table_500 = out
        .lines()
        .find(|line| line.contains("| Server bug"))
        .expect("the 500 row");
    assert!(!table_500.contains("read-only"), "{table_500}");
}

#[test]
fn catalog_prints_markdown_and_json() {
    let (ok, markdown) = invoice_api(&["catalog"]);
    assert!(ok);
    assert!(markdown.starts_with("# Error codes"));
    assert!(markdown.contains("## Resource Errors\n\n### `business_not_found`\n\n- Status: 404\n- Cause: Business ID doesn't exist or doesn't belong to your partner\n- Solution: Verify business_id is correct"));
    let (ok, json) = invoice_api(&["catalog", "--json"]);
    assert!(ok);
    let catalog: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    // The versioned catalogue format, read back by `Catalog::from_json` and `error-contract`.
    assert_eq!(catalog["format"], "error-contract-catalog");
    assert_eq!(catalog["version"], 1);
    assert!(error_contract::Catalog::from_json(&json).is_ok());
    let codes: Vec<&str> = catalog["codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|spec| spec["code"].as_str().unwrap())
        .collect();
    assert!(
        codes.contains(&"duplicate_external_id") && codes.contains(&"invalid_token"),
        "{codes:?}"
    );
}

#[test]
fn bad_arguments_fail_with_the_usage() {
    let output = Command::new(env!("CARGO_BIN_EXE_invoice-api"))
        .arg("deploy")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("Usage:"));
}
