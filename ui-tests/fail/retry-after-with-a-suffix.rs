use error_contract::ApiError;

#[derive(Debug, ApiError)]
enum Error {
    #[api(status = 503, message = "Down.", retry_after = 500ms)]
    Down,
}

fn main() {}
