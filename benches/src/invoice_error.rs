//! The derived error of the benches: the three errors of `serialize` and `response`, and the
//! 409 with `meta` that `serialize/*/meta` writes and `decode/*/meta` reads back.

use error_contract::Details;

/// The guide's message for the `email` field.
pub const EMAIL: &str = "Enter a valid email address.";
/// The guide's message for the `currency` field.
pub const CURRENCY: &str = "Invalid currency code. Must be one of: GBP, EUR, USD";

/// The derived error.
#[derive(Debug, Clone, thiserror::Error, error_contract::ApiError)]
pub enum InvoiceError {
    /// A unit variant with a static message.
    #[error("no such route")]
    #[api(status = 404, message = "Not found.")]
    NotFound,

    /// A message formatted from one field.
    #[error("invoice {0} not found")]
    #[api(status = 404, message = "Invoice {0} not found")]
    InvoiceNotFound(String),

    /// The guide's validation example.
    #[error("validation failed")]
    #[api(status = 400, message = "Validation errors in request data")]
    ValidationError(#[api(details)] Details),

    /// A message formatted from one field, and two public values under `meta`.
    #[error("external_id {external_id} is taken by {invoice_id}")]
    #[api(
        status = 409,
        retry = "already_exists",
        message = "An invoice with external_id {external_id} already exists."
    )]
    DuplicateExternalId {
        /// The external id that is taken.
        #[api(meta)]
        external_id: String,
        /// The invoice that holds it.
        #[api(meta)]
        invoice_id: String,
    },
}
