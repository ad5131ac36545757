use error_contract::{ApiError, CommonError};

#[derive(Debug, ApiError)]
enum E {
    #[api(transparent)]
    Common(#[api(details)] CommonError),
}

fn main() {}
