//! `impl ErrorCatalog`: one `ErrorSpec` per code, transparent variants inlined in place.

use proc_macro2::TokenStream;
use quote::quote;

use super::Gen;
use crate::ast::Message;
use crate::generics::where_clause_with;

impl Gen<'_, '_> {
    pub(super) fn catalog_impl(&self) -> TokenStream {
        let private = &self.private;
        let ident = self.input.ident();
        let type_name = ident.to_string();
        let generics = &self.input.original.generics;
        let (impl_generics, ty_generics, _) = generics.split_for_impl();
        let bounds = self.transparent_bounds(&quote!(#private::ErrorCatalog));
        let where_clause = where_clause_with(generics, &bounds);

        let pushes = self.input.variants.iter().map(|variant| {
            if let Some(field) = variant.transparent_field() {
                let ty = field.ty;
                return quote! {
                    #private::Vec::append(&mut __specs, &mut <#ty as #private::ErrorCatalog>::error_specs());
                };
            }
            let status = self.input.status(variant).unwrap_or(500);
            let code = variant.error_code();
            let retry = self.retry_class_expr(variant);
            let retry_after = option(private, variant.attrs.retry_after.value().map(|seconds| quote!(#seconds)));
            let message = match variant.message(status) {
                Message::Static(text) => Some(text),
                Message::Template(template) => Some(template.original.value()),
                Message::Display => None,
            };
            let message = option(private, message.map(|text| quote!(#text)));
            let description = &variant.attrs.docs;
            let solution = option(private, variant.attrs.solution.value().map(|lit| quote!(#lit)));
            quote! {
                #private::Vec::push(&mut __specs, #private::error_spec(
                    #code,
                    #status,
                    #retry,
                    #retry_after,
                    #message,
                    #description,
                    #solution,
                    #type_name,
                ));
            }
        });

        quote! {
            #[automatically_derived]
            impl #impl_generics #private::ErrorCatalog for #ident #ty_generics #where_clause {
                fn error_specs() -> #private::Vec<#private::ErrorSpec> {
                    let mut __specs = #private::Vec::new();
                    #(#pushes)*
                    __specs
                }
            }
        }
    }
}

fn option(private: &TokenStream, value: Option<TokenStream>) -> TokenStream {
    if let Some(value) = value {
        quote!(#private::Some(#value))
    } else {
        quote!(#private::None)
    }
}
