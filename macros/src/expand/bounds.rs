//! The bounds a generic type's impls need, on the field types that mention a type
//! parameter only, as thiserror does.

use proc_macro2::TokenStream;
use quote::ToTokens;

use super::generator::Gen;
use crate::contract::Message;
use crate::generics::mentions_generic_param;
use crate::template::tokens;

impl Gen<'_, '_> {
    /// The bounds `impl ApiError` needs on a generic type: `Field: Display`/`Debug` for each
    /// formatted field, `Self: Display` where the message is Display, `Field: ToDetails`,
    /// `Field: Serialize` for a meta field, `Field: ApiError` for a transparent field. Only types mentioning a type parameter.
    pub(super) fn api_error_bounds(&self) -> Vec<(TokenStream, TokenStream)> {
        let private = &self.private;
        let generics = &self.contract.original.generics;
        if generics.params.is_empty() {
            return Vec::new();
        }
        let mut bounds = self.transparent_bounds(&tokens!("$private::ApiError", private));
        let mut self_display = false;
        for own in self.own_variants() {
            if let Some(field) = own
                .details
                .filter(|field| mentions_generic_param(field.ty, generics))
            {
                bounds.push((
                    field.ty.to_token_stream(),
                    tokens!("$private::ToDetails", private),
                ));
            }
            for meta in &own.meta {
                let ty = meta.field.ty;
                if mentions_generic_param(ty, generics) {
                    bounds.push((
                        ty.to_token_stream(),
                        tokens!("$private::serde::Serialize", private),
                    ));
                }
            }
            match &own.message {
                Message::Template(template) => {
                    for used in &template.uses {
                        let ty = own.variant.fields[used.index].ty;
                        if !mentions_generic_param(ty, generics) {
                            continue;
                        }
                        if used.display {
                            bounds.push((ty.to_token_stream(), tokens!("::core::fmt::Display")));
                        }
                        if used.debug {
                            bounds.push((ty.to_token_stream(), tokens!("::core::fmt::Debug")));
                        }
                    }
                }
                Message::Display => self_display = true,
                Message::Static(_) => {}
            }
        }
        if self_display {
            bounds.push((tokens!("Self"), tokens!("::core::fmt::Display")));
        }
        bounds
    }

    /// `Field: trait_path` for every transparent field that mentions a type parameter.
    pub(super) fn transparent_bounds(
        &self,
        trait_path: &TokenStream,
    ) -> Vec<(TokenStream, TokenStream)> {
        self.code_params
            .iter()
            .map(|param| (param.ty.to_token_stream(), trait_path.clone()))
            .collect()
    }
}
