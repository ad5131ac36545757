//! The rules between keys of one variant (and its fields' `meta` keys), and the enum's
//! challenge against its variants.

use syn::Member;
use syn::ext::IdentExt as _;

use crate::ast::{Input, Variant};
use crate::attr::{Key, MetaKey};
use crate::contract::MetaField;
use crate::ctxt::Ctxt;

/// `transparent` on a variant without exactly one field, with keys it forwards, or around
/// a `details` field.
pub(super) fn transparent(cx: &Ctxt, variant: &Variant) {
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
    for other in Key::ALL
        .into_iter()
        .filter(|key| key.forwarded_by_transparent())
    {
        let Some(written) = variant.attrs.written(other) else {
            continue;
        };
        let name = other.name();
        cx.error_spanned_by(
            written,
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
        if let Some(meta) = field.attrs.meta.key() {
            cx.error_spanned_by(
                meta,
                "#[api(meta)] cannot be used in a transparent variant: its meta comes from the inner error",
            );
        }
    }
}

/// The `meta` fields of a variant with their keys, in declaration order; every mistake
/// reported: a tuple field without a key, a key given twice, `meta` with `details`.
pub(super) fn meta<'v, 'a>(cx: &Ctxt, variant: &'v Variant<'a>) -> Vec<MetaField<'v, 'a>> {
    let mut fields: Vec<MetaField<'v, 'a>> = Vec::new();
    for field in &variant.fields {
        let Some(key) = field.attrs.meta.key() else {
            continue;
        };
        if let Some(details) = field.attrs.details.key() {
            let mut error = syn::Error::new_spanned(
                key,
                "a field cannot be both #[api(meta)] and #[api(details)]: `details` holds field errors, \
                 `meta` one public value; remove one",
            );
            error.combine(syn::Error::new_spanned(details, "#[api(details)] here"));
            cx.push(error);
            continue;
        }
        let (name, span) = match (field.attrs.meta.value(), &field.member) {
            (Some(MetaKey::Named(name)), _) => (name.value(), name.span()),
            (_, Member::Named(ident)) => (ident.unraw().to_string(), ident.span()),
            (_, Member::Unnamed(index)) => {
                cx.error_spanned_by(
                    key,
                    format!(
                        "#[api(meta)] on a tuple field needs its key in `meta`: write \
                         #[api(meta = \"invoice_id\")] on field {} of `{}`",
                        index.index, variant.ident
                    ),
                );
                continue;
            }
        };
        if let Some(first) = fields.iter().find(|first| first.name == name) {
            let mut error = syn::Error::new(
                span,
                format!(
                    "the meta key \"{name}\" is used twice in `{}`; give one field another name with \
                     #[api(meta = \"…\")]",
                    variant.ident
                ),
            );
            error.combine(syn::Error::new(first.span, "first used here"));
            cx.push(error);
            continue;
        }
        fields.push(MetaField { field, name, span });
    }
    fields
}

/// A second `#[api(details)]` field.
pub(super) fn details(cx: &Ctxt, variant: &Variant) {
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

/// `expose` with `message`, or on a 4xx.
pub(super) fn expose(cx: &Ctxt, variant: &Variant, status: Option<u16>) {
    let Some(expose) = variant.attrs.expose.key() else {
        return;
    };
    if variant.attrs.message.is_set() {
        cx.error_spanned_by(
            expose,
            "`expose` and `message` cannot be combined: `message` already sets the public text; remove one",
        );
    }
    if status.is_some_and(|status| status < 500) {
        cx.error_spanned_by(
            expose,
            "`expose` is only for 5xx statuses: a 4xx already shows its Display (or `message`); remove `expose`",
        );
    }
}

/// `www_authenticate` on a variant (or struct) that does not answer 401. `status` is `None`
/// when unknown (transparent, or an error already), which is not judged.
pub(super) fn challenge(cx: &Ctxt, variant: &Variant, status: Option<u16>) {
    let Some(key) = variant.attrs.www_authenticate.key() else {
        return;
    };
    match status {
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
/// variants that have none of their own. `statuses` are the variants', in order.
pub(super) fn enum_challenge(cx: &Ctxt, input: &Input, statuses: &[Option<u16>]) {
    let Some(key) = input.attrs.www_authenticate.key() else {
        return;
    };
    // A variant without a valid status has an error already: it may be meant as a 401.
    let used = input
        .variants
        .iter()
        .zip(statuses)
        .any(|(variant, status)| {
            !variant.is_transparent()
                && !variant.attrs.www_authenticate.is_set()
                && matches!(status, None | Some(401))
        });
    if !used {
        cx.error_spanned_by(
            key,
            "`www_authenticate` on the enum is the challenge of its 401 variants, but no variant uses it: \
             none has status = 401 without its own `www_authenticate`; remove it from the enum",
        );
    }
}
