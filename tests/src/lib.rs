//! Fixtures shared by the integration tests of error-contract: the Standard Error Response guide's partner API as
//! one error enum, the DRF and problem details fixtures and the hostile bodies.

pub mod capture;
pub mod drf;
pub mod fixtures;
pub mod hostile;
pub mod problem;

use error_contract::{ApiError, CommonError, Details};

/// The error contract of the Standard Error Response guide's partner API ("Common Error Codes"): its own resource
/// codes, and authentication, authorization and validation through [`CommonError`].
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
    #[error("duplicate external_id {external_id}")]
    #[api(
        status = 409,
        retry = "already_exists",
        message = "An invoice with external_id {external_id} already exists.",
        solution = "This is expected for idempotent requests - use the existing resource"
    )]
    DuplicateExternalId {
        /// The external id that is taken.
        external_id: String,
    },

    /// The database failed; the cause goes to the server's log only
    #[error("database error: {0}")]
    #[api(status = 500, solution = "Retry with backoff")]
    Database(String),

    /// authentication_required, invalid_token, permission_denied, validation_error and the
    /// framework-level errors every API shares.
    #[error(transparent)]
    #[api(transparent)]
    Common(CommonError),
}

/// The guide's validation example, as the server builds it.
pub fn guide_validation_error() -> PartnerError {
    PartnerError::Common(CommonError::ValidationError(
        Details::new()
            .with("email", "Enter a valid email address.")
            .with(
                "currency",
                "Invalid currency code. Must be one of: GBP, EUR, USD",
            ),
    ))
}

/// One value of every `CommonError` variant, in declaration order (the validation error with
/// one field error).
pub fn every_common_error() -> Vec<CommonError> {
    vec![
        CommonError::AuthenticationRequired,
        CommonError::InvalidToken,
        CommonError::PermissionDenied,
        CommonError::ValidationError(Details::new().with("email", "Enter a valid email address.")),
        CommonError::NotFound,
        CommonError::MethodNotAllowed,
        CommonError::MalformedJson,
        CommonError::UnsupportedMediaType,
        CommonError::PayloadTooLarge,
        CommonError::RateLimited,
        CommonError::InternalError,
        CommonError::ServiceUnavailable,
        CommonError::BadRequest,
        CommonError::NotAcceptable,
        CommonError::RequestTimeout,
        CommonError::Conflict,
        CommonError::UnprocessableEntity,
        CommonError::BadGateway,
        CommonError::GatewayTimeout,
        CommonError::ClientError,
        CommonError::ServerError,
    ]
}

/// A contract whose codes never grow, marked `exhaustive`: client crates may match on every
/// code without a wildcard arm (`tests/derive.rs` does, from another crate).
#[derive(Debug, thiserror::Error, ApiError)]
#[api(exhaustive)]
pub enum FixedError {
    /// The first.
    #[error("first")]
    #[api(status = 404, message = "First.")]
    First,

    /// The second.
    #[error("second")]
    #[api(status = 409, message = "Second.")]
    Second,
}
