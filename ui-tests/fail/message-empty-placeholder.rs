use error_contract::ApiError;

#[derive(Debug, ApiError)]
enum E {
    #[api(status = 404, message = "Invoice {} not found")]
    InvoiceNotFound(String),
}

fn main() {}
