//! The derive's output names the runtime only through `crate = contract`.

use contract::{ApiError, ErrorCode};
use error_contract_renamed_test::{Renamed, RenamedCode};

#[test]
fn the_crate_key_is_the_only_path_to_the_runtime() {
    assert_eq!(Renamed::Missing.error_code(), "missing");
    assert_eq!(Renamed::Missing.status().as_u16(), 404);
    assert_eq!(
        RenamedCode::from_code("invalid_token"),
        Some(RenamedCode::Common(contract::CommonErrorCode::InvalidToken))
    );
}
