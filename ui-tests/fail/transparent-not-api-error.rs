use error_contract::ApiError;

#[derive(Debug)]
struct Plain;

#[derive(Debug, ApiError)]
enum E {
    #[api(transparent)]
    Wrapped(Plain),
}

fn main() {}
