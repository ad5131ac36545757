use error_contract::ApiError;

#[derive(Debug, ApiError)]
enum E {
    #[api(status = StatusCode::NOT_FOUNDD, message = "Not found.")]
    NotFound,
}

fn main() {}
