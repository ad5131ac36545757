use error_contract::{ApiError, Details, ErrorCode};

#[derive(Debug, thiserror::Error, ApiError)]
pub enum PlatformError {
    /// No authentication credentials provided.
    #[error("no credentials")]
    #[api(status = 401, message = "Authentication credentials were not provided.")]
    AuthenticationRequired,

    #[error("invoice {0} not found")]
    #[api(status = NOT_FOUND, message = "Invoice {0} not found")]
    InvoiceNotFound(String),

    #[error("business {business_id} is not yours")]
    #[api(status = http::StatusCode::FORBIDDEN, code = "permission_denied")]
    Forbidden { business_id: String },

    #[error("validation failed")]
    #[api(status = 400, message = "Validation errors in request data")]
    ValidationError(#[api(details)] Details),

    #[error("maintenance")]
    #[api(status = 503, retry_after = 30, retry = "throttled")]
    Maintenance,
}

fn main() {
    let error = PlatformError::InvoiceNotFound("inv_1".to_owned());
    assert_eq!(error.code(), PlatformErrorCode::InvoiceNotFound);
    assert_eq!(PlatformErrorCode::from_code("permission_denied"), Some(PlatformErrorCode::Forbidden));
}
