use error_contract::ApiError;

#[derive(Debug, ApiError)]
#[api(www_authenticate = "Bearer realm=\"partner\"")]
enum E {
    #[api(status = 401, message = "Log in.", www_authenticate = "Basic")]
    LoginRequired,
    #[api(status = 403, message = "Forbidden.")]
    Forbidden,
}

fn main() {}
