use error_contract::ApiError;

#[derive(Debug)]
struct FormErrors;

#[derive(Debug, ApiError)]
enum E {
    #[api(status = 400, message = "Invalid.")]
    Invalid(#[api(details)] FormErrors),
}

fn main() {}
