use error_contract::{ApiError, CommonError};

#[derive(Debug, ApiError)]
enum E {
    #[api(transparent)]
    Common(#[api(meta = "common")] CommonError),
}

fn main() {}
