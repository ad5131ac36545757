use error_contract::ApiError;

#[derive(Debug, ApiError)]
enum Error {
    #[api(status = 503, message = "Down.", retry_after = "30")]
    Down,
}

fn main() {}
