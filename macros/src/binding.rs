//! The locals that generated patterns bind fields to, shared by the patterns and by the
//! format strings of message templates.

use quote::format_ident;
use syn::{Ident, Member};

/// `__field_name` for a named field (`r#` dropped), `__field_0` for a tuple field.
pub(crate) fn of(member: &Member) -> Ident {
    match member {
        Member::Named(ident) => {
            let name = ident.to_string();
            format_ident!("__field_{}", name.strip_prefix("r#").unwrap_or(&name))
        }
        Member::Unnamed(index) => format_ident!("__field_{}", index.index),
    }
}
