use error_contract::ApiError;

#[derive(Debug, ApiError)]
enum E {
    #[api(status = 401, message = "Log in.", www_authenticate = 5)]
    LoginRequired,
}

fn main() {}
