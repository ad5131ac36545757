use error_contract::{ApiError, Details};

#[derive(Debug, ApiError)]
enum E {
    #[api(status = 400, message = "Invalid.")]
    Invalid {
        #[api(details, meta)]
        errors: Details,
    },
}

fn main() {}
