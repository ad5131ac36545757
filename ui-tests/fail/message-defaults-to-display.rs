use error_contract::ApiError;

// A 4xx without `message` shows its Display, which this type lacks.
#[derive(Debug, ApiError)]
enum E {
    #[api(status = 404)]
    NotFound,
}

fn main() {}
