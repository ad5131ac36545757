//! Collects every user error of one derive, so a single compile reports them all.

use std::cell::{Cell, RefCell};
use std::fmt::Display;

use quote::ToTokens;

pub(crate) struct Ctxt {
    errors: RefCell<Vec<syn::Error>>,
    checked: Cell<bool>,
}

impl Ctxt {
    pub(crate) fn new() -> Self {
        Self {
            errors: RefCell::new(Vec::new()),
            checked: Cell::new(false),
        }
    }

    /// An error underlining `tokens`.
    pub(crate) fn error_spanned_by(&self, tokens: impl ToTokens, message: impl Display) {
        // Through `dyn`, so that only this line is compiled once per call site's types.
        self.push_spanned(&tokens, &message);
    }

    fn push_spanned(&self, tokens: &dyn ToTokens, message: &dyn Display) {
        self.push(syn::Error::new_spanned(tokens.to_token_stream(), message));
    }

    pub(crate) fn push(&self, error: syn::Error) {
        self.errors.borrow_mut().push(error);
    }

    /// Every error so far, combined; consumes the context.
    pub(crate) fn check(self) -> syn::Result<()> {
        self.checked.set(true);
        let mut errors = self.errors.take().into_iter();
        let Some(mut combined) = errors.next() else {
            return Ok(());
        };
        for error in errors {
            combined.combine(error);
        }
        Err(combined)
    }
}

impl Drop for Ctxt {
    fn drop(&mut self) {
        assert!(
            self.checked.get() || std::thread::panicking(),
            "Ctxt dropped without check(); user errors would be lost",
        );
    }
}
