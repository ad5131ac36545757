// This crate depends on error-contract alone: the expansion reaches http and serde through it.
#![no_implicit_prelude]

#[derive(::std::fmt::Debug, ::error_contract::ApiError)]
pub enum E {
    #[api(status = 404, message = "Not found.")]
    NotFound,
}

// Shadowing names the expansion uses must not break it.
#[allow(dead_code)]
struct Result;
#[allow(dead_code)]
mod http {}
#[allow(dead_code)]
mod serde {}

fn main() {}
