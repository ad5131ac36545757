use error_contract::ApiError;

#[derive(Debug, ApiError)]
#[api(problem_type = "https://x/{id}")]
enum UnknownPlaceholder {
    #[api(status = 404, message = "Not found.")]
    NotFound,
}

#[derive(Debug, ApiError)]
#[api(problem_type = "https://docs.example.com/errors/{code} v2")]
enum Space {
    #[api(status = 404, message = "Not found.")]
    NotFound,
}

fn main() {}
