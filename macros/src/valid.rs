//! Rules that need two keys, two fields or two variants in view. They never stop early, so
//! one compile shows every mistake.

use std::collections::BTreeMap;

use crate::ast::{Input, Variant};
use crate::case::{self, MAX_CODE_LEN};
use crate::ctxt::Ctxt;

pub(crate) fn check(cx: &Ctxt, input: &Input) {
    let mut codes: BTreeMap<String, &Variant> = BTreeMap::new();
    for variant in &input.variants {
        check_status(cx, input, variant);
        check_transparent(cx, variant);
        check_details(cx, variant);
        check_expose(cx, input, variant);
        check_challenge(cx, input, variant);
        if variant.is_transparent() {
            continue; // its codes are the inner type's; Catalog::check compares those
        }
        let code = variant.error_code();
        check_code(cx, variant, &code);
        if let Some(first) = codes.get(&code) {
            let mut error = syn::Error::new_spanned(
                variant.code_tokens(),
                format!(
                    "error code `{code}` is already used by `{}`; give one of them #[api(code = \"...\")]",
                    first.ident
                ),
            );
            error.combine(syn::Error::new_spanned(
                first.code_tokens(),
                format!("`{code}` first used here"),
            ));
            cx.push(error);
        } else {
            codes.insert(code, variant);
        }
    }
    check_enum_challenge(cx, input);
}

/// The status a variant answers with, when it is known: `None` for a transparent variant
/// and for a status that was given but is invalid (reported already).
fn known_status(input: &Input, variant: &Variant) -> Option<u16> {
    if variant.is_transparent()
        || (variant.attrs.status.is_set() && variant.attrs.status.value().is_none())
    {
        return None;
    }
    input.status(variant)
}

/// `www_authenticate` on a variant (or struct) that does not answer 401.
fn check_challenge(cx: &Ctxt, input: &Input, variant: &Variant) {
    let Some(key) = variant.attrs.www_authenticate.key() else {
        return;
    };
    // On a transparent variant, `check_transparent` reports the combination.
    match known_status(input, variant) {
        Some(status) if status != 401 => cx.error_spanned_by(
            key,
            format!(
                "`www_authenticate` is only for 401 responses, and `{}` answers {status}; \
                 remove it, or use status = 401",
                variant.ident
            ),
        ),
        _ => {}
    }
}

/// `www_authenticate` on the enum that no variant would send: it is the default of the 401
/// variants that have none of their own.
fn check_enum_challenge(cx: &Ctxt, input: &Input) {
    let Some(key) = input.attrs.www_authenticate.key() else {
        return;
    };
    // A variant without a valid status has an error already: it may be meant as a 401.
    let used = input.variants.iter().any(|variant| {
        !variant.is_transparent()
            && !variant.attrs.www_authenticate.is_set()
            && matches!(known_status(input, variant), None | Some(401))
    });
    if !used {
        cx.error_spanned_by(
            key,
            "`www_authenticate` on the enum is the challenge of its 401 variants, but no variant uses it: \
             none has status = 401 without its own `www_authenticate`; remove it from the enum",
        );
    }
}

fn check_status(cx: &Ctxt, input: &Input, variant: &Variant) {
    let status_given = variant.attrs.status.is_set() || input.attrs.status.is_set();
    if variant.is_transparent() || status_given {
        return; // a status that was given but invalid has its own error already
    }
    let message = if input.is_struct {
        format!(
            "`{}` has no status; add #[api(status = 404)] (or another 4xx/5xx) to the struct",
            variant.ident
        )
    } else {
        format!(
            "`{}` has no status; add #[api(status = 404)] (or another 4xx/5xx) to the variant, \
             or a default #[api(status = …)] to the enum",
            variant.ident
        )
    };
    cx.error_spanned_by(variant.ident, message);
}

fn check_transparent(cx: &Ctxt, variant: &Variant) {
    let Some(key) = variant.attrs.transparent.key() else {
        return;
    };
    if variant.fields.len() != 1 {
        cx.error_spanned_by(
            key,
            format!(
                "#[api(transparent)] needs exactly one field, an error that implements ApiError; `{}` has {}",
                variant.ident,
                variant.fields.len()
            ),
        );
    }
    for other in variant.attrs.keys_besides_transparent() {
        let name = other
            .get_ident()
            .map(ToString::to_string)
            .unwrap_or_default();
        cx.error_spanned_by(
            other,
            format!(
                "`{name}` cannot be combined with `transparent`: a transparent variant forwards everything \
                 from its field; remove `{name}`"
            ),
        );
    }
    for field in &variant.fields {
        if let Some(details) = field.attrs.details.key() {
            cx.error_spanned_by(
                details,
                "#[api(details)] cannot be used in a transparent variant: its details come from the inner error",
            );
        }
    }
}

fn check_details(cx: &Ctxt, variant: &Variant) {
    let mut keys = variant
        .fields
        .iter()
        .filter_map(|field| field.attrs.details.key());
    let Some(first) = keys.next() else {
        return;
    };
    for again in keys {
        let mut error = syn::Error::new_spanned(
            again,
            "only one field can be #[api(details)]; merge them into one type that implements ToDetails",
        );
        error.combine(syn::Error::new_spanned(first, "first #[api(details)] here"));
        cx.push(error);
    }
}

fn check_expose(cx: &Ctxt, input: &Input, variant: &Variant) {
    let Some(expose) = variant.attrs.expose.key() else {
        return;
    };
    if variant.attrs.message.is_set() {
        cx.error_spanned_by(
            expose,
            "`expose` and `message` cannot be combined: `message` already sets the public text; remove one",
        );
    }
    if input.status(variant).is_some_and(|status| status < 500) {
        cx.error_spanned_by(
            expose,
            "`expose` is only for 5xx statuses: a 4xx already shows its Display (or `message`); remove `expose`",
        );
    }
}

fn check_code(cx: &Ctxt, variant: &Variant, code: &str) {
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
        cx.error_spanned_by(variant.code_tokens(), message);
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
        cx.error_spanned_by(variant.code_tokens(), message);
    }
}
