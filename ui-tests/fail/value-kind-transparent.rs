use error_contract::ApiError;

#[derive(Debug, ApiError)]
enum Inner {
    #[api(status = 404, message = "Not found.")]
    NotFound,
}

#[derive(Debug, ApiError)]
enum E {
    #[api(transparent = 1)]
    Inner(Inner),
}

fn main() {}
