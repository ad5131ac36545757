use error_contract::ApiError;

#[derive(Debug, ApiError)]
enum E {
    #[api(status = 400, message = "Trouble.")]
    Ärger,
}

fn main() {}
