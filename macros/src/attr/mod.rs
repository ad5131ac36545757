//! Reads `#[api(...)]` and doc comments. Single-key syntax is checked here; rules that need
//! two keys or two variants in view live in `valid/`.

mod docs;
mod key;
mod setting;
mod value;

use syn::meta::ParseNestedMeta;
use syn::{Attribute, Ident, LitStr, Path};

pub(crate) use self::key::{Key, Place};
use self::setting::Setting;
use crate::ctxt::Ctxt;

/// The key a `meta` field is written under.
pub(crate) enum MetaKey {
    /// `meta` alone: the field's own name.
    FieldName,
    /// `meta = "invoice_id"`.
    Named(LitStr),
}

/// The keys of `#[api(...)]` on one enum, variant, struct or field (only those its place
/// allows can be set), and its doc comment.
#[derive(Default)]
pub(crate) struct Attrs {
    pub(crate) status: Setting<u16>,
    pub(crate) code: Setting<LitStr>,
    pub(crate) message: Setting<LitStr>,
    pub(crate) expose: Setting<()>,
    /// The `RetryClass` variant named.
    pub(crate) retry: Setting<Ident>,
    /// Whole seconds.
    pub(crate) retry_after: Setting<u64>,
    /// The whole `WWW-Authenticate` value, checked to be a valid header value.
    pub(crate) www_authenticate: Setting<LitStr>,
    pub(crate) solution: Setting<LitStr>,
    pub(crate) transparent: Setting<()>,
    pub(crate) code_enum: Setting<Ident>,
    pub(crate) krate: Setting<Path>,
    pub(crate) details: Setting<()>,
    /// The runtime's `LogLevel` variant named.
    pub(crate) log: Setting<Ident>,
    /// `meta` or `meta = "name"`.
    pub(crate) meta: Setting<MetaKey>,
    /// The problem document's `type`, `{code}` standing for each code.
    pub(crate) problem_type: Setting<LitStr>,
    /// `alias = "old_code"`, each time it is written (it repeats), with the key's path.
    pub(crate) aliases: Vec<(Path, LitStr)>,
    /// `exhaustive`: the code enum is not `#[non_exhaustive]`.
    pub(crate) exhaustive: Setting<()>,
    /// The doc comment, lines trimmed and joined with spaces.
    pub(crate) docs: String,
}

/// Reads every `#[api(...)]` in `attrs` as standing at `place`. Errors go to `cx`; an error
/// inside one attribute skips the rest of that attribute only.
pub(crate) fn parse(cx: &Ctxt, attrs: &[Attribute], place: Place) -> Attrs {
    let mut out = Attrs {
        docs: docs::one_line(attrs),
        ..Attrs::default()
    };
    for attr in attrs.iter().filter(|attr| attr.path().is_ident("api")) {
        let parsed = attr.parse_nested_meta(|meta| match Key::at(place, &meta.path) {
            Some(key) => out.read(cx, key, &meta),
            None => Err(meta.error(place.unknown_key_message())),
        });
        if let Err(error) = parsed {
            cx.push(error);
        }
    }
    out
}

impl Attrs {
    /// Reads `key`'s value from `meta` into its setting: one arm per key, no wildcard, so a
    /// new key does not compile until it is read.
    fn read(&mut self, cx: &Ctxt, key: Key, meta: &ParseNestedMeta) -> syn::Result<()> {
        let path = &meta.path;
        match key {
            Key::Status => self.status.set(cx, key, path, value::status(cx, meta)?),
            Key::Code => self.code.set(cx, key, path, value::string(cx, meta, key)?),
            Key::Message => self
                .message
                .set(cx, key, path, value::string(cx, meta, key)?),
            Key::Expose => self.expose.set(cx, key, path, value::flag(cx, meta, key)?),
            Key::Retry => self.retry.set(cx, key, path, value::retry_class(cx, meta)?),
            Key::RetryAfter => {
                let seconds = value::seconds(cx, meta)?;
                self.retry_after.set(cx, key, path, seconds);
            }
            Key::WwwAuthenticate => {
                let challenge = value::challenge(cx, meta)?;
                self.www_authenticate.set(cx, key, path, challenge);
            }
            Key::Solution => {
                let solution = value::string(cx, meta, key)?;
                self.solution.set(cx, key, path, solution);
            }
            Key::Transparent => {
                let transparent = value::flag(cx, meta, key)?;
                self.transparent.set(cx, key, path, transparent);
            }
            Key::CodeEnum => self.code_enum.set(cx, key, path, value::ident(cx, meta)?),
            Key::Crate => self.krate.set(cx, key, path, value::crate_path(cx, meta)?),
            Key::Details => self.details.set(cx, key, path, value::flag(cx, meta, key)?),
            Key::Log => self.log.set(cx, key, path, value::log_level(cx, meta)?),
            Key::Meta => self.meta.set(cx, key, path, value::meta_key(cx, meta)?),
            Key::ProblemType => {
                let uri = value::problem_type(cx, meta)?;
                self.problem_type.set(cx, key, path, uri);
            }
            // The one key that repeats: each former code is an alias.
            Key::Alias => {
                if let Some(alias) = value::string(cx, meta, key)? {
                    self.aliases.push((path.clone(), alias));
                }
            }
            Key::Exhaustive => {
                let flag = value::flag(cx, meta, key)?;
                self.exhaustive.set(cx, key, path, flag);
            }
        }
        Ok(())
    }

    /// Where `key` was written, if it was.
    pub(crate) fn written(&self, key: Key) -> Option<&Path> {
        match key {
            Key::Status => self.status.key(),
            Key::Code => self.code.key(),
            Key::Message => self.message.key(),
            Key::Expose => self.expose.key(),
            Key::Retry => self.retry.key(),
            Key::RetryAfter => self.retry_after.key(),
            Key::WwwAuthenticate => self.www_authenticate.key(),
            Key::Solution => self.solution.key(),
            Key::Transparent => self.transparent.key(),
            Key::CodeEnum => self.code_enum.key(),
            Key::Crate => self.krate.key(),
            Key::Details => self.details.key(),
            Key::Log => self.log.key(),
            Key::Meta => self.meta.key(),
            Key::ProblemType => self.problem_type.key(),
            Key::Alias => self.aliases.first().map(|(path, _)| path),
            Key::Exhaustive => self.exhaustive.key(),
        }
    }

    /// Splits a struct's keys into the type's (`code_enum`, `crate`) and the rest, which
    /// describe the struct as the single "variant" of its code enum. Every field is named,
    /// so a new key must be placed on one side.
    pub(crate) fn split_type_keys(self) -> (Attrs, Attrs) {
        let Attrs {
            status,
            code,
            message,
            expose,
            retry,
            retry_after,
            www_authenticate,
            solution,
            transparent,
            code_enum,
            krate,
            details,
            log,
            meta,
            problem_type,
            aliases,
            exhaustive,
            docs,
        } = self;
        let type_keys = Attrs {
            code_enum,
            krate,
            problem_type,
            exhaustive,
            ..Attrs::default()
        };
        let error_keys = Attrs {
            status,
            code,
            message,
            expose,
            retry,
            retry_after,
            www_authenticate,
            solution,
            transparent,
            details,
            log,
            meta,
            aliases,
            docs,
            ..Attrs::default()
        };
        (type_keys, error_keys)
    }
}

#[cfg(test)]
mod tests {
    use super::{Key, Place, parse};
    use crate::ctxt::Ctxt;

    const PLACES: [Place; 4] = [Place::Enum, Place::Variant, Place::Struct, Place::Field];

    /// A missing value, a value of the wrong kind, a value with more after it and a value
    /// on a flag all say what the key takes; the keys after them are still read.
    #[test]
    fn a_value_of_the_wrong_kind_says_what_the_key_takes() {
        let cases: [(proc_macro2::TokenStream, Key, Place); 10] = [
            (quote::quote!(code), Key::Code, Place::Variant),
            (quote::quote!(code("x")), Key::Code, Place::Variant),
            (quote::quote!(code = "x" "y"), Key::Code, Place::Variant),
            (quote::quote!(message = b"x"), Key::Message, Place::Variant),
            (quote::quote!(status), Key::Status, Place::Variant),
            (quote::quote!(retry_after), Key::RetryAfter, Place::Variant),
            (quote::quote!(crate = "5"), Key::Crate, Place::Enum),
            (quote::quote!(code_enum = a::B), Key::CodeEnum, Place::Enum),
            (quote::quote!(expose(yes)), Key::Expose, Place::Variant),
            (quote::quote!(details =), Key::Details, Place::Field),
        ];
        for (tokens, key, place) in cases {
            let attrs: Vec<syn::Attribute> = vec![syn::parse_quote!(#[api(#tokens, bogus)])];
            let cx = Ctxt::new();
            let parsed = parse(&cx, &attrs, place);
            let errors: Vec<String> = cx
                .check()
                .err()
                .into_iter()
                .flatten()
                .map(|error| error.to_string())
                .collect();
            assert_eq!(
                errors,
                [key.wrong_value_message(), place.unknown_key_message()],
                "{tokens}"
            );
            assert!(parsed.written(key).is_some(), "{tokens}");
        }
    }

    /// Each key's example parses without error where the table allows it, and is an
    /// "unknown key" everywhere else.
    #[test]
    fn every_example_parses_exactly_where_its_key_is_allowed() {
        for key in Key::ALL {
            let example: proc_macro2::TokenStream = key.example().parse().unwrap();
            let attrs: Vec<syn::Attribute> = vec![syn::parse_quote!(#[api(#example)])];
            for place in PLACES {
                let cx = Ctxt::new();
                let parsed = parse(&cx, &attrs, place);
                let errors = cx.check().err().map(|error| error.to_string());
                if key.allowed_on(place) {
                    assert_eq!(errors, None, "{key:?} on {place:?}");
                    assert!(parsed.written(key).is_some(), "{key:?} on {place:?}");
                } else {
                    assert_eq!(
                        errors,
                        Some(place.unknown_key_message()),
                        "{key:?} on {place:?}"
                    );
                }
            }
        }
    }
}
