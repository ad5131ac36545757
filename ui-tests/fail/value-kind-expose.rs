use error_contract::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
enum E {
    #[error("upstream down")]
    #[api(status = 502, expose = true)]
    Upstream,
}

fn main() {}
