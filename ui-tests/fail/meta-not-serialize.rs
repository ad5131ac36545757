use error_contract::ApiError;

#[derive(Debug)]
struct InvoiceId(String);

#[derive(Debug, ApiError)]
enum E {
    #[api(status = 409, message = "Duplicate.")]
    Duplicate {
        #[api(meta)]
        invoice_id: InvoiceId,
    },
}

fn main() {}
