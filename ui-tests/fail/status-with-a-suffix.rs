use error_contract::ApiError;

#[derive(Debug, ApiError)]
enum Error {
    #[api(status = 404u16, message = "Not found.")]
    Missing,
}

fn main() {}
