//! Decoding untrusted error bodies: whatever the bytes are, the status and a message survive.
//!
//! - `body`: the first, single-pass reading of the body's top-level object;
//! - `lenient`: the lenient reading of `details` (and of bare `serializer.errors`);
//! - `bare`: bare Django REST Framework bodies, normalised into the envelope;
//! - `problem`: RFC 9457 problem documents, which of their members stand for the envelope's;
//! - `meta`: the lenient reading of `meta`;
//! - `limits`: [`DetailsLimits`](crate::DetailsLimits), what of an untrusted `details` is
//!   kept, and the budget each body is read against;
//! - `repair`: the copy of a body serde_json rejected, with each bad value in it repaired,
//!   read once more so that a bad value costs only itself.
//!
//! A bad value (a lone surrogate, an invalid escape, a raw control character or invalid UTF-8
//! in a string; a number out of `f64`'s range) costs at most itself, wherever it is: in
//! `error`, `error_code`, `detail`, `code`, `details` (its keys and its values) or a key
//! the contract does not read. A string is kept with U+FFFD in place of each lone surrogate,
//! invalid escape and invalid UTF-8 sequence, and with its raw control characters as they
//! are; an out-of-range number in `details` is a message of its literal text (`"1e999"`),
//! and anywhere else reads as the number it is (so `"error": 1e999` reads as a missing
//! `error`, like `"error": 5`). A body that parses is read once, as before; one that does not
//! is copied and read once more, linearly (see `repair`).

mod bare;
pub(crate) mod body;
mod lenient;
pub(crate) mod limits;
mod meta;
mod problem;
mod repair;
