#![deny(warnings)]

use error_contract::{
    ApiError, Catalog, CommonError, CommonErrorCode, ErrorCode, ErrorEnvelope, FromEnvelope,
};

/// A renamed code keeps its old name as an alias, and a code on its way out is deprecated:
/// the generated code compiles without a deprecation warning under `#![deny(warnings)]`.
#[derive(Debug, PartialEq, ApiError)]
pub enum InvoiceError {
    #[api(status = 404, message = "Invoice not found.", alias = "no_such_invoice", alias = "invoice_missing")]
    InvoiceNotFound,

    #[deprecated(note = "use `InvoiceNotFound`")]
    #[api(status = 410, message = "Gone.")]
    InvoiceGone,

    #[deprecated]
    #[api(status = 409, message = "Taken.", alias = "taken")]
    Duplicate {
        #[api(meta)]
        invoice_id: String,
    },

    #[api(transparent)]
    Common(CommonError),
}

/// The client's match over a contract crate's codes: a wildcard arm for the codes a later
/// release of the contract adds, `None` for a code this build does not know at all.
fn advice(code: Option<CommonErrorCode>) -> &'static str {
    match code {
        Some(CommonErrorCode::NotFound) => "check the id",
        Some(CommonErrorCode::RateLimited) => "wait",
        Some(_) => "a code this client does not handle",
        None => "a code this build does not know",
    }
}

fn main() {
    assert_eq!(InvoiceErrorCode::from_code("no_such_invoice"), Some(InvoiceErrorCode::InvoiceNotFound));
    assert_eq!(InvoiceErrorCode::from_code("invoice_missing"), Some(InvoiceErrorCode::InvoiceNotFound));
    assert_eq!(InvoiceErrorCode::from_code("invoice_not_found").map(ErrorCode::as_str), Some("invoice_not_found"));
    let envelope = ErrorEnvelope::new("Invoice not found.", "no_such_invoice");
    assert_eq!(InvoiceError::from_envelope(&envelope), Some(InvoiceError::InvoiceNotFound));

    let catalog = Catalog::of::<InvoiceError>();
    let found = catalog.get("invoice_not_found").unwrap();
    assert_eq!(found.aliases.len(), 2);
    let gone = catalog.get("invoice_gone").unwrap();
    assert!(gone.deprecated);
    assert_eq!(gone.deprecation_note.as_deref(), Some("use `InvoiceNotFound`"));
    assert!(catalog.get("duplicate").unwrap().deprecated);
    assert!(catalog.check().is_ok());
    assert_eq!(advice(Some(CommonErrorCode::Conflict)), "a code this client does not handle");
    assert_eq!(advice(None), "a code this build does not know");
}
