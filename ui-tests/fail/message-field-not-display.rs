use error_contract::ApiError;

#[derive(Debug)]
struct InvoiceId(String);

#[derive(Debug, ApiError)]
enum E {
    #[api(status = 404, message = "Invoice {0} not found")]
    InvoiceNotFound(InvoiceId),
}

fn main() {}
