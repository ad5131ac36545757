use error_contract::ApiError;

#[derive(Debug, ApiError)]
enum E {
    #[api(status = 503, message = "Down for maintenance.", log = info)]
    Maintenance,
}

fn main() {}
