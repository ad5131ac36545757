use error_contract::ApiError;

#[derive(Debug, ApiError)]
#[api(message = "Not found.")]
struct NotFound;

fn main() {}
