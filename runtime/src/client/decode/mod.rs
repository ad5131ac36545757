//! Decoding untrusted error bodies: whatever the bytes are, the status and a message survive.
//!
//! - `body`: the first, single-pass reading of the body's top-level object;
//! - `lenient`: the lenient reading of `details` (and of bare `serializer.errors`);
//! - `bare`: bare Django REST Framework bodies, normalised into the envelope.

mod bare;
pub(crate) mod body;
mod lenient;
