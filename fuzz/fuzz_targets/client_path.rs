//! The whole client path: `ErrorResponse::from_parts` on an arbitrary status, headers and body
//! together, then every accessor the client calls.
//!
//! Input:
//!
//! ```text
//! [status: 2 bytes] [count: 1 byte] count × ([name: 1 byte] [len: 1 byte] [value: len bytes]) [body…]
//! ```
//!
//! - status: 100 + big-endian `u16` mod 900, as in `from_parts`;
//! - count: `byte % 9` headers (0 to 8);
//! - name: `byte % NAMES.len()` picks a name from [`NAMES`] (`Retry-After`, the rate-limit
//!   headers, `Content-Type`), so a name can repeat; the value is `len` bytes (fewer if the
//!   input ends first, and then the body is empty). A value `http` rejects (control bytes) is
//!   skipped; repeated names are appended in order;
//! - the rest is the body.
//!
//! Besides "no panic", it checks: the status is kept exactly; the message is never blank;
//! `code()` is `Some` only if `error_code()` is; headers do not change what the body decodes
//! to; `retry_after_header()` is `None` without a readable `Retry-After`; for a seconds value
//! (ASCII digits between spaces and tabs), `retry_after_header()` and `retry_after()` are that
//! many seconds, saturating at `u64::MAX`; for an HTTP-date, `retry_after()` is no longer than
//! the wait from just before the call. The rate-limit headers are only carried for now: a
//! later change parses them, and this format already feeds them.

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "client_path_check.rs"]
mod check;

fuzz_target!(|data: &[u8]| check::check(data));
