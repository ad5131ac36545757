//! `match self` over the variants: transparent ones forward to their field, own ones get
//! their arm from the caller, and arms that would all say the same share one `_`.

use proc_macro2::TokenStream;
use quote::quote;
use syn::Ident;

use super::generator::Gen;
use crate::ast::{Field, Variant};
use crate::contract::{Own, Resolved, Transparent};
use crate::template::tokens;

/// A transparent variant's field, bound in its arm, for forwarding a call to it.
pub(super) struct Forward<'v> {
    pub(super) variant: &'v Ident,
    binding: &'v Ident,
}

impl Forward<'_> {
    /// `function(binding)`, such as `ApiError::status(__field_0)`.
    pub(super) fn call(&self, function: impl quote::ToTokens) -> TokenStream {
        let binding = self.binding;
        quote!(#function(#binding))
    }

    /// `function(binding, argument)`, such as `ApiError::write_meta(__field_0, __meta)`.
    pub(super) fn call_with(
        &self,
        function: impl quote::ToTokens,
        argument: impl quote::ToTokens,
    ) -> TokenStream {
        let binding = self.binding;
        quote!(#function(#binding, #argument))
    }
}

impl Gen<'_, '_> {
    /// An arm per variant: `forward` builds a transparent variant's body, `own` an own
    /// variant's whole arm.
    pub(super) fn per_variant(
        &self,
        forward: &dyn Fn(Forward<'_>) -> TokenStream,
        own: &dyn Fn(&Own) -> TokenStream,
    ) -> TokenStream {
        self.per_variant_or(forward, &|variant| Some(own(variant)), &TokenStream::new())
    }

    /// Like [`per_variant`](Self::per_variant), but the own variants `own` has no arm for
    /// (it returns `None`) share one `_ => fallback` arm: less code to compile.
    pub(super) fn per_variant_or(
        &self,
        forward: &dyn Fn(Forward<'_>) -> TokenStream,
        own: &dyn Fn(&Own) -> Option<TokenStream>,
        fallback: &TokenStream,
    ) -> TokenStream {
        let mut arms = Vec::new();
        let mut rest = false;
        for resolved in &self.contract.variants {
            let arm = match resolved {
                Resolved::Transparent(transparent) => Some(forward_arm(transparent, forward)),
                Resolved::Own(variant) => own(variant),
            };
            match arm {
                Some(arm) => arms.push(arm),
                None => rest = true,
            }
        }
        if rest {
            arms.push(tokens!("_ => $fallback,", fallback));
        }
        match_self(arms)
    }

    /// Transparent variants forward to their field; every own variant is answered with
    /// `on_code(ApiError::code(self))` in one arm.
    pub(super) fn forward_or_code(
        &self,
        forward: &dyn Fn(Forward<'_>) -> TokenStream,
        on_code: &TokenStream,
    ) -> TokenStream {
        let private = &self.private;
        self.forward_or(
            forward,
            &tokens!("$on_code($private::ApiError::code(self))", on_code, private),
        )
    }

    /// Transparent variants forward to their field; every own variant is answered with
    /// `own` in one arm.
    pub(super) fn forward_or(
        &self,
        forward: &dyn Fn(Forward<'_>) -> TokenStream,
        own: &TokenStream,
    ) -> TokenStream {
        let mut arms: Vec<TokenStream> = Vec::new();
        let mut has_own = false;
        for resolved in &self.contract.variants {
            match resolved {
                Resolved::Transparent(transparent) => {
                    arms.push(forward_arm(transparent, forward));
                }
                Resolved::Own(_) => has_own = true,
            }
        }
        if has_own {
            arms.push(tokens!("_ => $own,", own));
        }
        match_self(arms)
    }
}

/// A transparent variant's arm, its field bound and `forward` building the body.
fn forward_arm(
    transparent: &Transparent,
    forward: &dyn Fn(Forward<'_>) -> TokenStream,
) -> TokenStream {
    let field = transparent.field;
    let pattern = pattern(transparent.variant, &mut [field].into_iter());
    let body = forward(Forward {
        variant: transparent.variant.ident,
        binding: &field.binding,
    });
    quote!(#pattern => #body,)
}

/// `Self::Variant { .. } => body,`: an arm that binds no field. Written in one `quote!`: a
/// macro pays for each `TokenStream` it writes into another, and this is an arm per variant.
pub(super) fn own_arm(own: &Own, body: impl quote::ToTokens) -> TokenStream {
    if own.variant.is_struct {
        quote!(Self { .. } => #body,)
    } else {
        let ident = own.variant.ident;
        quote!(Self::#ident { .. } => #body,)
    }
}

/// A pattern for `variant` binding `fields` to their bindings, `..` for the rest.
pub(super) fn pattern<'f>(
    variant: &Variant,
    fields: &mut dyn Iterator<Item = &'f Field<'f>>,
) -> TokenStream {
    let mut bindings = TokenStream::new();
    for field in fields {
        let (member, binding) = (&field.member, &field.binding);
        bindings.extend(quote!(#member: #binding,));
    }
    let path = if variant.is_struct {
        quote!(Self)
    } else {
        let ident = variant.ident;
        quote!(Self::#ident)
    };
    quote!(#path { #bindings .. })
}

/// `match self { arms }`; for an enum with no variants, `match *self {}`. The arms are
/// joined in one step (`TokenStream: FromIterator`) rather than written one by one.
fn match_self(arms: Vec<TokenStream>) -> TokenStream {
    let arms = TokenStream::from_iter(arms);
    if arms.is_empty() {
        tokens!("match *self {}")
    } else {
        tokens!("match self { $arms }", arms)
    }
}
