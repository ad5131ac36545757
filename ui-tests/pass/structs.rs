use error_contract::{ApiError, CommonError};

/// A struct is a contract with one code.
#[derive(Debug, ApiError)]
#[api(status = 429, code = "rate_limited", message = "Slow down.", retry_after = 5, code_enum = RateCode)]
pub struct RateLimited;

#[derive(Debug, ApiError)]
#[api(status = 404, message = "Invoice {id} not found")]
pub struct InvoiceNotFound {
    id: String,
}

/// A transparent newtype struct.
#[derive(Debug, ApiError)]
#[api(transparent)]
pub struct Wrapped(CommonError);

fn main() {
    assert_eq!(RateLimited.code(), RateCode::RateLimited);
    assert_eq!(InvoiceNotFound { id: "inv_1".into() }.error_code(), "invoice_not_found");
    assert_eq!(Wrapped(CommonError::NotFound).code(), WrappedCode::Wrapped(error_contract::CommonErrorCode::NotFound));
}
