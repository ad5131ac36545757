use error_contract::ApiError;

#[derive(Debug, ApiError)]
enum E {
    #[api(status = 404, message = "Invoice {invoice_id} not found")]
    InvoiceNotFound { id: String },
}

fn main() {}
