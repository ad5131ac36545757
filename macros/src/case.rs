//! Default error codes: a variant's name in `snake_case`, acronyms kept whole.

use heck::ToSnakeCase;

/// `InvoiceNotFound` → `invoice_not_found`, `HTTPError` → `http_error`.
pub(crate) fn snake_case(ident: &syn::Ident) -> String {
    let name = ident.to_string();
    let name = name.strip_prefix("r#").unwrap_or(&name);
    name.to_snake_case()
}

/// Whether `code` is a valid wire code: `^[a-z][a-z0-9_]*$`.
pub(crate) fn is_snake_case(code: &str) -> bool {
    let mut bytes = code.bytes();
    bytes.next().is_some_and(|first| first.is_ascii_lowercase())
        && bytes.all(|byte| byte.is_ascii_lowercase() || byte.is_ascii_digit() || byte == b'_')
}

/// The longest code a client must accept.
pub(crate) const MAX_CODE_LEN: usize = 64;
