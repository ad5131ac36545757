//! The partner API's error contract, shared by the server (which answers with it) and the
//! client (which decodes it). Causes and solutions are the guide's "Common Error Codes".

// Variant doc comments are the catalogue's "Cause" text, in the guide's words: code names
// such as external_id stay plain text there rather than Markdown code.
#![allow(clippy::doc_markdown)]

use error_contract::{ApiError, CommonError};

/// Every error the partner API answers with.
///
/// `authentication_required`, `invalid_token`, `permission_denied` and `validation_error` come from
/// [`CommonError`], with the rejections every server needs (malformed JSON, unknown routes,
/// wrong methods); the partner's own resource codes are declared here.
#[derive(Debug, thiserror::Error, ApiError)]
pub enum PartnerError {
    /// Business ID doesn't exist or doesn't belong to your partner
    #[error("business {0} not found")]
    #[api(
        status = 404,
        message = "Business {0} not found.",
        solution = "Verify business_id is correct"
    )]
    BusinessNotFound(String),

    /// Invoice ID doesn't exist for this business
    #[error("invoice {0} not found")]
    #[api(
        status = 404,
        message = "Invoice {0} not found.",
        solution = "Verify invoice_id is correct"
    )]
    InvoiceNotFound(String),

    /// A resource with this external_id already exists
    #[error("external_id {external_id} is taken by {invoice_id}")]
    #[api(
        status = 409,
        retry = "already_exists",
        message = "An invoice with external_id {external_id} already exists.",
        solution = "This is expected for idempotent requests - use the existing resource"
    )]
    DuplicateExternalId {
        /// The external id that is taken.
        #[api(meta)]
        external_id: String,
        /// The invoice that holds it: in `meta`, so the client uses it without a lookup.
        #[api(meta)]
        invoice_id: String,
    },

    /// An upstream service answered with an error
    #[error("upstream answered {0}")]
    #[api(status = 502, solution = "Retry with backoff")]
    UpstreamFailed(String),

    /// An upstream service did not answer in time
    #[error("upstream timed out after {0} ms")]
    #[api(status = 504, solution = "Retry with backoff")]
    UpstreamTimeout(u64),

    /// The server failed; the cause is in the server's log only
    #[error("storage failure: {0}")]
    #[api(
        status = 500,
        code = "storage_error",
        solution = "Retry with backoff; report it if it persists"
    )]
    Storage(String),

    /// Authentication, authorization, validation and the rejections every API shares.
    #[error(transparent)]
    #[api(transparent)]
    Common(#[from] CommonError),
}
