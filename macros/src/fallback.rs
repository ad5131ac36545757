//! On a user error: the errors, plus stub impls so the type's uses do not fail a second time.

use proc_macro2::TokenStream;
use syn::DeriveInput;

use crate::template::tokens;

/// The errors and the stubs, naming the runtime as `krate` (`::error_contract` or the user's
/// `crate = path`) as the real impls would: with a renamed runtime, a stub that named
/// `::error_contract` would itself fail and bury the user's other errors.
pub(crate) fn expand(input: &DeriveInput, krate: &TokenStream, errors: syn::Error) -> TokenStream {
    let ident = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let errors = errors.into_compile_error();
    let private = tokens!("$krate::__private", krate);
    tokens!(
        "$errors

        #[doc(hidden)]
        const _: () = {
            #[automatically_derived]
            impl $impl_generics $private::ApiError for $ident $ty_generics $where_clause {
                type Code = $private::FallbackCode;

                fn code(&self) -> Self::Code {
                    ::core::unreachable!()
                }

                fn status(&self) -> $private::Status {
                    ::core::unreachable!()
                }

                fn error_code(&self) -> &'static str {
                    ::core::unreachable!()
                }

                fn message(&self) -> $private::Cow<'_, str> {
                    ::core::unreachable!()
                }
            }

            #[automatically_derived]
            impl $impl_generics $private::Retryable for $ident $ty_generics $where_clause {
                fn retry_class(&self) -> $private::RetryClass {
                    ::core::unreachable!()
                }
            }

            #[automatically_derived]
            impl $impl_generics $private::FromEnvelope for $ident $ty_generics $where_clause {
                fn from_envelope(_: &$private::ErrorEnvelope) -> $private::Option<Self> {
                    ::core::unreachable!()
                }
            }

            #[automatically_derived]
            impl $impl_generics $private::ErrorCatalog for $ident $ty_generics $where_clause {
                fn error_specs() -> $private::Vec<$private::ErrorSpec> {
                    ::core::unreachable!()
                }
            }
        };",
        errors,
        private,
        impl_generics,
        ident,
        ty_generics,
        where_clause,
    )
}
