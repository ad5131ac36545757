use error_contract::ApiError;

#[derive(Debug, ApiError)]
enum E {
    #[api(status = OK, message = "Fine.")]
    Fine,
}

fn main() {}
