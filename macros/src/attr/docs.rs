//! Doc comments, which become the catalogue's description ("Cause" in the guide).

use syn::{Attribute, Expr, ExprLit, Lit, Meta};

/// The doc comment as one line: lines trimmed, blank ones dropped, joined with spaces.
pub(super) fn one_line(attrs: &[Attribute]) -> String {
    let mut line = String::new();
    for attr in attrs.iter().filter(|attr| attr.path().is_ident("doc")) {
        if let Meta::NameValue(name_value) = &attr.meta
            && let Expr::Lit(ExprLit {
                lit: Lit::Str(text),
                ..
            }) = &name_value.value
        {
            for text in text.value().lines().map(str::trim) {
                if text.is_empty() {
                    continue;
                }
                if !line.is_empty() {
                    line.push(' ');
                }
                line.push_str(text);
            }
        }
    }
    line
}
