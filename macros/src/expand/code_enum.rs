//! The companion code enum (`PlatformErrorCode`) and its impls.

use proc_macro2::{Span, TokenStream};
use quote::{ToTokens, quote, quote_spanned};
use syn::Ident;

use super::generator::{Gen, spanned};
use crate::contract::{Resolved, Transparent};
use crate::template::tokens;

impl Gen<'_, '_> {
    pub(super) fn code_enum_item(&self) -> TokenStream {
        let ident = self.ident();
        let code_enum = &self.contract.code_enum;
        let vis = &self.contract.original.vis;
        let params = self.code_param_list(None);
        let doc = format!(
            "The error codes of [`{ident}`], one variant per code: what a client matches on after decoding."
        );
        // The variants copy the user's names, and so does a default `{ident}Code`: the user's
        // own enum already reports a name that is not camel case (or carries their `allow`,
        // which does not reach here). A `code_enum = name` the user chose is still linted.
        let allow =
            (!self.contract.code_enum_named).then(|| tokens!("#[allow(non_camel_case_types)]"));
        // A default name is allowed on the enum, which covers its variants; under a name of
        // the user's choosing each variant still copies a name of theirs.
        let variant_allow = self
            .contract
            .code_enum_named
            .then(|| tokens!("#[allow(non_camel_case_types)]"));
        let mut variants = TokenStream::new();
        for resolved in &self.contract.variants {
            let name = resolved.variant().ident;
            variants.extend(match resolved {
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
            });
        }
        // A new code in a later release is then not a compile break for the client crates
        // that match on this enum: their `match` has a wildcard arm.
        let non_exhaustive = (!self.contract.exhaustive).then(|| tokens!("#[non_exhaustive]"));
        // `Debug` is written in `code_enum_impls`, from the table of codes.
        tokens!(
            "#[doc = $doc]
            $non_exhaustive
            $allow
            #[derive(
                ::core::clone::Clone,
                ::core::marker::Copy,
                ::core::cmp::PartialEq,
                ::core::cmp::Eq,
                ::core::hash::Hash,
            )]
            $vis enum $code_enum<$params> {
                $variants
            }",
            doc,
            non_exhaustive,
            allow,
            vis,
            code_enum,
            params,
            variants,
        )
    }

    pub(super) fn code_enum_impls(&self) -> TokenStream {
        let private = &self.private;
        let code_enum = &self.contract.code_enum;
        let params = self.code_param_list(None);
        let bounded = self.code_param_list(Some(&tokens!("$private::ErrorCode", private)));
        let debug_bounded = self.code_param_list(Some(&tokens!("::core::fmt::Debug")));

        let forward = |method: &str| {
            let method = Ident::new(method, Span::call_site());
            move |_: &Ident| quote!(#private::ErrorCode::#method(__inner))
        };
        let from_table = |method: &str| {
            let method = Ident::new(method, Span::call_site());
            tokens!(
                "$private::CodeTable::$method(&__CODES, __index(&self))",
                private,
                method
            )
        };
        let as_str = self.match_code(false, forward("as_str"), &from_table("code"));
        let status = self.match_code(false, forward("status"), &from_table("status"));
        // The client borrows a fixed message for a body that sends exactly it.
        let static_message = self.match_code(
            false,
            forward("static_message"),
            &from_table("static_message"),
        );
        let retry_class =
            self.match_code(false, forward("retry_class"), &from_table("retry_class"));
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
            &tokens!(
                "::core::fmt::Formatter::write_str(
                    __formatter,
                    $private::CodeTable::name(&__CODES, __index(self)),
                )",
                private,
            ),
        );
        // The type's own codes first, then each transparent variant's, in order.
        let own_codes = (self.own_variants().next().is_some()).then(|| {
            let names = self.own_variants().map(|own| own.variant.ident);
            let names = quote!(#(Self::#names),*);
            tokens!(
                "if let $private::Some(__index) = $private::CodeTable::find(&__CODES, __code) {
                    return $private::Some([$names][__index]);
                }",
                private,
                names,
            )
        });
        let mut inner_codes = TokenStream::new();
        for resolved in &self.contract.variants {
            let Resolved::Transparent(transparent) = resolved else {
                continue;
            };
            let name = transparent.variant.ident;
            let inner = self.inner_code_type(transparent);
            inner_codes.extend(quote! {
                if let #private::Some(__inner) = <#inner as #private::ErrorCode>::from_code(__code) {
                    return #private::Some(Self::#name(__inner));
                }
            });
        }

        tokens!(
            "#[automatically_derived]
            impl<$bounded> $private::ErrorCode for $code_enum<$params> {
                fn as_str(self) -> &'static str {
                    $as_str
                }

                fn from_code(__code: &str) -> $private::Option<Self> {
                    $own_codes
                    $inner_codes
                    $private::None
                }

                fn status(self) -> $private::Status {
                    $status
                }

                fn retry_class(self) -> $private::RetryClass {
                    $retry_class
                }

                fn static_message(self) -> $private::Option<&'static str> {
                    $static_message
                }
            }

            #[automatically_derived]
            impl<$debug_bounded> ::core::fmt::Debug for $code_enum<$params> {
                fn fmt(&self, __formatter: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    $debug
                }
            }

            #[automatically_derived]
            impl<$bounded> ::core::fmt::Display for $code_enum<$params> {
                fn fmt(&self, __formatter: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    ::core::fmt::Formatter::write_str(__formatter, $private::ErrorCode::as_str(*self))
                }
            }

            #[automatically_derived]
            impl<$bounded> ::core::str::FromStr for $code_enum<$params> {
                type Err = $private::UnknownErrorCode;

                fn from_str(__code: &str) -> $private::Result<Self, $private::UnknownErrorCode> {
                    $private::parse_code(__code)
                }
            }

            #[automatically_derived]
            impl<$bounded> $private::serde::Serialize for $code_enum<$params> {
                fn serialize<__S: $private::serde::Serializer>(
                    &self,
                    __serializer: __S,
                ) -> $private::Result<__S::Ok, __S::Error> {
                    $private::serde::Serializer::serialize_str(__serializer, $private::ErrorCode::as_str(*self))
                }
            }

            #[automatically_derived]
            impl<'de, $bounded> $private::serde::Deserialize<'de> for $code_enum<$params> {
                fn deserialize<__D: $private::serde::Deserializer<'de>>(
                    __deserializer: __D,
                ) -> $private::Result<Self, __D::Error> {
                    $private::deserialize_code(__deserializer)
                }
            }",
            private, code_enum, params, bounded, debug_bounded, as_str, own_codes, inner_codes,
            status, retry_class, static_message, debug,
        )
    }

    /// A body over the code enum, `self` (or `&self`, `by_ref`): `own` for its own codes, and
    /// for each transparent variant an arm binding `__inner`, its body `forward(name)`.
    fn match_code(
        &self,
        by_ref: bool,
        forward: impl Fn(&Ident) -> TokenStream,
        own: &TokenStream,
    ) -> TokenStream {
        let mut arms = TokenStream::new();
        let mut has_own = false;
        for resolved in &self.contract.variants {
            match resolved {
                Resolved::Transparent(transparent) => {
                    let name = transparent.variant.ident;
                    let body = forward(name);
                    arms.extend(quote!(Self::#name(__inner) => #body,));
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
                tokens!("match *self {}")
            } else {
                tokens!("match self {}")
            };
        }
        let rest = has_own.then(|| tokens!("_ => $own,", own));
        tokens!("match self { $arms $rest }", arms, rest)
    }

    /// The code type a transparent variant wraps: `C0` for a generic field, else
    /// `<Inner as ApiError>::Code`.
    fn inner_code_type(&self, transparent: &Transparent) -> TokenStream {
        if let Some(param) = self
            .code_params
            .iter()
            .find(|param| param.variant == transparent.variant.ident)
        {
            return param.param.to_token_stream();
        }
        // The full path: the code enum is declared outside the `const _` block, which imports
        // `__private`.
        let krate = &self.contract.krate;
        let ty = transparent.field.ty;
        quote_spanned!(spanned(ty)=> <#ty as #krate::__private::ApiError>::Code)
    }
}
