use error_contract::ApiError;

#[derive(Debug, ApiError)]
enum E {
    #[api(status = 401, www_authenticate, message = "Log in.")]
    LoginRequired,
}

fn main() {}
