//! utoipa integration (feature `utoipa`): OpenAPI schemas for the envelope and the responses
//! of derived errors.

use std::collections::BTreeMap;

use utoipa::openapi::{RefOr, Response, ResponseBuilder};

use crate::ErrorCatalog;

/// The OpenAPI responses of `T`: one per status, listing the codes sent with it.
pub fn responses_of<T: ErrorCatalog + ?Sized>() -> BTreeMap<String, RefOr<Response>> {
    let mut codes_by_status: BTreeMap<u16, Vec<&'static str>> = BTreeMap::new();
    for spec in T::error_specs() {
        codes_by_status
            .entry(spec.status)
            .or_default()
            .push(spec.code);
    }
    codes_by_status
        .into_iter()
        .map(|(status, codes)| {
            let description = format!("Error envelope; `error_code` one of: {}", codes.join(", "));
            (
                status.to_string(),
                RefOr::T(ResponseBuilder::new().description(description).build()),
            )
        })
        .collect()
}
