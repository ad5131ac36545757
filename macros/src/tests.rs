//! Expansion snapshots: what the derive writes, reviewed as code (insta + prettyplease).

use proc_macro2::TokenStream;
use quote::quote;

fn expand_pretty(input: TokenStream) -> String {
    let input: syn::DeriveInput = syn::parse2(input).expect("test input parses");
    let file: syn::File = syn::parse2(crate::expand::derive(&input)).expect("expansion parses as items");
    prettyplease::unparse(&file)
}

#[test]
fn empty_enum() {
    insta::assert_snapshot!(expand_pretty(quote! {
        enum Never {}
    }));
}
