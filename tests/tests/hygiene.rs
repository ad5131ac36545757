//! Generated code does not depend on what the caller imported or shadowed, and passes the
//! lints users turn on.

#![deny(warnings, unused_qualifications, missing_docs, clippy::pedantic)]
#![allow(dead_code)] // variants exist to be derived

// Names the expansion must not pick up.
struct Option;
struct Some;
struct None;
struct Result;
struct Default;
struct Vec;
struct String;
struct Cow;
struct Details;
struct ToString;
mod core {}
mod std {}
mod http {}
mod serde {}
mod serde_json {}
mod error_contract_local {}
#[allow(unused_macros)] // it exists to be shadowed, never called
macro_rules! format {
    ($($tokens:tt)*) => {
        compile_error!("the user's format! was picked up")
    };
}

/// A contract derived where the prelude is gone.
mod no_prelude {
    #![no_implicit_prelude]

    /// Errors of a module without a prelude.
    #[derive(::std::fmt::Debug, ::error_contract::ApiError)]
    pub enum E {
        /// A duplicate.
        #[api(status = 409, code = "already_exists", retry = "already_exists")]
        Duplicate {
            /// The id.
            external_id: ::std::string::String,
        },
        /// A template over a field.
        #[api(status = 404, message = "Invoice {0} not found")]
        Missing(::std::string::String),
        /// Field errors.
        #[api(status = 400, message = "Invalid.")]
        Invalid(#[api(details)] ::error_contract::Details),
        /// Down.
        #[api(status = 503, retry_after = 10)]
        Down,
        /// Nested.
        #[api(transparent)]
        Common(::error_contract::CommonError),
    }

    impl ::std::fmt::Display for E {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            f.write_str("e")
        }
    }

    /// A generic wrapper.
    #[derive(::std::fmt::Debug, ::error_contract::ApiError)]
    pub enum Generic<T: ::std::fmt::Debug> {
        /// Forwarded.
        #[api(transparent)]
        Inner(T),
        /// Formatted.
        #[api(status = 400, message = "bad {0:?}")]
        Bad(T),
    }
}

#[test]
fn expands_without_prelude_and_with_shadowed_names() {
    use ::error_contract::{ApiError as _, ErrorCode as _};
    assert_eq!(no_prelude::E::Down.error_code(), "down");
    assert_eq!(
        no_prelude::E::Missing("inv_1".into()).message(),
        "Invoice inv_1 not found"
    );
    assert_eq!(
        no_prelude::ECode::from_code("already_exists"),
        ::std::option::Option::Some(no_prelude::ECode::Duplicate)
    );
    let generic: no_prelude::Generic<no_prelude::E> =
        no_prelude::Generic::Inner(no_prelude::E::Down);
    assert_eq!(generic.status().as_u16(), 503);
}
