use error_contract::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
enum E {
    #[error("not found")]
    #[api(status = 404, expose)]
    NotFound,
}

fn main() {}
