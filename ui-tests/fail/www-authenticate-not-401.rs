use error_contract::ApiError;

#[derive(Debug, ApiError)]
enum E {
    #[api(status = 403, message = "Forbidden.", www_authenticate = "Bearer")]
    Forbidden,
}

fn main() {}
