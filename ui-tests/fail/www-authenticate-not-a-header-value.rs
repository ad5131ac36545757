use error_contract::ApiError;

#[derive(Debug, ApiError)]
enum E {
    #[api(status = 401, message = "Log in.", www_authenticate = "Bearer realm=\"café\"")]
    LoginRequired,
}

fn main() {}
