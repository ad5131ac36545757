use error_contract::ApiError;

#[derive(Debug, ApiError)]
enum E {
    #[api(status = 404, code = "Not-Found", message = "Not found.")]
    NotFound,
}

fn main() {}
