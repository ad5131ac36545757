use error_contract::ApiError;

#[derive(Debug, ApiError)]
enum E {
    #[api(status = 404, message = "Not found.")]
    NotFound,
    #[api(status = 410, code = "not_found", message = "Gone.")]
    Gone,
}

fn main() {}
