use error_contract::ApiError;

#[derive(Debug, ApiError)]
enum E {
    #[api(status = 302, message = "Moved.")]
    Moved,
}

fn main() {}
