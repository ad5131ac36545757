//! [`Gen`]: what every part of the expansion shares, and the expressions of the facts
//! several parts write.

use proc_macro2::{Span, TokenStream};
use quote::format_ident;
use syn::{Ident, Type};

use crate::contract::{Contract, Own, Resolved};
use crate::generics::{mentions_generic_param, where_clause_with};
use crate::template::{Comma, tokens};

/// What every part of the expansion shares.
pub(super) struct Gen<'c, 'a> {
    pub(super) contract: &'c Contract<'a>,
    /// `__private`: the runtime's `::error_contract::__private` (or `<crate = path>::__private`),
    /// which the `const _` block around the impls imports.
    /// An `Ident`, not a `TokenStream`: it is written before every path, and a macro pays for
    /// each `TokenStream` it writes into another.
    pub(super) private: Ident,
    /// Transparent fields whose type mentions a type parameter: each gives the code enum a
    /// type parameter `C0`, `C1`, … instead of a concrete inner code type.
    pub(super) code_params: Vec<CodeParam<'a>>,
}

pub(super) struct CodeParam<'a> {
    pub(super) variant: &'a Ident,
    pub(super) param: Ident,
    pub(super) ty: &'a Type,
}

impl<'c, 'a> Gen<'c, 'a> {
    pub(super) fn new(contract: &'c Contract<'a>) -> Self {
        let generics = &contract.original.generics;
        let code_params = contract
            .variants
            .iter()
            .filter_map(|resolved| match resolved {
                Resolved::Transparent(transparent) => Some(transparent),
                Resolved::Own(_) => None,
            })
            .filter(|transparent| mentions_generic_param(transparent.field.ty, generics))
            .enumerate()
            .map(|(index, transparent)| CodeParam {
                variant: transparent.variant.ident,
                param: format_ident!("C{}", index),
                ty: transparent.field.ty,
            })
            .collect();
        Gen {
            contract,
            private: Ident::new("__private", Span::call_site()),
            code_params,
        }
    }

    /// The code enum's type parameters, `C0, C1`, each with `bound` when given.
    pub(super) fn code_param_list(&self, bound: Option<&TokenStream>) -> Comma {
        let mut list = Comma::default();
        for param in &self.code_params {
            let param = &param.param;
            match bound {
                Some(bound) => list.push(&tokens!("$param: $bound", param, bound)),
                None => list.push(param),
            }
        }
        list
    }

    /// `impl __private::<trait_name> for` the user's type, with its generics and `bounds` as
    /// where-clauses, around `items`: the head every impl on the user's type shares.
    pub(super) fn impl_on_type(
        &self,
        trait_name: &str,
        bounds: &[(TokenStream, TokenStream)],
        items: &TokenStream,
    ) -> TokenStream {
        let private = &self.private;
        let ident = self.ident();
        let generics = &self.contract.original.generics;
        let (impl_generics, ty_generics, _) = generics.split_for_impl();
        let where_clause = where_clause_with(generics, bounds);
        let trait_name = Ident::new(trait_name, Span::call_site());
        tokens!(
            "#[automatically_derived]
            impl $impl_generics $private::$trait_name for $ident $ty_generics $where_clause {
                $items
            }",
            impl_generics,
            private,
            trait_name,
            ident,
            ty_generics,
            where_clause,
            items,
        )
    }

    pub(super) fn ident(&self) -> &'a Ident {
        &self.contract.original.ident
    }

    /// The own variants, in order.
    pub(super) fn own_variants(&self) -> impl Iterator<Item = &'c Own<'a>> {
        self.contract
            .variants
            .iter()
            .filter_map(|resolved| match resolved {
                Resolved::Own(own) => Some(own),
                Resolved::Transparent(_) => None,
            })
    }
}

/// The span of a user's token, so rustc's own errors land on what the user wrote.
pub(super) fn spanned(tokens: &impl quote::ToTokens) -> Span {
    syn::spanned::Spanned::span(tokens)
}
