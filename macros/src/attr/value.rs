//! The values of the keys. A value that parses but is wrong is reported to `cx` and comes
//! back `None`, so the other keys are still read; a value that does not parse is a
//! `syn::Error`, which ends its `#[api(...)]`.

use proc_macro2::{TokenStream, TokenTree};
use syn::meta::ParseNestedMeta;
use syn::parse::ParseStream;
use syn::{Ident, LitInt, LitStr, Path, Token};

use super::key::Key;
use crate::ctxt::Ctxt;
use crate::status;

/// `status = 404 | NOT_FOUND | StatusCode::NOT_FOUND`: an HTTP error status.
pub(super) fn status(cx: &Ctxt, meta: &ParseNestedMeta) -> syn::Result<Option<u16>> {
    let input = meta.value()?;
    if input.peek(LitInt) {
        let lit: LitInt = input.parse()?;
        if !lit.suffix().is_empty() {
            cx.error_spanned_by(
                &lit,
                format!(
                    "status is a plain number, without the suffix `{}`: `status = 404`",
                    lit.suffix()
                ),
            );
            return Ok(None);
        }
        let number = lit
            .base10_parse::<u16>()
            .ok()
            .filter(|number| status::is_error_status(*number));
        if number.is_none() {
            cx.error_spanned_by(&lit, "status must be an HTTP error status, 400 to 599");
        }
        Ok(number)
    } else if input.peek(Ident) || input.peek(Token![::]) {
        let path: Path = input.parse()?;
        let name = path
            .segments
            .last()
            .map(|segment| segment.ident.to_string())
            .unwrap_or_default();
        match status::by_name(&name) {
            Some(number) if status::is_error_status(number) => Ok(Some(number)),
            Some(number) => {
                cx.error_spanned_by(
                    &path,
                    format!(
                        "status must be an HTTP error status, 400 to 599; `{name}` is {number}"
                    ),
                );
                Ok(None)
            }
            None => {
                cx.error_spanned_by(
                    &path,
                    format!(
                        "`{name}` is not an http::StatusCode constant; write a number from 400 to 599 \
                         or a constant such as NOT_FOUND"
                    ),
                );
                Ok(None)
            }
        }
    } else {
        let value: TokenTree = input.parse()?;
        cx.error_spanned_by(
            &value,
            "status takes a number from 400 to 599 or an http::StatusCode constant, without quotes: \
             `status = 404` or `status = NOT_FOUND`",
        );
        Ok(None)
    }
}

/// `retry = "already_exists"`: the `RetryClass` variant it names, spanned on the literal.
pub(super) fn retry_class(cx: &Ctxt, meta: &ParseNestedMeta) -> syn::Result<Option<Ident>> {
    let lit: LitStr = meta.value()?.parse()?;
    let class = match lit.value().as_str() {
        "transient" => "Transient",
        "throttled" => "Throttled",
        "reauthenticate" => "Reauthenticate",
        "already_exists" => "AlreadyExists",
        "permanent" => "Permanent",
        _ => {
            cx.error_spanned_by(
                &lit,
                "unknown retry class; expected one of: transient, throttled, reauthenticate, \
                 already_exists, permanent",
            );
            return Ok(None);
        }
    };
    Ok(Some(Ident::new(class, lit.span())))
}

/// `retry_after = 30`: whole seconds, a plain number (a unit suffix such as `500ms` would be
/// read as 500 seconds, so it is refused).
pub(super) fn seconds(cx: &Ctxt, meta: &ParseNestedMeta) -> syn::Result<Option<u64>> {
    let input = meta.value()?;
    if !input.peek(LitInt) {
        let value: TokenTree = input.parse()?;
        cx.error_spanned_by(
            &value,
            format!(
                "retry_after takes whole seconds as a number, without quotes: `{}`",
                Key::RetryAfter.example()
            ),
        );
        return Ok(None);
    }
    let lit: LitInt = input.parse()?;
    if !lit.suffix().is_empty() {
        cx.error_spanned_by(
            &lit,
            format!(
                "retry_after is in whole seconds, a plain number without the suffix `{}`: `{}`",
                lit.suffix(),
                Key::RetryAfter.example()
            ),
        );
        return Ok(None);
    }
    let seconds = lit.base10_parse::<u64>().ok();
    if seconds.is_none() {
        cx.error_spanned_by(
            &lit,
            format!(
                "retry_after takes whole seconds, such as `{}`",
                Key::RetryAfter.example()
            ),
        );
    }
    Ok(seconds)
}

/// `www_authenticate = "Bearer realm=\"partner\""`: a whole, valid header value. A missing or
/// non-string value is skipped up to the next key, so the other keys are still read.
pub(super) fn challenge(cx: &Ctxt, meta: &ParseNestedMeta) -> syn::Result<Option<LitStr>> {
    let takes = format!(
        "www_authenticate takes the whole header value as a string, such as `{}`",
        Key::WwwAuthenticate.example()
    );
    if !meta.input.peek(Token![=]) {
        skip_value(meta.input)?;
        cx.error_spanned_by(&meta.path, takes);
        return Ok(None);
    }
    let input = meta.value()?;
    if !input.peek(LitStr) {
        let value = skip_value(input)?;
        cx.error_spanned_by(&value, takes);
        return Ok(None);
    }
    let lit: LitStr = input.parse()?;
    let value = lit.value();
    if value.trim().is_empty() {
        cx.error_spanned_by(
            &lit,
            "www_authenticate is empty; write the challenge a client must answer, such as \
             \"Bearer\" or \"Basic realm=\\\"admin\\\"\"",
        );
        return Ok(None);
    }
    if let Some(bad) = value
        .chars()
        .find(|&c| c != '\t' && !(' '..='~').contains(&c))
    {
        cx.error_spanned_by(
            &lit,
            format!(
                "www_authenticate is not a valid header value: it contains {bad:?}; use only visible \
                 ASCII characters, spaces and tabs"
            ),
        );
        return Ok(None);
    }
    Ok(Some(lit))
}

/// `code = "…"`, `message = "…"`, `solution = "…"`.
pub(super) fn string(meta: &ParseNestedMeta) -> syn::Result<LitStr> {
    meta.value()?.parse()
}

/// `crate = path | crate = "path"`.
pub(super) fn crate_path(meta: &ParseNestedMeta) -> syn::Result<Path> {
    let input = meta.value()?;
    if input.peek(LitStr) {
        input.parse::<LitStr>()?.parse::<Path>()
    } else {
        input.parse::<Path>()
    }
}

/// Consumes one key's value up to the next `,`, for an error that covers all of it.
fn skip_value(input: ParseStream) -> syn::Result<TokenStream> {
    let mut value = TokenStream::new();
    while !input.is_empty() && !input.peek(Token![,]) {
        value.extend([input.parse::<TokenTree>()?]);
    }
    Ok(value)
}
