//! The companion code enum (`PlatformErrorCode`) and its impls.

use proc_macro2::TokenStream;
use quote::quote;

use super::Gen;
use crate::ast::Variant;

impl Gen<'_, '_> {
    pub(super) fn code_enum_item(&self) -> TokenStream {
        let ident = self.input.ident();
        let code_enum = &self.code_enum;
        let vis = &self.input.original.vis;
        let params = self.code_params.iter().map(|param| &param.param);
        let doc = format!(
            "The error codes of [`{ident}`], one variant per code: what a client matches on after decoding."
        );
        let variants = self.input.variants.iter().map(|variant| {
            let name = variant.ident;
            if let Some(field) = variant.transparent_field() {
                let inner = self.inner_code_type(variant, field.ty);
                let doc = format!("A code of the wrapped error in [`{ident}::{name}`].");
                quote!(#[doc = #doc] #name(#inner),)
            } else {
                let status = self.input.status(variant).unwrap_or(500);
                let doc = format!("`{}` (HTTP {status}).", variant.error_code());
                quote!(#[doc = #doc] #name,)
            }
        });
        quote! {
            #[doc = #doc]
            #[derive(
                ::core::clone::Clone,
                ::core::marker::Copy,
                ::core::cmp::PartialEq,
                ::core::cmp::Eq,
                ::core::hash::Hash,
                ::core::fmt::Debug,
            )]
            #vis enum #code_enum<#(#params),*> {
                #(#variants)*
            }
        }
    }

    pub(super) fn code_enum_impls(&self) -> TokenStream {
        let private = &self.private;
        let code_enum = &self.code_enum;
        let params: Vec<_> = self.code_params.iter().map(|param| &param.param).collect();
        let impl_generics = quote!(<#(#params: #private::ErrorCode),*>);
        let ty = quote!(#code_enum<#(#params),*>);

        let as_str = self.match_code(|variant| {
            if variant.transparent_field().is_some() {
                quote!(#private::ErrorCode::as_str(__inner))
            } else {
                let code = variant.error_code();
                quote!(#code)
            }
        });
        let status = self.match_code(|variant| match variant.transparent_field() {
            Some(_) => quote!(#private::ErrorCode::status(__inner)),
            None => self.status_expr(variant),
        });
        let retry_class = self.match_code(|variant| match variant.transparent_field() {
            Some(_) => quote!(#private::ErrorCode::retry_class(__inner)),
            None => self.retry_class_expr(variant),
        });
        let own_codes = self
            .input
            .variants
            .iter()
            .filter(|variant| !variant.is_transparent())
            .map(|variant| {
                let name = variant.ident;
                let code = variant.error_code();
                quote!(#code => return #private::Some(Self::#name),)
            });
        let inner_codes = self.input.variants.iter().filter_map(|variant| {
            let field = variant.transparent_field()?;
            let name = variant.ident;
            let inner = self.inner_code_type(variant, field.ty);
            Some(quote! {
                if let #private::Some(__inner) = <#inner as #private::ErrorCode>::from_code(__code) {
                    return #private::Some(Self::#name(__inner));
                }
            })
        });

        quote! {
            #[automatically_derived]
            impl #impl_generics #private::ErrorCode for #ty {
                fn as_str(self) -> &'static str {
                    #as_str
                }

                fn from_code(__code: &str) -> #private::Option<Self> {
                    // The type's own codes first, then each transparent variant's, in order.
                    match __code {
                        #(#own_codes)*
                        _ => {}
                    }
                    #(#inner_codes)*
                    #private::None
                }

                fn status(self) -> #private::Status {
                    #status
                }

                fn retry_class(self) -> #private::RetryClass {
                    #retry_class
                }
            }

            #[automatically_derived]
            impl #impl_generics ::core::fmt::Display for #ty {
                fn fmt(&self, __formatter: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    ::core::fmt::Formatter::write_str(__formatter, #private::ErrorCode::as_str(*self))
                }
            }

            #[automatically_derived]
            impl #impl_generics ::core::str::FromStr for #ty {
                type Err = #private::UnknownErrorCode;

                fn from_str(__code: &str) -> #private::Result<Self, #private::UnknownErrorCode> {
                    #private::parse_code(__code)
                }
            }

            #[automatically_derived]
            impl #impl_generics #private::serde::Serialize for #ty {
                fn serialize<__S: #private::serde::Serializer>(
                    &self,
                    __serializer: __S,
                ) -> #private::Result<__S::Ok, __S::Error> {
                    #private::serde::Serializer::serialize_str(__serializer, #private::ErrorCode::as_str(*self))
                }
            }

            #[automatically_derived]
            impl<'de, #(#params: #private::ErrorCode),*> #private::serde::Deserialize<'de> for #ty {
                fn deserialize<__D: #private::serde::Deserializer<'de>>(
                    __deserializer: __D,
                ) -> #private::Result<Self, __D::Error> {
                    #private::deserialize_code(__deserializer)
                }
            }
        }
    }

    /// `match self { Code::A => …, Code::B(__inner) => …, }` over the code enum's variants.
    fn match_code(&self, body: impl Fn(&Variant) -> TokenStream) -> TokenStream {
        let arms: Vec<TokenStream> = self
            .input
            .variants
            .iter()
            .map(|variant| {
                let name = variant.ident;
                let body = body(variant);
                if variant.is_transparent() {
                    quote!(Self::#name(__inner) => #body,)
                } else {
                    quote!(Self::#name => #body,)
                }
            })
            .collect();
        if arms.is_empty() {
            quote!(match self {})
        } else {
            quote!(match self { #(#arms)* })
        }
    }
}
