use error_contract::ApiError;

#[derive(Debug, ApiError)]
enum E {
    #[api(status = 409, retry = "use_existing", message = "Exists.")]
    Exists,
}

fn main() {}
