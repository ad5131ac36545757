use error_contract::ApiError;

// Independent mistakes are all reported by one compile.
#[derive(Debug, ApiError)]
enum E {
    #[api(status = 99)]
    Low,
    #[api(message = "No status.")]
    NoStatus,
    #[api(status = 404, code = "low", message = "Duplicate.")]
    Duplicate,
    #[api(status = 400, colour = "red")]
    Unknown,
}

fn main() {}
