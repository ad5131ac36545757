//! What both sides of the wire share: the [`ApiError`](crate::ApiError) trait and the code
//! enums, the envelope and its `details`, the catalogue, and the retry class of a failure.

pub(crate) mod api_error;
pub(crate) mod catalog;
pub(crate) mod code;
pub(crate) mod common;
pub(crate) mod details;
pub(crate) mod envelope;
pub(crate) mod from_envelope;
pub(crate) mod log_level;
pub(crate) mod meta;
pub(crate) mod retry_class;
