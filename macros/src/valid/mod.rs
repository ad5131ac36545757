//! Validation: the rules that need two keys, two fields or two variants in view, and the
//! defaults. The only place that turns the parsed form's `Option`s into decisions; its
//! answer, a [`Contract`], is what the code generator reads. The rules never stop early, so
//! one compile shows every mistake.

mod codes;
mod rules;

use quote::format_ident;

use self::codes::Codes;
use crate::ast::{Input, Variant};
use crate::contract::{Contract, Message, MetaField, Own, Resolved, Retry, Transparent};
use crate::ctxt::Ctxt;
use crate::status;

/// Checks `input`, reporting to `cx`, and resolves every variant. `None` when a variant
/// cannot be resolved (its error is in `cx`); `cx` may hold errors even when this is `Some`.
pub(crate) fn check<'a>(cx: &Ctxt, input: &'a Input<'a>) -> Option<Contract<'a>> {
    let mut codes = Codes::default();
    let mut statuses = Vec::with_capacity(input.variants.len());
    let mut variants = Vec::with_capacity(input.variants.len());
    for variant in &input.variants {
        let status = status(cx, input, variant);
        rules::transparent(cx, variant);
        rules::details(cx, variant);
        rules::expose(cx, variant, status);
        rules::challenge(cx, variant, status);
        statuses.push(status);
        variants.push(if variant.is_transparent() {
            transparent(variant)
        } else {
            // Checked whatever the status, so a code error is not hidden behind a status error.
            let code = codes.check(cx, variant);
            let aliases = codes.check_aliases(cx, variant);
            let meta = rules::meta(cx, variant);
            status.map(|status| {
                let mut own = own(input, variant, status, code, meta);
                own.aliases = aliases;
                Resolved::Own(own)
            })
        });
    }
    rules::enum_challenge(cx, input, &statuses);
    let code_enum = match input.attrs.code_enum.value() {
        Some(ident) => ident.clone(),
        None => format_ident!("{}Code", input.original.ident),
    };
    Some(Contract {
        original: input.original,
        krate: input.krate(),
        code_enum,
        code_enum_named: input.attrs.code_enum.value().is_some(),
        variants: variants.into_iter().collect::<Option<_>>()?,
        problem_type: input.attrs.problem_type.value(),
        exhaustive: input.attrs.exhaustive.is_set(),
    })
}

/// The status an own variant answers with: its own, else the enum's default. `None` for a
/// transparent variant, and for a status that is missing (reported here) or invalid
/// (reported by the parser).
fn status(cx: &Ctxt, input: &Input, variant: &Variant) -> Option<u16> {
    if variant.is_transparent() {
        return None;
    }
    for status in [&variant.attrs.status, &input.attrs.status] {
        if status.is_set() {
            return status.value().copied();
        }
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
    None
}

/// A transparent variant with its single field; `None` for another field count (reported).
fn transparent<'a>(variant: &'a Variant<'a>) -> Option<Resolved<'a>> {
    match variant.fields.as_slice() {
        [field] => Some(Resolved::Transparent(Transparent { variant, field })),
        _ => None,
    }
}

/// An own variant with every default applied.
fn own<'a>(
    input: &'a Input<'a>,
    variant: &'a Variant<'a>,
    status: u16,
    code: String,
    meta: Vec<MetaField<'a, 'a>>,
) -> Own<'a> {
    let attrs = &variant.attrs;
    // The enum's challenge is the default of its 401 variants only.
    let enum_challenge = input
        .attrs
        .www_authenticate
        .value()
        .filter(|_| status == 401);
    Own {
        variant,
        status,
        code,
        aliases: Vec::new(),
        message: message(variant, status),
        retry: attrs.retry.value().map_or(Retry::OfStatus, Retry::Class),
        retry_after: attrs.retry_after.value().copied(),
        challenge: attrs.www_authenticate.value().or(enum_challenge),
        log: attrs.log.value().or(input.attrs.log.value()),
        details: variant
            .fields
            .iter()
            .find(|field| field.attrs.details.is_set()),
        meta,
        docs: &attrs.docs,
        solution: attrs.solution.value(),
    }
}

/// The public text, by the rules of the `message` key: the template; else for a 5xx its
/// reason phrase, unless `expose`; else `Display`.
fn message<'a>(variant: &'a Variant<'a>, status: u16) -> Message<'a> {
    if let Some(template) = &variant.template {
        return match template.static_text() {
            Some(text) => Message::Static(text),
            None => Message::Template(template),
        };
    }
    if status >= 500 && !variant.attrs.expose.is_set() {
        return Message::Static(status::server_error_message(status).to_owned());
    }
    Message::Display
}
