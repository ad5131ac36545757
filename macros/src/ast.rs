//! The intermediate form: the `DeriveInput` with its attributes read, borrowed for spans.
//!
//! A struct is one "variant" named after itself, so every later stage handles both shapes
//! through the same `Variant`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::{Data, DeriveInput, Fields, Ident, LitStr, Member, Type};

use crate::attr::{self, Attrs, FieldAttrs, Place};
use crate::case;
use crate::ctxt::Ctxt;
use crate::fmt::Template;
use crate::status;

pub(crate) struct Input<'a> {
    pub(crate) original: &'a DeriveInput,
    /// Container keys: the enum's `status` default, `code_enum`, `crate`.
    pub(crate) attrs: Attrs,
    pub(crate) is_struct: bool,
    pub(crate) variants: Vec<Variant<'a>>,
}

pub(crate) struct Variant<'a> {
    pub(crate) ident: &'a Ident,
    pub(crate) attrs: Attrs,
    pub(crate) fields: Vec<Field<'a>>,
    /// `message = "…"` parsed against the fields; `None` without `message` or when it does
    /// not parse (reported).
    pub(crate) template: Option<Template>,
    is_struct: bool,
}

pub(crate) struct Field<'a> {
    pub(crate) attrs: FieldAttrs,
    /// `name` or `0`: one `{ member: binding }` pattern works for named and tuple fields.
    pub(crate) member: Member,
    pub(crate) ty: &'a Type,
}

/// What a variant's public `error` text is.
pub(crate) enum Message<'v> {
    /// A fixed text, borrowed with no allocation.
    Static(String),
    /// A format string over fields.
    Template(&'v Template),
    /// The error's `Display`.
    Display,
}

impl<'a> Input<'a> {
    pub(crate) fn from_syn(cx: &Ctxt, node: &'a DeriveInput) -> Option<Self> {
        match &node.data {
            Data::Enum(data) => {
                let attrs = attr::attrs(cx, &node.attrs, Place::Enum);
                let variants = data
                    .variants
                    .iter()
                    .map(|variant| {
                        let attrs = attr::attrs(cx, &variant.attrs, Place::Variant);
                        Variant::new(cx, &variant.ident, attrs, &variant.fields, false)
                    })
                    .collect();
                Some(Input {
                    original: node,
                    attrs,
                    is_struct: false,
                    variants,
                })
            }
            Data::Struct(data) => {
                let mut variant_attrs = attr::attrs(cx, &node.attrs, Place::Struct);
                let attrs = variant_attrs.split_container();
                let variant = Variant::new(cx, &node.ident, variant_attrs, &data.fields, true);
                Some(Input {
                    original: node,
                    attrs,
                    is_struct: true,
                    variants: vec![variant],
                })
            }
            Data::Union(data) => {
                cx.error_spanned_by(
                    data.union_token,
                    "#[derive(ApiError)] does not support unions; use an enum or a struct",
                );
                None
            }
        }
    }

    pub(crate) fn ident(&self) -> &'a Ident {
        &self.original.ident
    }

    /// `::error_contract`, or the `crate = path` the user gave.
    pub(crate) fn krate(&self) -> TokenStream {
        if let Some(path) = self.attrs.krate.value() {
            quote!(#path)
        } else {
            quote!(::error_contract)
        }
    }

    /// `PlatformErrorCode`, or the `code_enum = Name` the user gave.
    pub(crate) fn code_enum(&self) -> Ident {
        match self.attrs.code_enum.value() {
            Some(ident) => ident.clone(),
            None => format_ident!("{}Code", self.ident()),
        }
    }

    /// A variant's status, falling back to the enum's default.
    pub(crate) fn status(&self, variant: &Variant) -> Option<u16> {
        variant
            .attrs
            .status
            .value()
            .or_else(|| self.attrs.status.value())
            .map(|status| status.number)
    }

    /// The `WWW-Authenticate` value the derive sends for an own variant: its own
    /// `www_authenticate`, else the enum's when the variant is a 401; `None` means the
    /// runtime's default challenge.
    pub(crate) fn challenge<'s>(&'s self, variant: &'s Variant) -> Option<&'s LitStr> {
        if variant.is_transparent() {
            return None;
        }
        variant.attrs.www_authenticate.value().or_else(|| {
            self.attrs
                .www_authenticate
                .value()
                .filter(|_| self.status(variant) == Some(401))
        })
    }

    pub(crate) fn has_generics(&self) -> bool {
        !self.original.generics.params.is_empty()
    }
}

impl<'a> Variant<'a> {
    fn new(cx: &Ctxt, ident: &'a Ident, attrs: Attrs, fields: &'a Fields, is_struct: bool) -> Self {
        let fields: Vec<Field<'a>> = fields
            .iter()
            .enumerate()
            .map(|(index, field)| Field {
                attrs: attr::field_attrs(cx, &field.attrs),
                member: field
                    .ident
                    .clone()
                    .map_or_else(|| Member::from(index), Member::Named),
                ty: &field.ty,
            })
            .collect();
        let template = attrs
            .message
            .value()
            .and_then(|message| Template::parse(cx, message, ident, &fields));
        Variant {
            ident,
            attrs,
            fields,
            template,
            is_struct,
        }
    }

    /// The wire code: `code = "…"` or the name in `snake_case`.
    pub(crate) fn error_code(&self) -> String {
        match self.attrs.code.value() {
            Some(code) => code.value(),
            None => case::snake_case(self.ident),
        }
    }

    /// The tokens a code error points at: the `code` literal, else the variant's name.
    pub(crate) fn code_tokens(&self) -> TokenStream {
        if let Some(code) = self.attrs.code.value() {
            quote!(#code)
        } else {
            let ident = self.ident;
            quote!(#ident)
        }
    }

    pub(crate) fn is_transparent(&self) -> bool {
        self.attrs.transparent.is_set()
    }

    /// The single field of a transparent variant.
    pub(crate) fn transparent_field(&self) -> Option<&Field<'a>> {
        match self.fields.as_slice() {
            [field] if self.is_transparent() => Some(field),
            _ => None,
        }
    }

    pub(crate) fn details_field(&self) -> Option<&Field<'a>> {
        self.fields
            .iter()
            .find(|field| field.attrs.details.is_set())
    }

    /// The public text, by the rules of the `message` key.
    pub(crate) fn message(&self, status: u16) -> Message<'_> {
        if let Some(template) = &self.template {
            return match template.static_text() {
                Some(text) => Message::Static(text),
                None => Message::Template(template),
            };
        }
        if status >= 500 && !self.attrs.expose.is_set() {
            return Message::Static(status::server_error_message(status).to_owned());
        }
        Message::Display
    }

    /// A pattern for this variant binding the given `(field, binding)` pairs, `..` for the rest.
    pub(crate) fn pattern<'f>(
        &self,
        bindings: impl IntoIterator<Item = (&'f Field<'f>, &'f Ident)>,
    ) -> TokenStream
    where
        'a: 'f,
    {
        let bindings = bindings.into_iter().map(|(field, binding)| {
            let member = &field.member;
            quote!(#member: #binding)
        });
        let path = if self.is_struct {
            quote!(Self)
        } else {
            let ident = self.ident;
            quote!(Self::#ident)
        };
        quote!(#path { #(#bindings,)* .. })
    }
}

impl Field<'_> {
    /// The local a pattern binds this field to: `__field_name` or `__field_0`.
    pub(crate) fn binding(&self) -> Ident {
        match &self.member {
            Member::Named(ident) => {
                let name = ident.to_string();
                format_ident!("__field_{}", name.strip_prefix("r#").unwrap_or(&name))
            }
            Member::Unnamed(index) => format_ident!("__field_{}", index.index),
        }
    }
}
