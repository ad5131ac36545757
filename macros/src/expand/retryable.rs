//! `impl Retryable` for the user's type.

use proc_macro2::TokenStream;
use quote::quote;

use super::generator::Gen;
use crate::template::tokens;

impl Gen<'_, '_> {
    pub(super) fn retryable_impl(&self) -> TokenStream {
        let private = &self.private;
        let retry_class = self.forward_or_code(
            &|inner| inner.call(quote!(#private::Retryable::retry_class)),
            &tokens!("$private::ErrorCode::retry_class", private),
        );
        // From the table of codes, when some own code has a `retry_after`.
        let own_retry_after = if self.own_variants().any(|own| own.retry_after.is_some()) {
            let index = self.own_index();
            tokens!(
                "$private::CodeTable::retry_after(&__CODES, $index)",
                private,
                index
            )
        } else {
            tokens!("$private::None", private)
        };
        let retry_after = self.forward_or(
            &|inner| inner.call(quote!(#private::Retryable::retry_after)),
            &own_retry_after,
        );

        // The class of an own variant comes from its code, so the bounds are ApiError's.
        self.impl_on_type(
            "Retryable",
            &self.api_error_bounds(),
            &tokens!(
                "fn retry_class(&self) -> $private::RetryClass {
                    $retry_class
                }

                fn retry_after(&self) -> $private::Option<$private::Duration> {
                    $retry_after
                }",
                private,
                retry_class,
                retry_after,
            ),
        )
    }
}
