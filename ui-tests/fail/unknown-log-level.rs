use error_contract::ApiError;

#[derive(Debug, ApiError)]
#[api(log = "loud")]
enum E {
    #[api(status = 503, message = "Down for maintenance.", log = "warning")]
    Maintenance,
}

fn main() {}
