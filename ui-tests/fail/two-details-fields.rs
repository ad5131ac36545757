use error_contract::{ApiError, Details};

#[derive(Debug, ApiError)]
enum E {
    #[api(status = 400, message = "Invalid.")]
    Invalid {
        #[api(details)]
        body: Details,
        #[api(details)]
        query: Details,
    },
}

fn main() {}
