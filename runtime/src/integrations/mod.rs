//! Framework integrations, each behind a feature, and the hidden hooks the derive calls.
//!
//! The derive cannot see this crate's features, so it always calls the `__*_impl!` hooks
//! below; each expands to an impl when its feature is on and to nothing when it is off.

#[cfg(feature = "actix-web")]
pub mod actix;
#[cfg(feature = "axum")]
pub mod axum;
#[cfg(feature = "utoipa")]
pub mod openapi;
#[cfg(feature = "reqwest")]
pub mod reqwest;
#[cfg(feature = "reqwest-middleware")]
pub mod reqwest_middleware;
#[cfg(feature = "tower")]
pub mod tower;
#[cfg(feature = "tracing")]
pub mod tracing;
#[cfg(feature = "validator")]
mod validator;

mod hooks;

#[cfg(any(feature = "axum", feature = "actix-web"))]
/// `Deref`, `DerefMut`, `From<T>` and `into_inner` for an extractor newtype `$name<T>(pub T)`,
/// the same for every framework's extractors.
macro_rules! newtype {
    ($name:ident) => {
        impl<T> $name<T> {
            /// The inner value.
            pub fn into_inner(self) -> T {
                self.0
            }
        }

        impl<T> ::core::ops::Deref for $name<T> {
            type Target = T;

            fn deref(&self) -> &T {
                &self.0
            }
        }

        impl<T> ::core::ops::DerefMut for $name<T> {
            fn deref_mut(&mut self) -> &mut T {
                &mut self.0
            }
        }

        impl<T> ::core::convert::From<T> for $name<T> {
            fn from(inner: T) -> Self {
                Self(inner)
            }
        }
    };
}
#[cfg(any(feature = "axum", feature = "actix-web"))]
use newtype;
