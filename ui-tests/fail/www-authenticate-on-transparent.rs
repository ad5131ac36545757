use error_contract::{ApiError, CommonError};

#[derive(Debug, ApiError)]
enum E {
    #[api(transparent, www_authenticate = "Basic")]
    Common(CommonError),
}

fn main() {}
