use error_contract::ApiError;

#[derive(Debug, ApiError)]
enum E {
    #[api(status = 503, retry_afterr = 30)]
    Down,
}

fn main() {}
