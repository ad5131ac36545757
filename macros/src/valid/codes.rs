//! Error codes: the default, the wire format, and one variant per code.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::ToTokens;
use syn::LitStr;

use crate::ast::Variant;
use crate::case::{self, MAX_CODE_LEN};
use crate::ctxt::Ctxt;

/// The codes seen so far, each with the variant that has it.
#[derive(Default)]
pub(super) struct Codes<'a> {
    seen: BTreeMap<String, &'a Variant<'a>>,
}

impl<'a> Codes<'a> {
    /// An own variant's code, `code = "…"` or the name in `snake_case`, checked for format
    /// and against the codes before it.
    pub(super) fn check(&mut self, cx: &Ctxt, variant: &'a Variant<'a>) -> String {
        let code = match variant.attrs.code.value() {
            Some(code) => code.value(),
            None => case::snake_case(variant.ident),
        };
        check_format(cx, variant, &code);
        if let Some(first) = self.seen.get(&code) {
            let mut error = syn::Error::new_spanned(
                code_tokens(variant),
                format!(
                    "error code `{code}` is already used by `{}`; give one of them #[api(code = \"...\")]",
                    first.ident
                ),
            );
            error.combine(syn::Error::new_spanned(
                code_tokens(first),
                format!("`{code}` first used here"),
            ));
            cx.push(error);
        } else {
            self.seen.insert(code.clone(), variant);
        }
        code
    }
}

impl<'a> Codes<'a> {
    /// A variant's `alias = "…"` codes, each checked for format and against every code and
    /// alias before it: a client could not tell two variants apart by one string.
    pub(super) fn check_aliases(&mut self, cx: &Ctxt, variant: &'a Variant<'a>) -> Vec<String> {
        let mut aliases = Vec::with_capacity(variant.attrs.aliases.len());
        let mut given: Vec<&LitStr> = Vec::new();
        for (_, alias) in &variant.attrs.aliases {
            let code = alias.value();
            if let Some(first) = given.iter().find(|first| first.value() == code) {
                let mut error = syn::Error::new_spanned(
                    alias,
                    format!(
                        "alias `{code}` is given twice on `{}`; remove one",
                        variant.ident
                    ),
                );
                error.combine(syn::Error::new_spanned(
                    first,
                    format!("`{code}` first given here"),
                ));
                cx.push(error);
                continue;
            }
            given.push(alias);
            if !case::is_snake_case(&code) || code.len() > MAX_CODE_LEN {
                cx.error_spanned_by(
                    alias,
                    format!(
                        "alias `{code}` must be a code as `code` is: snake_case (a lowercase letter, then \
                         lowercase letters, digits or `_`), at most {MAX_CODE_LEN} bytes"
                    ),
                );
                continue;
            }
            if let Some(first) = self.seen.get(&code) {
                let mut error = syn::Error::new_spanned(
                    alias,
                    format!(
                        "alias `{code}` is already a code or alias of `{}`; a client could not tell \
                         them apart: remove one",
                        first.ident
                    ),
                );
                error.combine(syn::Error::new_spanned(
                    code_tokens(first),
                    format!("`{}` is declared here", first.ident),
                ));
                cx.push(error);
                continue;
            }
            self.seen.insert(code.clone(), variant);
            aliases.push(code);
        }
        aliases
    }
}

fn check_format(cx: &Ctxt, variant: &Variant, code: &str) {
    let explicit = variant.attrs.code.is_set();
    if !case::is_snake_case(code) {
        let message = if explicit {
            format!(
                "error code `{code}` must be snake_case: a lowercase letter, then lowercase letters, digits or `_`"
            )
        } else {
            format!(
                "the default error code of `{}`, `{code}`, is not snake_case; set one with #[api(code = \"...\")]",
                variant.ident
            )
        };
        cx.error_spanned_by(code_tokens(variant), message);
    }
    if code.len() > MAX_CODE_LEN {
        let message = format!(
            "error code `{code}` is {} bytes; codes are at most {MAX_CODE_LEN}{}",
            code.len(),
            if explicit {
                ""
            } else {
                "; set a shorter one with #[api(code = \"...\")]"
            }
        );
        cx.error_spanned_by(code_tokens(variant), message);
    }
}

/// The tokens a code error points at: the `code` literal, else the variant's name.
fn code_tokens(variant: &Variant) -> TokenStream {
    if let Some(code) = variant.attrs.code.value() {
        code.to_token_stream()
    } else {
        variant.ident.to_token_stream()
    }
}
