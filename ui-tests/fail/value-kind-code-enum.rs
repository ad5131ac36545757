use error_contract::ApiError;

#[derive(Debug, ApiError)]
#[api(code_enum = "Codes")]
enum E {
    #[api(status = 404, message = "Not found.")]
    NotFound,
}

fn main() {}
