use error_contract::{ApiError, CommonError, CommonErrorCode, ErrorCode};

#[derive(Debug, ApiError)]
pub enum Billing {
    #[api(status = 402, message = "Payment required.")]
    CardDeclined,
    #[api(transparent)]
    Common(CommonError),
}

#[derive(Debug, ApiError)]
pub enum Platform {
    #[api(transparent)]
    Billing(Billing),
    #[api(status = 409, message = "Exists.", retry = "already_exists")]
    Duplicate,
}

fn main() {
    let error = Platform::Billing(Billing::Common(CommonError::InvalidToken));
    assert_eq!(error.code(), PlatformCode::Billing(BillingCode::Common(CommonErrorCode::InvalidToken)));
    assert_eq!(PlatformCode::from_code("invalid_token"), Some(error.code()));
}
