use error_contract::ApiError;

#[derive(Debug, ApiError)]
enum E {
    #[api(status = 400, message = "Expected } here")]
    Brace,
}

fn main() {}
