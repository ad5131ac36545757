//! Bounds for generic errors: only on the field types that mention a type parameter, as
//! thiserror does, never on every parameter.

use proc_macro2::{TokenStream, TokenTree};
use quote::ToTokens;
use syn::{Generics, Ident, Type, WhereClause, parse_quote};

/// Whether `ty` mentions one of the parameters of `generics`: a type, a lifetime (`'a` is
/// the tokens `'` and `a`) or a const. A token scan finds the mentions without syn's `full`
/// feature; a false positive only adds a bound the generated body needs anyway.
pub(crate) fn mentions_generic_param(ty: &Type, generics: &Generics) -> bool {
    let params: Vec<&Ident> = generics
        .type_params()
        .map(|param| &param.ident)
        .chain(generics.lifetimes().map(|param| &param.lifetime.ident))
        .chain(generics.const_params().map(|param| &param.ident))
        .collect();
    !params.is_empty() && scan(ty.to_token_stream(), &params)
}

fn scan(tokens: TokenStream, params: &[&Ident]) -> bool {
    tokens.into_iter().any(|token| match token {
        TokenTree::Ident(ident) => params.iter().any(|param| **param == ident),
        TokenTree::Group(group) => scan(group.stream(), params),
        TokenTree::Punct(_) | TokenTree::Literal(_) => false,
    })
}

/// The input's where-clause plus `ty: bound` for each pair; `None` when both are empty.
pub(crate) fn where_clause_with(
    generics: &Generics,
    bounds: &[(TokenStream, TokenStream)],
) -> Option<WhereClause> {
    if bounds.is_empty() {
        return generics.where_clause.clone();
    }
    let mut generics = generics.clone();
    let where_clause = generics.make_where_clause();
    for (ty, bound) in bounds {
        where_clause.predicates.push(parse_quote!(#ty: #bound));
    }
    Some(where_clause.clone())
}
