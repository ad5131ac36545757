//! Server side: enum → envelope → bytes → response.
//!
//! - `write`: the envelope's compact JSON, written once at its exact size, and `meta`, its
//!   writer of the `"meta"` object after `details`; `json` the strings and `details` they
//!   write, as serde_json would;
//! - `problem`: the same error as an RFC 9457 problem document, and `format`, the choice
//!   between the two forms (by the request's `Accept`, when asked);
//! - `response`: the `http::Response` and the contract's headers;
//! - `report`: what goes to the server's log about an error (its private cause);
//! - `redact`: secrets kept out of that log;
//! - `catch_all`: which error responses a framework sent are replaced by the envelope;
//! - `rejection`: a request the framework refused (a body, query or path that does not fit
//!   its type), as the `CommonError` to answer and a cause for the log, for every framework;
//! - `wording`: the words of `details`, Django REST Framework's, shared by the rejections and
//!   the validator integration.

#[cfg(any(feature = "axum", feature = "actix-web"))]
pub(crate) mod catch_all;
pub(crate) mod format;
pub(crate) mod json;
pub(crate) mod meta;
pub(crate) mod problem;
pub(crate) mod redact;
#[cfg(any(feature = "axum", feature = "actix-web"))]
pub(crate) mod rejection;
pub(crate) mod report;
pub(crate) mod response;
#[cfg(any(feature = "axum", feature = "actix-web", feature = "validator"))]
pub(crate) mod wording;
pub(crate) mod write;
