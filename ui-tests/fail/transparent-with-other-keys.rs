use error_contract::{ApiError, CommonError};

#[derive(Debug, ApiError)]
enum E {
    #[api(transparent, status = 500, code = "common")]
    Common(CommonError),
}

fn main() {}
