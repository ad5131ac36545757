use error_contract::ApiError;

#[derive(Debug, ApiError)]
enum E {
    #[api(status = 404, message = "Not found.")]
    #[api(status = 410)]
    NotFound,
}

fn main() {}
