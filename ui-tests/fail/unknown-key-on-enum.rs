use error_contract::ApiError;

#[derive(Debug, ApiError)]
#[api(status = 400, code = "bad")]
enum E {
    #[api(message = "Bad.")]
    Bad,
}

fn main() {}
