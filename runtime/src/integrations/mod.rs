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
#[cfg(feature = "tracing")]
pub mod tracing;
#[cfg(feature = "validator")]
mod validator;

mod hooks;
