//! Calls into the runtime's hidden `macro_rules!` for the framework integrations.
//!
//! The derive cannot see which features `error-contract` was built with; each hook expands
//! to an impl when its feature is on and to nothing when it is off.

use proc_macro2::TokenStream;

use super::generator::Gen;
use crate::template::tokens;

impl Gen<'_, '_> {
    /// `axum_impl!(impl [<T>] Type<T> where [T: Bound, Self: ApiError,]);` and the same for
    /// every other hook.
    pub(super) fn integration_hooks(&self) -> TokenStream {
        let private = &self.private;
        let ident = self.ident();
        let generics = &self.contract.original.generics;
        let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();
        let predicates = where_clause.map(|clause| &clause.predicates);
        let args = tokens!(
            "impl [$impl_generics] $ident $ty_generics where [$predicates]",
            impl_generics,
            ident,
            ty_generics,
            predicates,
        );
        tokens!(
            "$private::axum_impl!($args);
            $private::actix_impl!($args);
            $private::utoipa_impl!($args);",
            private,
            args,
        )
    }
}
