//! The companion code enum (`PlatformErrorCode`) and its impls.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::Ident;

use super::generator::{Gen, spanned};
use crate::contract::{Resolved, Transparent};

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
        // A default name is allowed on the enum, which covers its variants; under a name of
        // the user's choosing each variant still copies a name of theirs.
        let variant_allow = self
            .contract
            .code_enum_named
            .then(|| quote!(#[allow(non_camel_case_types)]));
        let variants = self.contract.variants.iter().map(|resolved| {
            let name = resolved.variant().ident;
            match resolved {
                Resolved::Transparent(transparent) => {
                    let inner = self.inner_code_type(transparent);
                    let doc = format!("A code of the wrapped error in [`{ident}::{name}`].");
                    quote!(#[doc = #doc] #variant_allow #name(#inner),)
                }
                Resolved::Own(own) => {
                    let doc = format!("`{}` (HTTP {}).", own.code, own.status);
                    // The user's `#[deprecated]`, so a client matching on the code is told.
                    let deprecated = own
                        .variant
                        .deprecated
                        .as_ref()
                        .map(|deprecated| deprecated.attr);
                    quote!(#[doc = #doc] #deprecated #variant_allow #name,)
                }
            }
        });
        // A new code in a later release is then not a compile break for the client crates
        // that match on this enum: their `match` has a wildcard arm.
        let non_exhaustive = (!self.contract.exhaustive).then(|| quote!(#[non_exhaustive]));
        // `Debug` is written in `code_enum_impls`, from the table of codes.
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

        let as_str = self.match_code(
            false,
            |_| quote!(#private::ErrorCode::as_str(__inner)),
            &quote!(#private::CodeTable::code(&__CODES, __index(&self))),
        );
        let status = self.match_code(
            false,
            |_| quote!(#private::ErrorCode::status(__inner)),
            &quote!(#private::CodeTable::status(&__CODES, __index(&self))),
        );
        // The client borrows a fixed message for a body that sends exactly it.
        let static_message = self.match_code(
            false,
            |_| quote!(#private::ErrorCode::static_message(__inner)),
            &quote!(#private::CodeTable::static_message(&__CODES, __index(&self))),
        );
        let retry_class = self.match_code(
            false,
            |_| quote!(#private::ErrorCode::retry_class(__inner)),
            &quote!(#private::CodeTable::retry_class(&__CODES, __index(&self))),
        );
        // As `#[derive(Debug)]` writes it: the variant's name, and a wrapped code's `Debug`.
        let debug = self.match_code(
            true,
            |name| {
                // As `#[derive(Debug)]` prints it: `r#Inner` as `Inner`.
                let name = name.to_string();
                let name = name.strip_prefix("r#").unwrap_or(&name);
                quote! {
                    ::core::fmt::DebugTuple::finish(::core::fmt::DebugTuple::field(
                        &mut ::core::fmt::Formatter::debug_tuple(__formatter, #name),
                        __inner,
                    ))
                }
            },
            &quote! {
                ::core::fmt::Formatter::write_str(
                    __formatter,
                    #private::CodeTable::name(&__CODES, __index(self)),
                )
            },
        );
        // The type's own codes first, then each transparent variant's, in order.
        let own_codes = (self.own_variants().next().is_some()).then(|| {
            let names = self.own_variants().map(|own| own.variant.ident);
            quote! {
                if let #private::Some(__index) = #private::CodeTable::find(&__CODES, __code) {
                    return #private::Some([#(Self::#names),*][__index]);
                }
            }
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
                    #own_codes
                    #(#inner_codes)*
                    #private::None
                }

                fn status(self) -> #private::Status {
                    #status
                }

                fn retry_class(self) -> #private::RetryClass {
                    #retry_class
                }

                fn static_message(self) -> #private::Option<&'static str> {
                    #static_message
                }
            }

            #[automatically_derived]
            impl<#(#params: ::core::fmt::Debug),*> ::core::fmt::Debug for #ty {
                fn fmt(&self, __formatter: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    #debug
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

    /// A body over the code enum, `self` (or `&self`, `by_ref`): `own` for its own codes, and
    /// for each transparent variant an arm binding `__inner`, its body `forward(name)`.
    fn match_code(
        &self,
        by_ref: bool,
        forward: impl Fn(&Ident) -> TokenStream,
        own: &TokenStream,
    ) -> TokenStream {
        let mut arms: Vec<TokenStream> = Vec::new();
        let mut has_own = false;
        for resolved in &self.contract.variants {
            match resolved {
                Resolved::Transparent(transparent) => {
                    let name = transparent.variant.ident;
                    let body = forward(name);
                    arms.push(quote!(Self::#name(__inner) => #body,));
                }
                Resolved::Own(_) => has_own = true,
            }
        }
        if arms.is_empty() && has_own {
            return own.clone();
        }
        if arms.is_empty() {
            // No variant at all.
            return if by_ref {
                quote!(match *self {})
            } else {
                quote!(match self {})
            };
        }
        let rest = has_own.then(|| quote!(_ => #own,));
        quote!(match self { #(#arms)* #rest })
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
        // The full path: the code enum is declared outside the `const _` block, which imports
        // `__private`.
        let krate = &self.contract.krate;
        let ty = transparent.field.ty;
        quote_spanned!(spanned(ty)=> <#ty as #krate::__private::ApiError>::Code)
    }
}
