use error_contract::ApiError;

#[derive(Debug, ApiError)]
enum E {
    #[api(status = 503, retry_after = -5)]
    Down,
}

fn main() {}
