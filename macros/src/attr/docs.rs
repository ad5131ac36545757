//! Doc comments, which become the catalogue's description ("Cause" in the guide).

use syn::{Attribute, Expr, ExprLit, Lit, Meta};

/// The doc comment as one line: lines trimmed, blank ones dropped, joined with spaces.
pub(super) fn one_line(attrs: &[Attribute]) -> String {
    let mut lines = Vec::new();
    for attr in attrs.iter().filter(|attr| attr.path().is_ident("doc")) {
        if let Meta::NameValue(name_value) = &attr.meta
            && let Expr::Lit(ExprLit {
                lit: Lit::Str(text),
                ..
            }) = &name_value.value
        {
            let text = text.value();
            lines.extend(
                text.lines()
                    .map(str::trim)
                    .filter(|line| !line.is_empty())
                    .map(String::from),
            );
        }
    }
    lines.join(" ")
}
