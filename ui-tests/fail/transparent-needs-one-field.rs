use error_contract::{ApiError, CommonError};

#[derive(Debug, ApiError)]
enum E {
    #[api(transparent)]
    Common(CommonError, u32),
}

fn main() {}
