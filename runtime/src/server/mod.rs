//! Server side: enum → envelope → bytes → response.
//!
//! - `write`: the envelope's compact JSON, written once at its exact size;
//! - `response`: the `http::Response` and the contract's headers;
//! - `report`: what goes to the server's log about an error (its private cause);
//! - `redact`: secrets kept out of that log.

pub(crate) mod redact;
pub(crate) mod report;
pub(crate) mod response;
pub(crate) mod write;
