use error_contract::ApiError;

use error_contract::Details;

#[derive(Debug, ApiError)]
enum E {
    #[api(status = 400, message = "Invalid.")]
    Invalid(#[api(details = 1)] Details),
}

fn main() {}
