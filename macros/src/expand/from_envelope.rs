//! `impl FromEnvelope` for the user's type: the variant an envelope's code names, rebuilt
//! from its `meta` and `details`, or found through a transparent variant's inner error.

use proc_macro2::TokenStream;
use quote::{ToTokens, quote, quote_spanned};

use super::generator::{Gen, spanned};
use crate::contract::{Own, Resolved};
use crate::generics::mentions_generic_param;
use crate::template::tokens;

impl Gen<'_, '_> {
    pub(super) fn envelope_reader_impl(&self) -> TokenStream {
        let private = &self.private;

        // An own code (or alias) is found in the table of codes, and its variant rebuilt by
        // its row's index; a variant whose fields do not travel gives `None`, in one arm. The
        // arms are the values, wrapped in one `Some` (a call per arm costs rustc more).
        let mut own_arms = TokenStream::new();
        for (index, own) in self.own_variants().enumerate() {
            if let Some(rebuilt) = self.rebuilt(own) {
                own_arms.extend(quote!(#index => #rebuilt,));
            }
        }
        let own = if own_arms.is_empty() {
            // None to rebuild: only a transparent variant after them could still read the
            // code, but not one of the own codes.
            let own_codes = self.own_variants().next().is_some();
            (own_codes && !self.fieldless_codes()).then(|| {
                tokens!(
                    "if $private::CodeTable::find(&__CODES, &__envelope.error_code).is_some() {
                        return $private::None;
                    }",
                    private,
                )
            })
        } else {
            Some(tokens!(
                "if let $private::Some(__index) = $private::CodeTable::find(&__CODES, &__envelope.error_code) {
                    return $private::Some(match __index {
                        $own_arms
                        _ => return $private::None,
                    });
                }",
                private, own_arms,
            ))
        };
        // An unknown code may still be one a transparent variant's inner error knows.
        let mut inner = TokenStream::new();
        for resolved in &self.contract.variants {
            let Resolved::Transparent(transparent) = resolved else {
                continue;
            };
            let ty = transparent.field.ty;
            let path = variant_path(transparent.variant);
            let member = &transparent.field.member;
            inner.extend(quote! {
                if let #private::Some(__inner) =
                    (&#private::Rebuild::<#ty>::new()).read_inner(__envelope)
                {
                    return #private::Some(#path { #member: __inner });
                }
            });
        }
        self.impl_on_type(
            "FromEnvelope",
            &self.envelope_reader_bounds(),
            &tokens!(
                "fn from_envelope(__envelope: &$private::ErrorEnvelope) -> $private::Option<Self> {
                    #[allow(unused_imports)]
                    use $private::{CannotRead as _, ReadDetails as _, ReadInner as _, ReadMeta as _};
                    $own
                    $inner
                    $private::None
                }",
                private,
                own,
                inner,
            ),
        )
    }

    /// `Self::Variant { … }` from the envelope, each field read back, else `return None` from
    /// `from_envelope`; `None` for a variant with a field that does not travel.
    fn rebuilt(&self, own: &Own) -> Option<TokenStream> {
        let private = &self.private;
        let path = variant_path(own.variant);
        let mut reads = TokenStream::new();
        for field in &own.variant.fields {
            let ty = field.ty;
            let meta = own.meta.iter().find(|meta| std::ptr::eq(meta.field, field));
            let read = if let Some(meta) = meta {
                let name = &meta.name;
                quote_spanned! {spanned(ty)=>
                    (&#private::Rebuild::<#ty>::new()).read_meta(&__envelope.meta, #name)
                }
            } else if own
                .details
                .is_some_and(|details| std::ptr::eq(details, field))
            {
                quote_spanned! {spanned(ty)=>
                    (&#private::Rebuild::<#ty>::new()).read_details(&__envelope.details)
                }
            } else {
                // A private field: what it held never left the server.
                return None;
            };
            reads.extend(read);
            reads.extend(tokens!(","));
        }
        if reads.is_empty() {
            return Some(quote!(#path {}));
        }
        // Each read is followed by a comma, so that one read is a tuple too.
        let mut somes = TokenStream::new();
        let mut members = TokenStream::new();
        for field in &own.variant.fields {
            let (member, binding) = (&field.member, &field.binding);
            somes.extend(tokens!("$private::Some($binding),", private, binding));
            members.extend(tokens!("$member: $binding,", member, binding));
        }
        Some(tokens!(
            "match ($reads) {
                ($somes) => $path { $members },
                #[allow(unreachable_patterns)]
                _ => return $private::None,
            }",
            reads,
            somes,
            private,
            path,
            members,
        ))
    }

    /// The bounds of a generic type: `Field: DeserializeOwned` for each meta field, and
    /// `Field: FromEnvelope` for each transparent field, that mentions a type parameter.
    fn envelope_reader_bounds(&self) -> Vec<(TokenStream, TokenStream)> {
        let private = &self.private;
        let generics = &self.contract.original.generics;
        let mut bounds = self.transparent_bounds(&tokens!("$private::FromEnvelope", private));
        for own in self.own_variants() {
            for meta in &own.meta {
                let ty = meta.field.ty;
                if mentions_generic_param(ty, generics) {
                    bounds.push((
                        ty.to_token_stream(),
                        tokens!("$private::serde::de::DeserializeOwned", private),
                    ));
                }
            }
        }
        bounds
    }
}

/// `Self::Variant`, or `Self` for a struct.
fn variant_path(variant: &crate::ast::Variant) -> TokenStream {
    if variant.is_struct {
        quote!(Self)
    } else {
        let ident = variant.ident;
        quote!(Self::#ident)
    }
}
