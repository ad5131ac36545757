//! On a user error: the errors, plus stub impls so the type's uses do not fail a second time.

use proc_macro2::TokenStream;
use quote::quote;
use syn::DeriveInput;

pub(crate) fn expand(input: &DeriveInput, errors: syn::Error) -> TokenStream {
    let ident = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let errors = errors.into_compile_error();
    quote! {
        #errors

        #[doc(hidden)]
        const _: () = {
            #[automatically_derived]
            impl #impl_generics ::error_contract::__private::ApiError for #ident #ty_generics #where_clause {
                type Code = ::error_contract::__private::FallbackCode;

                fn code(&self) -> Self::Code {
                    ::core::unreachable!()
                }

                fn status(&self) -> ::error_contract::__private::Status {
                    ::core::unreachable!()
                }

                fn error_code(&self) -> &'static str {
                    ::core::unreachable!()
                }

                fn message(&self) -> ::error_contract::__private::Cow<'_, str> {
                    ::core::unreachable!()
                }
            }

            #[automatically_derived]
            impl #impl_generics ::error_contract::__private::Retryable for #ident #ty_generics #where_clause {
                fn retry_class(&self) -> ::error_contract::__private::RetryClass {
                    ::core::unreachable!()
                }
            }

            #[automatically_derived]
            impl #impl_generics ::error_contract::__private::ErrorCatalog for #ident #ty_generics #where_clause {
                fn error_specs() -> ::error_contract::__private::Vec<::error_contract::__private::ErrorSpec> {
                    ::core::unreachable!()
                }
            }
        };
    }
}
