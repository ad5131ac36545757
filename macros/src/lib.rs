//! Implementation detail of `error-contract`: the `#[derive(ApiError)]` macro.
//!
//! Depend on `error-contract`, which re-exports this derive and documents its keys.

#![forbid(unsafe_code)]

mod ast;
mod attr;
mod case;
mod ctxt;
mod expand;
mod fallback;
mod fmt;
mod generics;
mod json;
mod status;
mod valid;

#[cfg(test)]
mod tests;

use proc_macro::TokenStream;
use syn::{DeriveInput, parse_macro_input};

/// Derives `error_contract::ApiError`; see the `error-contract` crate documentation.
#[proc_macro_derive(ApiError, attributes(api))]
pub fn derive_api_error(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand::derive(&input).into()
}
