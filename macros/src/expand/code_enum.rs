//! The companion code enum (`PlatformErrorCode`) and its impls.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};

use super::generator::{Gen, spanned};
use crate::contract::{Message, Resolved, Transparent};

impl Gen<'_, '_> {
    pub(super) fn code_enum_item(&self) -> TokenStream {
        let ident = self.ident();
        let code_enum = &self.contract.code_enum;
        let vis = &self.contract.original.vis;
        let params = self.code_params.iter().map(|param| &param.param);
        let doc = format!(
            "The error codes of [`{ident}`], one variant per code: what a client matches on after decoding."
        );
        // The variants copy the user's names, and so does a default `{ident}Code`: the user's
        // own enum already reports a name that is not camel case (or carries their `allow`,
        // which does not reach here). A `code_enum = name` the user chose is still linted.
        let allow =
            (!self.contract.code_enum_named).then(|| quote!(#[allow(non_camel_case_types)]));
        let variants = self.contract.variants.iter().map(|resolved| {
            let name = resolved.variant().ident;
            match resolved {
                Resolved::Transparent(transparent) => {
                    let inner = self.inner_code_type(transparent);
                    let doc = format!("A code of the wrapped error in [`{ident}::{name}`].");
                    quote!(#[doc = #doc] #[allow(non_camel_case_types)] #name(#inner),)
                }
                Resolved::Own(own) => {
                    let doc = format!("`{}` (HTTP {}).", own.code, own.status);
                    // The user's `#[deprecated]`, so a client matching on the code is told.
                    let deprecated = own
                        .variant
                        .deprecated
                        .as_ref()
                        .map(|deprecated| deprecated.attr);
                    quote!(#[doc = #doc] #deprecated #[allow(non_camel_case_types)] #name,)
                }
            }
        });
        // A new code in a later release is then not a compile break for the client crates
        // that match on this enum: their `match` has a wildcard arm.
        let non_exhaustive = (!self.contract.exhaustive).then(|| quote!(#[non_exhaustive]));
        quote! {
            #[doc = #doc]
            #non_exhaustive
            #allow
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
        let code_enum = &self.contract.code_enum;
        let params: Vec<_> = self.code_params.iter().map(|param| &param.param).collect();
        let impl_generics = quote!(<#(#params: #private::ErrorCode),*>);
        let ty = quote!(#code_enum<#(#params),*>);

        let as_str = self.match_code(|resolved| match resolved {
            Resolved::Transparent(_) => quote!(#private::ErrorCode::as_str(__inner)),
            Resolved::Own(own) => {
                let code = &own.code;
                quote!(#code)
            }
        });
        let status = self.match_code(|resolved| match resolved {
            Resolved::Transparent(_) => quote!(#private::ErrorCode::status(__inner)),
            Resolved::Own(own) => self.status_expr(own),
        });
        let retry_class = self.match_code(|resolved| match resolved {
            Resolved::Transparent(_) => quote!(#private::ErrorCode::retry_class(__inner)),
            Resolved::Own(own) => self.retry_class_expr(own),
        });
        let static_message = self.static_message_method();
        let own_codes = self.own_variants().map(|own| {
            let (name, code, aliases) = (own.variant.ident, &own.code, &own.aliases);
            quote!(#code #(| #aliases)* => return #private::Some(Self::#name),)
        });
        let inner_codes = self.contract.variants.iter().filter_map(|resolved| {
            let Resolved::Transparent(transparent) = resolved else {
                return None;
            };
            let name = transparent.variant.ident;
            let inner = self.inner_code_type(transparent);
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

                #static_message
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
    /// `fn static_message`: the fixed message of each code whose variant has one (the client
    /// borrows it for a body that sends exactly it), the inner code's for a transparent
    /// variant. Nothing when no variant has one: the default is `None`.
    fn static_message_method(&self) -> TokenStream {
        let private = &self.private;
        let arms: Vec<TokenStream> = self
            .contract
            .variants
            .iter()
            .filter_map(|resolved| {
                let name = resolved.variant().ident;
                match resolved {
                    Resolved::Transparent(_) => Some(quote! {
                        Self::#name(__inner) => #private::ErrorCode::static_message(__inner),
                    }),
                    Resolved::Own(own) => match &own.message {
                        Message::Static(text) => {
                            Some(quote!(Self::#name => #private::Some(#text),))
                        }
                        Message::Template(_) | Message::Display => None,
                    },
                }
            })
            .collect();
        if arms.is_empty() {
            return TokenStream::new();
        }
        let rest =
            (arms.len() < self.contract.variants.len()).then(|| quote!(_ => #private::None,));
        quote! {
            fn static_message(self) -> #private::Option<&'static str> {
                match self {
                    #(#arms)*
                    #rest
                }
            }
        }
    }

    fn match_code(&self, body: impl Fn(&Resolved) -> TokenStream) -> TokenStream {
        let arms: Vec<TokenStream> = self
            .contract
            .variants
            .iter()
            .map(|resolved| {
                let name = resolved.variant().ident;
                let body = body(resolved);
                match resolved {
                    Resolved::Transparent(_) => quote!(Self::#name(__inner) => #body,),
                    Resolved::Own(_) => quote!(Self::#name => #body,),
                }
            })
            .collect();
        if arms.is_empty() {
            quote!(match self {})
        } else {
            quote!(match self { #(#arms)* })
        }
    }

    /// The code type a transparent variant wraps: `C0` for a generic field, else
    /// `<Inner as ApiError>::Code`.
    fn inner_code_type(&self, transparent: &Transparent) -> TokenStream {
        if let Some(param) = self
            .code_params
            .iter()
            .find(|param| param.variant == transparent.variant.ident)
        {
            let param = &param.param;
            return quote!(#param);
        }
        let private = &self.private;
        let ty = transparent.field.ty;
        quote_spanned!(spanned(ty)=> <#ty as #private::ApiError>::Code)
    }
}
