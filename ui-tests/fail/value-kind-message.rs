use error_contract::ApiError;

#[derive(Debug, ApiError)]
enum E {
    #[api(status = 404, message = 5)]
    NotFound,
}

fn main() {}
