//! The partner API's error contract against the catalogue committed beside it: a change that
//! breaks clients fails here, as it fails CI (`.ci/run` diffs the same file with the CLI).
//! Accept a change with `ERROR_CONTRACT_UPDATE_CATALOG=1 cargo test -p invoice-api --test
//! contract`, then commit `examples/invoice-api/catalog.json`.

use error_contract::Catalog;
use invoice_api::contract::PartnerError;

#[test]
fn the_error_contract_is_compatible_with_the_committed_catalogue() {
    Catalog::of::<PartnerError>()
        .assert_compatible_with(concat!(env!("CARGO_MANIFEST_DIR"), "/catalog.json"));
}
