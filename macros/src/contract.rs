//! The resolved form: the type after `valid::check`, every rule passed and every default
//! applied, so the code generator reads facts and decides nothing.

use proc_macro2::{Span, TokenStream};
use syn::{DeriveInput, Ident, LitStr};

use crate::ast::{Field, Variant};
use crate::fmt::Template;

/// The whole type.
pub(crate) struct Contract<'a> {
    pub(crate) original: &'a DeriveInput,
    /// `::error_contract`, or the user's `crate = path`.
    pub(crate) krate: TokenStream,
    /// `PlatformErrorCode`, or the user's `code_enum = Name`.
    pub(crate) code_enum: Ident,
    /// Whether the user named the code enum (`code_enum = Name`), rather than it being
    /// `{ident}Code`.
    pub(crate) code_enum_named: bool,
    /// One per variant, in declaration order (one for a struct).
    pub(crate) variants: Vec<Resolved<'a>>,
    /// `exhaustive`: the code enum is not `#[non_exhaustive]`.
    pub(crate) exhaustive: bool,
    /// `problem_type = "…"`: the problem document's `type`, `{code}` standing for the code.
    pub(crate) problem_type: Option<&'a LitStr>,
}

pub(crate) enum Resolved<'a> {
    /// A variant with codes of its own.
    Own(Own<'a>),
    /// `#[api(transparent)]`: everything comes from its single field.
    Transparent(Transparent<'a>),
}

pub(crate) struct Own<'a> {
    pub(crate) variant: &'a Variant<'a>,
    pub(crate) status: u16,
    /// The wire `error_code`.
    pub(crate) code: String,
    /// Former codes that still mean this one (`alias = "…"`), checked like codes.
    pub(crate) aliases: Vec<String>,
    pub(crate) message: Message<'a>,
    pub(crate) retry: Retry<'a>,
    pub(crate) retry_after: Option<u64>,
    /// The `WWW-Authenticate` value to send, the variant's or the enum's; `None` leaves it to
    /// the runtime's default challenge.
    pub(crate) challenge: Option<&'a LitStr>,
    /// The runtime's `LogLevel` variant, the variant's or the enum's; `None` leaves it to the
    /// runtime's default for the status.
    pub(crate) log: Option<&'a Ident>,
    /// The `#[api(details)]` field.
    pub(crate) details: Option<&'a Field<'a>>,
    /// The `#[api(meta)]` fields, in declaration order.
    pub(crate) meta: Vec<MetaField<'a, 'a>>,
    /// The catalogue's description, from the doc comment.
    pub(crate) docs: &'a str,
    pub(crate) solution: Option<&'a LitStr>,
}

/// A field written into `meta`, under its key.
pub(crate) struct MetaField<'v, 'a> {
    pub(crate) field: &'v Field<'a>,
    /// The key: the `meta = "…"` given, else the field's name.
    pub(crate) name: String,
    /// Where the key was written, for errors about it.
    pub(crate) span: Span,
}

pub(crate) struct Transparent<'a> {
    pub(crate) variant: &'a Variant<'a>,
    pub(crate) field: &'a Field<'a>,
}

/// A variant's public `error` text.
pub(crate) enum Message<'a> {
    /// A fixed text (placeholders-free `message`, or a 5xx's reason phrase): borrowed, never
    /// allocated, and written into a static body.
    Static(String),
    /// A `message` with placeholders over fields.
    Template(&'a Template),
    /// The error's `Display`: a 4xx without `message`, or a 5xx with `expose`.
    Display,
}

/// How a variant's retry class is found.
pub(crate) enum Retry<'a> {
    /// `retry = "…"`: this `RetryClass` variant.
    Class(&'a Ident),
    /// The status's class, by the runtime's table (`RetryClass::for_status`), so that table
    /// has one home.
    OfStatus,
}

impl<'a> Resolved<'a> {
    pub(crate) fn variant(&self) -> &'a Variant<'a> {
        match self {
            Resolved::Own(own) => own.variant,
            Resolved::Transparent(transparent) => transparent.variant,
        }
    }
}
