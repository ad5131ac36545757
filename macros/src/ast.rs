//! The intermediate form: the `DeriveInput` with its attributes read, borrowed for spans.
//! Nothing is decided here; `valid/` applies the defaults and the rules.
//!
//! A struct is one "variant" named after itself, so every later stage handles both shapes
//! through the same `Variant`.

use proc_macro2::TokenStream;
use quote::ToTokens;
use syn::{
    Attribute, Data, DeriveInput, Expr, ExprLit, Fields, Ident, Lit, LitStr, Member, Meta,
    MetaNameValue, Type,
};

use crate::attr::{self, Attrs, Place};
use crate::binding;
use crate::ctxt::Ctxt;
use crate::fmt::Template;

pub(crate) struct Input<'a> {
    pub(crate) original: &'a DeriveInput,
    /// The type's keys: an enum's `status` and `www_authenticate` defaults, `code_enum`,
    /// `crate`; a struct's `code_enum` and `crate` only.
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
    /// A struct's fields are matched as `Self { .. }`, a variant's as `Self::Name { .. }`.
    pub(crate) is_struct: bool,
    /// Rust's `#[deprecated]` on the variant: copied onto the code enum's variant, and in
    /// the catalogue.
    pub(crate) deprecated: Option<Deprecated<'a>>,
}

/// A `#[deprecated]` attribute and its note.
pub(crate) struct Deprecated<'a> {
    pub(crate) attr: &'a Attribute,
    /// `note = "…"`, or `#[deprecated = "…"]`.
    pub(crate) note: Option<String>,
}

impl<'a> Deprecated<'a> {
    /// The `#[deprecated]` among `attrs`, if any. Its form is rustc's to check.
    fn find(attrs: &'a [Attribute]) -> Option<Self> {
        let attr = attrs
            .iter()
            .find(|attr| attr.path().is_ident("deprecated"))?;
        let note = match &attr.meta {
            Meta::NameValue(MetaNameValue {
                value:
                    Expr::Lit(ExprLit {
                        lit: Lit::Str(note),
                        ..
                    }),
                ..
            }) => Some(note.value()),
            Meta::List(_) => {
                let mut note = None;
                let _ = attr.parse_nested_meta(|meta| {
                    if meta.path.is_ident("note") {
                        note = Some(meta.value()?.parse::<LitStr>()?.value());
                    } else if meta.input.peek(syn::Token![=]) {
                        meta.value()?.parse::<Expr>()?;
                    }
                    Ok(())
                });
                note
            }
            _ => None,
        };
        Some(Deprecated { attr, note })
    }
}

pub(crate) struct Field<'a> {
    pub(crate) attrs: Attrs,
    /// `name` or `0`: one `{ member: binding }` pattern works for named and tuple fields.
    pub(crate) member: Member,
    /// The local a pattern binds this field to: `__field_name` or `__field_0`.
    pub(crate) binding: Ident,
    pub(crate) ty: &'a Type,
}

impl<'a> Input<'a> {
    pub(crate) fn from_syn(cx: &Ctxt, node: &'a DeriveInput) -> Option<Self> {
        match &node.data {
            Data::Enum(data) => {
                let attrs = attr::parse(cx, &node.attrs, Place::Enum);
                let variants = data
                    .variants
                    .iter()
                    .map(|variant| {
                        let attrs = attr::parse(cx, &variant.attrs, Place::Variant);
                        let mut parsed =
                            Variant::new(cx, &variant.ident, attrs, &variant.fields, false);
                        parsed.deprecated = Deprecated::find(&variant.attrs);
                        parsed
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
                let (attrs, variant_attrs) =
                    attr::parse(cx, &node.attrs, Place::Struct).split_type_keys();
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

    /// `::error_contract`, or the `crate = path` the user gave: the root of every path the
    /// expansion names, the stub impls of a failed derive included.
    pub(crate) fn krate(&self) -> TokenStream {
        match self.attrs.krate.value() {
            Some(path) => path.to_token_stream(),
            None => crate::template::tokens!("::error_contract"),
        }
    }
}

impl<'a> Variant<'a> {
    fn new(cx: &Ctxt, ident: &'a Ident, attrs: Attrs, fields: &'a Fields, is_struct: bool) -> Self {
        let fields: Vec<Field<'a>> = fields
            .iter()
            .enumerate()
            .map(|(index, field)| {
                let member = field
                    .ident
                    .clone()
                    .map_or_else(|| Member::from(index), Member::Named);
                Field {
                    attrs: attr::parse(cx, &field.attrs, Place::Field),
                    binding: binding::of(&member),
                    member,
                    ty: &field.ty,
                }
            })
            .collect();
        let members: Vec<&Member> = fields.iter().map(|field| &field.member).collect();
        let template = attrs
            .message
            .value()
            .and_then(|message| Template::parse(cx, message, ident, &members));
        Variant {
            ident,
            attrs,
            fields,
            template,
            is_struct,
            deprecated: None,
        }
    }

    pub(crate) fn is_transparent(&self) -> bool {
        self.attrs.transparent.is_set()
    }
}
