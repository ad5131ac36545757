use error_contract::ApiError;

#[derive(Debug, ApiError)]
enum E {
    #[api(
        status = 400,
        code = "this_error_code_is_far_too_long_to_be_a_stable_code_that_clients_match_on",
        message = "Too long."
    )]
    TooLong,
}

fn main() {}
