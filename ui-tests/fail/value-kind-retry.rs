use error_contract::ApiError;

#[derive(Debug, ApiError)]
enum E {
    #[api(status = 409, message = "Exists.", retry = already_exists)]
    Conflict,
}

fn main() {}
