use error_contract::ApiError;

#[derive(Debug, ApiError)]
#[api(www_authenticate = "Bearer realm=\"a\"")]
#[api(www_authenticate = "Bearer realm=\"b\"")]
enum E {
    #[api(status = 401, message = "Log in.")]
    LoginRequired,
}

fn main() {}
