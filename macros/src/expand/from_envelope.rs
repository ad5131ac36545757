//! `impl FromEnvelope` for the user's type: the variant an envelope's code names, rebuilt
//! from its `meta` and `details`, or found through a transparent variant's inner error.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};

use super::generator::{Gen, spanned};
use crate::contract::{Own, Resolved};
use crate::generics::{mentions_generic_param, where_clause_with};

impl Gen<'_, '_> {
    pub(super) fn envelope_reader_impl(&self) -> TokenStream {
        let private = &self.private;
        let ident = self.ident();
        let generics = &self.contract.original.generics;
        let (impl_generics, ty_generics, _) = generics.split_for_impl();
        let where_clause = where_clause_with(generics, &self.envelope_reader_bounds());

        // An own code (or alias) is found in the table of codes, and its variant rebuilt by
        // its row's index; a variant whose fields do not travel gives `None`, in one arm.
        let own_arms: Vec<TokenStream> = self
            .own_variants()
            .enumerate()
            .filter_map(|(index, own)| {
                let rebuilt = self.rebuilt(own)?;
                Some(quote!(#index => #rebuilt,))
            })
            .collect();
        let own = if own_arms.is_empty() {
            // None to rebuild: only a transparent variant after them could still read the
            // code, but not one of the own codes.
            let own_codes = self.own_variants().next().is_some();
            (own_codes && !self.fieldless_codes()).then(|| {
                quote! {
                    if #private::CodeTable::find(&__CODES, &__envelope.error_code).is_some() {
                        return #private::None;
                    }
                }
            })
        } else {
            Some(quote! {
                if let #private::Some(__index) = #private::CodeTable::find(&__CODES, &__envelope.error_code) {
                    return match __index {
                        #(#own_arms)*
                        _ => #private::None,
                    };
                }
            })
        };
        // An unknown code may still be one a transparent variant's inner error knows.
        let inner = self.contract.variants.iter().filter_map(|resolved| {
            let Resolved::Transparent(transparent) = resolved else {
                return None;
            };
            let ty = transparent.field.ty;
            let path = variant_path(transparent.variant);
            let member = &transparent.field.member;
            Some(quote! {
                if let #private::Some(__inner) =
                    (&#private::Rebuild::<#ty>::new()).read_inner(__envelope)
                {
                    return #private::Some(#path { #member: __inner });
                }
            })
        });
        quote! {
            #[automatically_derived]
            impl #impl_generics #private::FromEnvelope for #ident #ty_generics #where_clause {
                fn from_envelope(__envelope: &#private::ErrorEnvelope) -> #private::Option<Self> {
                    #[allow(unused_imports)]
                    use #private::{CannotRead as _, ReadDetails as _, ReadInner as _, ReadMeta as _};
                    #own
                    #(#inner)*
                    #private::None
                }
            }
        }
    }

    /// `Some(Self::Variant { … })` from the envelope, each field read back or the whole
    /// variant `None`; `None` for a variant with a field that does not travel.
    fn rebuilt(&self, own: &Own) -> Option<TokenStream> {
        let private = &self.private;
        let path = variant_path(own.variant);
        let mut reads = Vec::with_capacity(own.variant.fields.len());
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
            reads.push(read);
        }
        if reads.is_empty() {
            return Some(quote!(#private::Some(#path {})));
        }
        let members = own.variant.fields.iter().map(|field| &field.member);
        let bindings: Vec<_> = own
            .variant
            .fields
            .iter()
            .map(|field| &field.binding)
            .collect();
        Some(quote! {
            match (#(#reads,)*) {
                (#(#private::Some(#bindings),)*) => #private::Some(#path { #(#members: #bindings,)* }),
                #[allow(unreachable_patterns)]
                _ => #private::None,
            }
        })
    }

    /// The bounds of a generic type: `Field: DeserializeOwned` for each meta field, and
    /// `Field: FromEnvelope` for each transparent field, that mentions a type parameter.
    fn envelope_reader_bounds(&self) -> Vec<(TokenStream, TokenStream)> {
        let private = &self.private;
        let generics = &self.contract.original.generics;
        let mut bounds = self.transparent_bounds(&quote!(#private::FromEnvelope));
        for own in self.own_variants() {
            for meta in &own.meta {
                let ty = meta.field.ty;
                if mentions_generic_param(ty, generics) {
                    bounds.push((quote!(#ty), quote!(#private::serde::de::DeserializeOwned)));
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
