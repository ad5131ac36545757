use error_contract::ApiError;

#[derive(Debug, ApiError)]
enum E {
    #[api(status = 404, message = "Invoice {0} not found")]
    InvoiceNotFound(String, #[api(meta)] u32),
}

fn main() {}
