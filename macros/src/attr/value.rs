//! The values of the keys. A wrong value is reported to `cx` and comes back `None`, so the
//! other keys are still read. A value missing or of the wrong kind is skipped up to the next
//! key, and its error says what the key takes and how to write it (`Key::wrong_value_message`,
//! from the table's example).

use std::fmt::Write as _;

use proc_macro2::{TokenStream, TokenTree};
use syn::meta::ParseNestedMeta;
use syn::parse::{Parse, ParseStream};
use syn::{Ident, LitInt, LitStr, Path, Token};

use super::MetaKey;
use super::key::Key;
use crate::ctxt::Ctxt;
use crate::status;

/// `status = 404 | NOT_FOUND | StatusCode::NOT_FOUND`: an HTTP error status.
pub(super) fn status(cx: &Ctxt, meta: &ParseNestedMeta) -> syn::Result<Option<u16>> {
    let Some(input) = value_input(cx, meta, Key::Status)? else {
        return Ok(None);
    };
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
    let Some(lit) = parsed::<LitStr>(cx, meta, Key::Retry)? else {
        return Ok(None);
    };
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

/// `log = "warn"`: the runtime's `LogLevel` variant it names, spanned on the literal.
pub(super) fn log_level(cx: &Ctxt, meta: &ParseNestedMeta) -> syn::Result<Option<Ident>> {
    let Some(lit) = parsed::<LitStr>(cx, meta, Key::Log)? else {
        return Ok(None);
    };
    let level = match lit.value().as_str() {
        "off" => "Off",
        "error" => "Error",
        "warn" => "Warn",
        "info" => "Info",
        "debug" => "Debug",
        "trace" => "Trace",
        _ => {
            cx.error_spanned_by(
                &lit,
                "unknown log level; expected one of: error, warn, info, debug, trace, off",
            );
            return Ok(None);
        }
    };
    Ok(Some(Ident::new(level, lit.span())))
}

/// `retry_after = 30`: whole seconds, a plain number (a unit suffix such as `500ms` would be
/// read as 500 seconds, so it is refused).
pub(super) fn seconds(cx: &Ctxt, meta: &ParseNestedMeta) -> syn::Result<Option<u64>> {
    let Some(input) = value_input(cx, meta, Key::RetryAfter)? else {
        return Ok(None);
    };
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
    let Some(lit) = parsed::<LitStr>(cx, meta, Key::WwwAuthenticate)? else {
        return Ok(None);
    };
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
pub(super) fn string(cx: &Ctxt, meta: &ParseNestedMeta, key: Key) -> syn::Result<Option<LitStr>> {
    parsed(cx, meta, key)
}

/// `code_enum = PlatformErrorCode`.
pub(super) fn ident(cx: &Ctxt, meta: &ParseNestedMeta) -> syn::Result<Option<Ident>> {
    parsed(cx, meta, Key::CodeEnum)
}

/// `crate = path | crate = "path"`.
pub(super) fn crate_path(cx: &Ctxt, meta: &ParseNestedMeta) -> syn::Result<Option<Path>> {
    let Some(value) = value_tokens(cx, meta, Key::Crate)? else {
        return Ok(None);
    };
    let path = match syn::parse2::<LitStr>(value.clone()) {
        Ok(lit) => lit.parse::<Path>(),
        Err(_) => syn::parse2::<Path>(value.clone()),
    };
    if path.is_err() {
        cx.error_spanned_by(&value, Key::Crate.wrong_value_message());
    }
    Ok(path.ok())
}

/// `meta` alone (the field's name is the key) or `meta = "invoice_id"`; `None` for a value
/// of another kind (reported).
pub(super) fn meta_key(cx: &Ctxt, meta: &ParseNestedMeta) -> syn::Result<Option<MetaKey>> {
    let input = meta.input;
    if input.is_empty() || input.peek(Token![,]) {
        return Ok(Some(MetaKey::FieldName));
    }
    let Some(name) = string(cx, meta, Key::Meta)? else {
        return Ok(None);
    };
    if name.value().is_empty() {
        cx.error_spanned_by(&name, "a meta name cannot be empty: write `meta = \"invoice_id\"`, or `meta` alone on a named field");
        return Ok(None);
    }
    Ok(Some(MetaKey::Named(name)))
}

/// `problem_type = "https://docs.example.com/errors/{code}"`: a URI, `{code}` standing for
/// each variant's code, with nothing in it that a URI cannot hold.
pub(super) fn problem_type(cx: &Ctxt, meta: &ParseNestedMeta) -> syn::Result<Option<LitStr>> {
    let Some(uri) = string(cx, meta, Key::ProblemType)? else {
        return Ok(None);
    };
    let text = uri.value();
    let without_code = text.replace("{code}", "");
    let bad = if text.is_empty() {
        Some("it is empty".to_owned())
    } else if let Some(brace) = without_code.find(['{', '}']) {
        let rest = &without_code[brace..];
        Some(format!(
            "`{}` is not a placeholder; only `{{code}}` is",
            rest.split_inclusive('}').next().unwrap_or(rest)
        ))
    } else {
        without_code
            .chars()
            .find(|c| {
                c.is_whitespace()
                    || c.is_control()
                    || matches!(c, '"' | '<' | '>' | '\\' | '^' | '`' | '|')
            })
            .map(|c| {
                let mut utf8 = [0; 4];
                let encoded =
                    c.encode_utf8(&mut utf8)
                        .bytes()
                        .fold(String::new(), |mut encoded, byte| {
                            let _ = write!(encoded, "%{byte:02X}");
                            encoded
                        });
                format!("{c:?} cannot stand in a URI; write it percent-encoded, `{encoded}`")
            })
    };
    if let Some(bad) = bad {
        cx.error_spanned_by(
            &uri,
            format!("problem_type must be a URI such as `problem_type = \"https://docs.example.com/errors/{{code}}\"`: {bad}"),
        );
        return Ok(None);
    }
    Ok(Some(uri))
}

/// `expose`, `transparent`, `details`: the key alone. A value is reported and skipped up to
/// the next key; the flag still counts as given.
pub(super) fn flag(cx: &Ctxt, meta: &ParseNestedMeta, key: Key) -> syn::Result<Option<()>> {
    debug_assert!(key.is_flag(), "{key:?}");
    let input = meta.input;
    if input.is_empty() || input.peek(Token![,]) {
        return Ok(Some(()));
    }
    let eq = input.parse::<Option<Token![=]>>()?;
    let value = skip_value(input)?;
    if value.is_empty() {
        cx.error_spanned_by(eq, key.wrong_value_message());
    } else {
        cx.error_spanned_by(&value, key.wrong_value_message());
    }
    Ok(None)
}

/// The input after `key =`. Without the `=`, the error says what `key` takes (on the key)
/// and whatever follows is skipped up to the next key.
fn value_input<'a>(
    cx: &Ctxt,
    meta: &ParseNestedMeta<'a>,
    key: Key,
) -> syn::Result<Option<ParseStream<'a>>> {
    if meta.input.peek(Token![=]) {
        return meta.value().map(Some);
    }
    skip_value(meta.input)?;
    cx.error_spanned_by(&meta.path, key.wrong_value_message());
    Ok(None)
}

/// The whole value of `key = value`, up to the next key; an empty one is reported on the key.
fn value_tokens(cx: &Ctxt, meta: &ParseNestedMeta, key: Key) -> syn::Result<Option<TokenStream>> {
    let Some(input) = value_input(cx, meta, key)? else {
        return Ok(None);
    };
    let value = skip_value(input)?;
    if value.is_empty() {
        cx.error_spanned_by(&meta.path, key.wrong_value_message());
        return Ok(None);
    }
    Ok(Some(value))
}

/// The value of `key = value` as a `T`, which must be all of it; any other value is reported
/// with what `key` takes and how to write it, spanned on the value.
fn parsed<T: Parse>(cx: &Ctxt, meta: &ParseNestedMeta, key: Key) -> syn::Result<Option<T>> {
    let Some(value) = value_tokens(cx, meta, key)? else {
        return Ok(None);
    };
    let parsed = syn::parse2::<T>(value.clone());
    if parsed.is_err() {
        cx.error_spanned_by(&value, key.wrong_value_message());
    }
    Ok(parsed.ok())
}

/// Consumes one key's value up to the next `,`, for an error that covers all of it.
fn skip_value(input: ParseStream) -> syn::Result<TokenStream> {
    let mut value = TokenStream::new();
    while !input.is_empty() && !input.peek(Token![,]) {
        value.extend([input.parse::<TokenTree>()?]);
    }
    Ok(value)
}
