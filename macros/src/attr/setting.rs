//! One key's value, with the token the key was written as.

use syn::Path;

use super::key::Key;
use crate::ctxt::Ctxt;

/// A key as read: where it was written (for "given twice" and other spanned errors) and its
/// value, absent when the value was wrong and reported already.
pub(crate) struct Setting<T> {
    key: Option<Path>,
    value: Option<T>,
}

impl<T> Default for Setting<T> {
    fn default() -> Self {
        Self {
            key: None,
            value: None,
        }
    }
}

impl<T> Setting<T> {
    /// Records `key` written at `path`; a wrong value (`None`, reported) still counts as
    /// given, so no second error says the key is missing. A second time is an error that
    /// points at both.
    pub(super) fn set(&mut self, cx: &Ctxt, key: Key, path: &Path, value: Option<T>) {
        if let Some(first) = &self.key {
            given_twice(cx, key, path, first);
        } else {
            self.key = Some(path.clone());
            self.value = value;
        }
    }

    pub(crate) fn value(&self) -> Option<&T> {
        self.value.as_ref()
    }

    /// The key as written, for an error about the key as a whole.
    pub(crate) fn key(&self) -> Option<&Path> {
        self.key.as_ref()
    }

    pub(crate) fn is_set(&self) -> bool {
        self.key.is_some()
    }
}

/// The error of a key given twice, pointing at both. Apart from `set`, which is compiled once
/// per type of value.
fn given_twice(cx: &Ctxt, key: Key, path: &Path, first: &Path) {
    let name = key.name();
    let mut error = syn::Error::new_spanned(path, format!("`{name}` is given twice; remove one"));
    error.combine(syn::Error::new_spanned(
        first,
        format!("`{name}` first given here"),
    ));
    cx.push(error);
}
