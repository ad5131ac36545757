//! Reviewed output: every `CommonError` envelope and the catalogue of an enum like the guide's.
//! Snapshots live in `tests/snapshots/`; with `CI=true` a missing or changed one fails.

use error_contract::{ApiError, Catalog, CommonError, Retryable};
use error_contract_tests::{PartnerError, every_common_error};

fn settings() -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("../snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings
}

#[test]
fn common_error_envelopes() {
    let lines: Vec<String> = every_common_error()
        .iter()
        .map(|error| {
            format!(
                "{} {:<16} {}",
                error.status().as_u16(),
                error.retry_class(),
                String::from_utf8(error.to_json()).unwrap()
            )
        })
        .collect();
    settings().bind(|| insta::assert_snapshot!("common_error_envelopes", lines.join("\n")));
}

#[test]
fn every_common_error_is_in_its_catalogue() {
    let catalog = Catalog::of::<CommonError>();
    let codes: Vec<&str> = catalog.specs().iter().map(|spec| &*spec.code).collect();
    let expected: Vec<&str> = every_common_error()
        .iter()
        .map(ApiError::error_code)
        .collect();
    assert_eq!(codes, expected);
    assert!(catalog.check().is_ok());
}

#[test]
fn partner_catalogue_markdown() {
    let catalog = Catalog::of::<PartnerError>();
    catalog
        .check()
        .expect("the partner contract declares each code once");
    settings().bind(|| insta::assert_snapshot!("partner_catalogue_markdown", catalog.markdown()));
}

#[test]
fn partner_catalogue_json() {
    let catalog = Catalog::of::<PartnerError>();
    settings().bind(|| insta::assert_snapshot!("partner_catalogue_json", catalog.to_json()));
}
