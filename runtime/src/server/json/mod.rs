//! Compact JSON written by hand: the strings and `details` of a body, byte for byte as
//! serde_json's compact writer writes the same values (`tests/tests/json_bytes.rs` holds the
//! two to each other over arbitrary strings and trees).
//!
//! serde_json escapes a string one byte at a time through a table; almost no message or key
//! needs an escape, so here a whole string is checked at once (a loop the compiler
//! vectorises) and copied, and only a string that needs escapes goes byte by byte.
//!
//! - `escape`: the one table of escapes, the JSON length of a string, and the writers of a
//!   string's contents, whole or in the pieces a `fmt::Write` is given;
//! - `details`: the `details` object;
//! - `message`: a message escaped on the stack, so a new body learns its exact length before
//!   it is allocated.

mod details;
mod escape;
mod message;

pub(crate) use details::{details_len, write_details};
pub(crate) use escape::{Escaping, max_string_len, string_len, write_str};
pub(crate) use message::EscapedMessage;
