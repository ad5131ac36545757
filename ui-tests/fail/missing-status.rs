use error_contract::ApiError;

#[derive(Debug, ApiError)]
enum E {
    #[api(message = "Not found.")]
    NotFound,
}

fn main() {}
