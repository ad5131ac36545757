//! Expansion snapshots: what the derive writes, reviewed as code (insta + prettyplease).

use proc_macro2::TokenStream;
use quote::quote;

fn expand_pretty(input: TokenStream) -> String {
    let input: syn::DeriveInput = syn::parse2(input).expect("test input parses");
    let file: syn::File =
        syn::parse2(crate::expand::derive(&input)).expect("expansion parses as items");
    prettyplease::unparse(&file)
}

#[test]
fn empty_enum() {
    insta::assert_snapshot!(expand_pretty(quote! {
        enum Never {}
    }));
}

#[test]
fn every_variant_key() {
    insta::assert_snapshot!(expand_pretty(quote! {
        pub enum PlatformError {
            /// No authentication credentials provided.
            #[api(status = 401, message = "Authentication credentials were not provided.",
                  solution = "Include valid Bearer token in Authorization header",
                  www_authenticate = r#"Bearer realm="partner""#)]
            AuthenticationRequired,
            #[api(status = 403, code = "permission_denied")]
            Forbidden { business_id: String },
            #[api(status = 400, message = "Validation errors in request data")]
            ValidationError(#[api(details)] Details),
            #[api(status = NOT_FOUND, message = "Invoice {0} not found")]
            InvoiceNotFound(String),
            #[api(status = 409, retry = "already_exists")]
            DuplicateExternalId { external_id: String },
            #[api(status = 500)]
            Database(std::io::Error),
            #[api(status = 503, retry_after = 30, log = "info")]
            Maintenance,
            #[api(transparent)]
            Billing(BillingError),
        }
    }));
}

#[test]
fn generic_fields_get_bounds_and_a_code_parameter() {
    insta::assert_snapshot!(expand_pretty(quote! {
        enum Wrapper<D, E> where E: Clone {
            #[api(status = 400)]
            Invalid(#[api(details)] D),
            #[api(transparent)]
            Inner(E),
            #[api(status = 503, code = "maintenance", message = "Down for {0:?}")]
            Down(D),
        }
    }));
}

#[test]
fn www_authenticate_on_the_enum_and_on_a_variant() {
    insta::assert_snapshot!(expand_pretty(quote! {
        #[api(www_authenticate = r#"Bearer realm="partner""#)]
        enum AuthError {
            #[api(status = 401)]
            Missing,
            #[api(status = UNAUTHORIZED, code = "invalid_token",
                  www_authenticate = r#"Bearer realm="partner", error="invalid_token""#)]
            InvalidToken,
            #[api(status = 403)]
            Forbidden,
        }
    }));
}

#[test]
fn struct_with_container_keys() {
    insta::assert_snapshot!(expand_pretty(quote! {
        #[api(status = 429, code = "rate_limited", retry_after = 5, code_enum = RateCode, crate = facade::contract)]
        struct RateLimited { seconds: u64 }
    }));
}

#[test]
fn errors_come_with_a_stub_impl() {
    insta::assert_snapshot!(expand_pretty(quote! {
        enum Broken<T> {
            #[api(status = 99)]
            Low(T),
        }
    }));
}

#[test]
fn stub_impls_name_the_crate_path() {
    insta::assert_snapshot!(expand_pretty(quote! {
        #[api(crate = contract)]
        enum Broken {
            #[api(status = 99)]
            Low,
        }
    }));
}
