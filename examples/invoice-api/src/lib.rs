//! The demo of error-contract: a partner API server ([`server`]) and a client tour
//! ([`tour`]) sharing one error enum ([`contract`]).

pub mod contract;
pub mod server;
pub mod tour;
