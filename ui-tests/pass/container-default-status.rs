use error_contract::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
#[api(status = 422)]
pub enum FormError {
    #[error("name is missing")]
    MissingName,
    #[error("date is invalid")]
    InvalidDate,
    #[error("too large")]
    #[api(status = 413)]
    TooLarge,
}

fn main() {
    assert_eq!(FormError::MissingName.status().as_u16(), 422);
    assert_eq!(FormError::TooLarge.status().as_u16(), 413);
}
