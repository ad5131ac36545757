//! Upstream codes the upstream contract does not know, as `&'static str`.
//!
//! [`ApiError::error_code`](crate::ApiError::error_code) is `'static`, as every code a type
//! declares is; a forwarded code nobody declared is copied here once and kept. What is kept
//! is bounded: only a code of the envelope's own shape (`snake_case`, 1 to 64 bytes), and
//! at most [`MAX_CODES`] distinct ones in a process; anything else forwards as
//! [`UNNAMED`].

use std::collections::HashSet;
use std::sync::{Mutex, PoisonError};

/// The most distinct unknown codes kept in a process (at most 64 KiB of text).
pub(super) const MAX_CODES: usize = 1024;

/// What a code that cannot be kept forwards as.
pub(super) const UNNAMED: &str = "upstream_error";

static CODES: Mutex<Option<HashSet<&'static str>>> = Mutex::new(None);

/// `code` as a `'static` string: the one kept before, or a new one while there is room;
/// [`UNNAMED`] for a code of another shape or once [`MAX_CODES`] are kept.
pub(super) fn intern(code: &str) -> &'static str {
    if !is_code_shaped(code) {
        return UNNAMED;
    }
    let mut codes = CODES.lock().unwrap_or_else(PoisonError::into_inner);
    keep(codes.get_or_insert_with(HashSet::new), code)
}

/// `code` from `codes`, or added to them while they hold fewer than [`MAX_CODES`].
fn keep(codes: &mut HashSet<&'static str>, code: &str) -> &'static str {
    if let Some(kept) = codes.get(code) {
        return kept;
    }
    if codes.len() >= MAX_CODES {
        return UNNAMED;
    }
    let kept: &'static str = Box::leak(code.to_owned().into_boxed_str());
    codes.insert(kept);
    kept
}

/// The envelope's code shape: `snake_case`, starting with a letter, 1 to 64 bytes.
fn is_code_shaped(code: &str) -> bool {
    let bytes = code.as_bytes();
    (1..=64).contains(&bytes.len())
        && bytes[0].is_ascii_lowercase()
        && bytes
            .iter()
            .all(|byte| byte.is_ascii_lowercase() || byte.is_ascii_digit() || *byte == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_kept_once_and_only_of_the_envelopes_shape() {
        let first = intern("quota_frozen_v2");
        assert_eq!(first, "quota_frozen_v2");
        assert!(std::ptr::eq(first, intern("quota_frozen_v2")), "kept once");
        for odd in [
            "",
            "Quota",
            "9lives",
            "with space",
            &"a".repeat(65),
            "naïve",
        ] {
            assert_eq!(intern(odd), UNNAMED, "{odd:?}");
        }
    }

    #[test]
    fn no_more_than_the_limit_is_kept() {
        let mut codes = HashSet::new();
        for index in 0..MAX_CODES {
            assert_eq!(
                keep(&mut codes, &format!("code_{index}")),
                format!("code_{index}")
            );
        }
        assert_eq!(keep(&mut codes, "one_too_many"), UNNAMED);
        assert_eq!(
            keep(&mut codes, "code_7"),
            "code_7",
            "a kept code is still found"
        );
        assert_eq!(codes.len(), MAX_CODES);
    }
}
