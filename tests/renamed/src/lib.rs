//! A crate that depends on error-contract under the name `contract` only, so a derive that
//! ignored `#[api(crate = contract)]` and named `::error_contract` would not compile.

use contract::ApiError;

/// Errors derived through the renamed dependency.
#[derive(Debug, ApiError)]
#[api(crate = contract)]
pub enum Renamed {
    /// Not there.
    #[api(status = 404, message = "Not found.")]
    Missing,
    /// Nested through the renamed crate too.
    #[api(transparent)]
    Common(contract::CommonError),
}
