use error_contract::ApiError;

#[derive(Debug, ApiError)]
enum E {
    #[api(status = 404, message = "Not found.")]
    InvoiceNotFound,

    // An alias that is another variant's code, an alias given twice, an alias that is not a code.
    #[api(status = 410, message = "Gone.", alias = "invoice_not_found", alias = "old", alias = "old", alias = "Old-Code")]
    InvoiceGone,
}

fn main() {}
