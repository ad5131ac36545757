use error_contract::ApiError;

#[derive(Debug, ApiError)]
enum E {
    #[api(status = 403, code = 5, message = "Forbidden.")]
    Forbidden,
}

fn main() {}
