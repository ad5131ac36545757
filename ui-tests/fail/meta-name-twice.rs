use error_contract::ApiError;

#[derive(Debug, ApiError)]
enum E {
    #[api(status = 409, message = "Duplicate.")]
    Duplicate {
        #[api(meta = "invoice_id")]
        id: String,
        #[api(meta)]
        invoice_id: String,
    },
}

fn main() {}
