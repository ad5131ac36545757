use error_contract::ApiError;

#[derive(Debug, ApiError)]
#[api(crate = 5)]
enum E {
    #[api(status = 404, message = "Not found.")]
    NotFound,
}

fn main() {}
