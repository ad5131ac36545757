//! Reads `#[api(...)]` and doc comments. Single-key syntax is checked here; rules that need
//! two keys or two variants in view live in `valid.rs`.

use proc_macro2::TokenStream;
use syn::meta::ParseNestedMeta;
use syn::parse::ParseStream;
use syn::{Attribute, Expr, ExprLit, Ident, Lit, LitInt, LitStr, Meta, Path, Token};

use crate::ctxt::Ctxt;
use crate::status;

/// One key's value, with the key token kept for "given twice" and other spanned errors.
pub(crate) struct Setting<T> {
    key: Option<Path>,
    value: Option<T>,
}

impl<T> Default for Setting<T> {
    fn default() -> Self {
        Self {
            key: None,
            value: None,
        }
    }
}

impl<T> Setting<T> {
    fn set(&mut self, cx: &Ctxt, key: &Path, value: T) {
        self.record(cx, key, Some(value));
    }

    /// Records a key whose value was wrong (and already reported), so that no second error
    /// says the key is missing.
    fn set_invalid(&mut self, cx: &Ctxt, key: &Path) {
        self.record(cx, key, None);
    }

    fn record(&mut self, cx: &Ctxt, key: &Path, value: Option<T>) {
        if let Some(first) = &self.key {
            let name = key
                .get_ident()
                .map_or_else(String::new, ToString::to_string);
            let mut error =
                syn::Error::new_spanned(key, format!("`{name}` is given twice; remove one"));
            error.combine(syn::Error::new_spanned(
                first,
                format!("`{name}` first given here"),
            ));
            cx.push(error);
        } else {
            self.key = Some(key.clone());
            self.value = value;
        }
    }

    pub(crate) fn value(&self) -> Option<&T> {
        self.value.as_ref()
    }

    /// The key as written, for an error about the key as a whole.
    pub(crate) fn key(&self) -> Option<&Path> {
        self.key.as_ref()
    }

    pub(crate) fn is_set(&self) -> bool {
        self.key.is_some()
    }

    /// Moves this setting out, leaving it unset (splits a struct's keys into two sets).
    fn take(&mut self) -> Self {
        std::mem::take(self)
    }
}

/// A checked status.
pub(crate) struct Status {
    pub(crate) number: u16,
}

/// A `retry = "…"` value: the `RetryClass` variant it names.
pub(crate) struct Retry {
    pub(crate) class: Ident,
}

/// Where an `#[api(...)]` stands, which decides the keys it may hold.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Place {
    Enum,
    Variant,
    Struct,
}

impl Place {
    fn allows(self, key: &str) -> bool {
        const CONTAINER: &[&str] = &["status", "www_authenticate", "code_enum", "crate"];
        const VARIANT: &[&str] = &[
            "status",
            "code",
            "message",
            "expose",
            "retry",
            "retry_after",
            "www_authenticate",
            "solution",
            "transparent",
        ];
        match self {
            Place::Enum => CONTAINER.contains(&key),
            Place::Variant => VARIANT.contains(&key),
            Place::Struct => CONTAINER.contains(&key) || VARIANT.contains(&key),
        }
    }

    fn unknown_key_message(self) -> &'static str {
        match self {
            Place::Enum => {
                "unknown key in #[api(...)] on an enum; expected one of: status, www_authenticate, \
                 code_enum, crate (keys such as `code` or `message` go on a variant)"
            }
            Place::Variant => {
                "unknown key in #[api(...)] on a variant; expected one of: status, code, message, expose, \
                 retry, retry_after, www_authenticate, solution, transparent"
            }
            Place::Struct => {
                "unknown key in #[api(...)] on a struct; expected one of: status, code, message, expose, \
                 retry, retry_after, www_authenticate, solution, transparent, code_enum, crate"
            }
        }
    }
}

/// Every key of `#[api(...)]` on an enum, a variant or a struct, and the doc comment.
#[derive(Default)]
pub(crate) struct Attrs {
    pub(crate) status: Setting<Status>,
    pub(crate) code: Setting<LitStr>,
    pub(crate) message: Setting<LitStr>,
    pub(crate) expose: Setting<()>,
    pub(crate) retry: Setting<Retry>,
    pub(crate) retry_after: Setting<u64>,
    /// The whole `WWW-Authenticate` value, checked to be a valid header value.
    pub(crate) www_authenticate: Setting<LitStr>,
    pub(crate) solution: Setting<LitStr>,
    pub(crate) transparent: Setting<()>,
    pub(crate) code_enum: Setting<Ident>,
    pub(crate) krate: Setting<Path>,
    /// The doc comment, lines trimmed and joined with spaces.
    pub(crate) docs: String,
}

impl Attrs {
    /// Splits a struct's keys: the container's (`code_enum`, `crate`) and the rest, which
    /// describe the struct as the single "variant" of its code enum.
    pub(crate) fn split_container(&mut self) -> Attrs {
        Attrs {
            code_enum: self.code_enum.take(),
            krate: self.krate.take(),
            ..Attrs::default()
        }
    }

    /// The keys set here other than `transparent`, for "cannot be combined" errors.
    pub(crate) fn keys_besides_transparent(&self) -> Vec<&Path> {
        [
            self.status.key(),
            self.code.key(),
            self.message.key(),
            self.expose.key(),
            self.retry.key(),
            self.retry_after.key(),
            self.www_authenticate.key(),
            self.solution.key(),
        ]
        .into_iter()
        .flatten()
        .collect()
    }
}

/// `#[api(details)]` on a field.
#[derive(Default)]
pub(crate) struct FieldAttrs {
    pub(crate) details: Setting<()>,
}

pub(crate) fn attrs(cx: &Ctxt, attrs: &[Attribute], place: Place) -> Attrs {
    let mut out = Attrs {
        docs: docs(attrs),
        ..Attrs::default()
    };
    for attr in attrs.iter().filter(|attr| attr.path().is_ident("api")) {
        let parsed = attr.parse_nested_meta(|meta| {
            let key = meta
                .path
                .get_ident()
                .map(ToString::to_string)
                .unwrap_or_default();
            if !place.allows(&key) {
                return Err(meta.error(place.unknown_key_message()));
            }
            parse_key(cx, &mut out, &key, &meta)
        });
        if let Err(error) = parsed {
            cx.push(error);
        }
    }
    out
}

fn parse_key(cx: &Ctxt, out: &mut Attrs, key: &str, meta: &ParseNestedMeta) -> syn::Result<()> {
    let path = &meta.path;
    match key {
        // status = 404 | status = NOT_FOUND | status = StatusCode::NOT_FOUND
        "status" => match parse_status(cx, meta)? {
            Some(status) => out.status.set(cx, path, status),
            None => out.status.set_invalid(cx, path),
        },
        // code = "permission_denied"
        "code" => out.code.set(cx, path, meta.value()?.parse()?),
        // message = "Invoice {0} not found"
        "message" => out.message.set(cx, path, meta.value()?.parse()?),
        // expose
        "expose" => out.expose.set(cx, path, ()),
        // retry = "already_exists"
        "retry" => {
            let lit: LitStr = meta.value()?.parse()?;
            match retry_class(&lit.value()) {
                Some(class) => out.retry.set(
                    cx,
                    path,
                    Retry {
                        class: Ident::new(class, lit.span()),
                    },
                ),
                None => cx.error_spanned_by(
                    &lit,
                    "unknown retry class; expected one of: transient, throttled, reauthenticate, \
                     already_exists, permanent",
                ),
            }
        }
        // retry_after = 30
        "retry_after" => {
            let lit: LitInt = meta.value()?.parse()?;
            match lit.base10_parse::<u64>() {
                Ok(seconds) => out.retry_after.set(cx, path, seconds),
                Err(_) => cx.error_spanned_by(
                    &lit,
                    "retry_after takes whole seconds, such as `retry_after = 30`",
                ),
            }
        }
        // www_authenticate = "Bearer realm=\"partner\", error=\"invalid_token\""
        "www_authenticate" => match parse_challenge(cx, meta)? {
            Some(challenge) => out.www_authenticate.set(cx, path, challenge),
            None => out.www_authenticate.set_invalid(cx, path),
        },
        // solution = "Refresh token or re-authenticate"
        "solution" => out.solution.set(cx, path, meta.value()?.parse()?),
        // transparent
        "transparent" => out.transparent.set(cx, path, ()),
        // code_enum = PlatformErrorCode
        "code_enum" => out.code_enum.set(cx, path, meta.value()?.parse()?),
        // crate = path | crate = "path"
        "crate" => {
            let input = meta.value()?;
            let krate = if input.peek(LitStr) {
                input.parse::<LitStr>()?.parse::<Path>()?
            } else {
                input.parse::<Path>()?
            };
            out.krate.set(cx, path, krate);
        }
        _ => unreachable!("Place::allows admitted an unhandled key"),
    }
    Ok(())
}

/// Reads a status; a value that parses but is not an error status is reported to `cx`.
fn parse_status(cx: &Ctxt, meta: &ParseNestedMeta) -> syn::Result<Option<Status>> {
    let input = meta.value()?;
    if input.peek(LitInt) {
        let lit: LitInt = input.parse()?;
        let number = lit
            .base10_parse::<u16>()
            .ok()
            .filter(|number| status::is_error_status(*number));
        if number.is_none() {
            cx.error_spanned_by(&lit, "status must be an HTTP error status, 400 to 599");
        }
        Ok(number.map(|number| Status { number }))
    } else if input.peek(Ident) || input.peek(Token![::]) {
        let path: Path = input.parse()?;
        let name = path
            .segments
            .last()
            .map(|segment| segment.ident.to_string())
            .unwrap_or_default();
        match status::by_name(&name) {
            Some(number) if status::is_error_status(number) => Ok(Some(Status { number })),
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
        // Report, skip the value and go on with the other keys.
        let value: proc_macro2::TokenTree = input.parse()?;
        cx.error_spanned_by(
            &value,
            "status takes a number from 400 to 599 or an http::StatusCode constant, without quotes: \
             `status = 404` or `status = NOT_FOUND`",
        );
        Ok(None)
    }
}

/// Reads a `WWW-Authenticate` value; a missing, non-string, empty or invalid one is reported
/// to `cx` and skipped, so the other keys are still read.
fn parse_challenge(cx: &Ctxt, meta: &ParseNestedMeta) -> syn::Result<Option<LitStr>> {
    const TAKES: &str = "www_authenticate takes the whole header value as a string, such as \
                         `www_authenticate = \"Bearer realm=\\\"api\\\"\"`";
    if !meta.input.peek(Token![=]) {
        skip_value(meta.input)?;
        cx.error_spanned_by(&meta.path, TAKES);
        return Ok(None);
    }
    let input = meta.value()?;
    if !input.peek(LitStr) {
        let value = skip_value(input)?;
        cx.error_spanned_by(&value, TAKES);
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

/// Consumes one key's value up to the next `,`, for an error that covers all of it.
fn skip_value(input: ParseStream) -> syn::Result<TokenStream> {
    let mut value = TokenStream::new();
    while !input.is_empty() && !input.peek(Token![,]) {
        value.extend([input.parse::<proc_macro2::TokenTree>()?]);
    }
    Ok(value)
}

fn retry_class(name: &str) -> Option<&'static str> {
    Some(match name {
        "transient" => "Transient",
        "throttled" => "Throttled",
        "reauthenticate" => "Reauthenticate",
        "already_exists" => "AlreadyExists",
        "permanent" => "Permanent",
        _ => return None,
    })
}

pub(crate) fn field_attrs(cx: &Ctxt, attrs: &[Attribute]) -> FieldAttrs {
    let mut out = FieldAttrs::default();
    for attr in attrs.iter().filter(|attr| attr.path().is_ident("api")) {
        let parsed = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("details") {
                // #[api(details)]
                out.details.set(cx, &meta.path, ());
                Ok(())
            } else {
                Err(meta.error("unknown key in #[api(...)] on a field; expected: details"))
            }
        });
        if let Err(error) = parsed {
            cx.push(error);
        }
    }
    out
}

/// The doc comment as one line: what the catalogue shows as the code's cause.
fn docs(attrs: &[Attribute]) -> String {
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
