use error_contract::ApiError;

#[derive(Debug, ApiError)]
enum E {
    #[api(status = 401, message = "Log in.", solution = 1)]
    Unauthorized,
}

fn main() {}
