//! Generated code written as text: a template is Rust source in a string literal, with
//! `$name` where a part goes, parsed when the derive runs.
//!
//! Why not `quote!`: rustc compiles a `quote!` into a call per token, and those calls were
//! most of this crate's own build (its type and borrow checking, and the code it makes). A
//! template is one string literal to compile. The output is the same: every token of the text
//! gets the call site's span, as `quote!` gives it, and a part keeps its own spans (a user's
//! type still carries the user's span).
//!
//! ```text
//! tokens!("impl $private::ErrorCode for $ty { $body }", private = self.private, ty, body)
//! ```
//!
//! A part is anything `ToTokens`: an `Ident`, a `TokenStream`, an `Option` (nothing when
//! `None`), a string (a string literal). A list is one part, built first: a `TokenStream`
//! extended item by item, or a [`Comma`] list.
//!
//! What is written once per variant (an arm, a pattern) stays a `quote!` of a few tokens: a
//! template is parsed each time it is filled, and the derive's own time would grow with the
//! number of variants. Templates are for the items and the bodies written once per derive,
//! and for what a variant has only when it says so (a retry class, an alias, a meta field).

use proc_macro2::{Group, Punct, Spacing, TokenStream, TokenTree};
use quote::ToTokens;

/// `tokens!("text with $part", part = value, other)`: the template's tokens with each
/// `$name` replaced by its part; a part named alone is the local of that name. (A user's span
/// on generated tokens is a `quote_spanned!`'s work: those are a few tokens per variant.)
macro_rules! tokens {
    ($template:literal $(, $name:ident $(= $value:expr)?)* $(,)?) => {
        $crate::template::fill(
            $template,
            &[$((::core::stringify!($name), &$crate::template::part!($name $(, $value)?) as &dyn ::quote::ToTokens)),*],
        )
    };
}

/// A part's value: the expression given, or the local named like the part.
macro_rules! part {
    ($name:ident) => {
        $name
    };
    ($name:ident, $value:expr) => {
        $value
    };
}

pub(crate) use {part, tokens};

/// The template's tokens, `$name` replaced by the part of that name.
///
/// # Panics
///
/// On a template that is not Rust tokens or names a part not given: a defect of this crate,
/// the same for every input, which the derive's tests reach.
pub(crate) fn fill(template: &str, parts: &[(&str, &dyn ToTokens)]) -> TokenStream {
    let mut out = TokenStream::new();
    splice(parse(template), parts, &mut out);
    out
}

/// The template's tokens. Inside a macro, rustc's lexer alone reads them: `proc_macro2`'s own
/// parse first lexes the text again by itself (to keep rustc from failing the build on text
/// it cannot lex), which cost most of the time the derive spent on templates, for text known
/// to be Rust. Outside a macro (the unit tests), `proc_macro2`'s lexer.
fn parse(template: &str) -> TokenStream {
    if proc_macro::is_available()
        && let Ok(tokens) = template.parse::<proc_macro::TokenStream>()
    {
        return tokens.into();
    }
    template.parse().unwrap_or_else(|error| {
        panic!("a template of the derive is not Rust tokens ({error}): {template}")
    })
}

/// Copies `stream` into `out`, each `$name` replaced by its part, groups rebuilt around what
/// they hold.
fn splice(stream: TokenStream, parts: &[(&str, &dyn ToTokens)], out: &mut TokenStream) {
    let mut trees = stream.into_iter();
    while let Some(tree) = trees.next() {
        match tree {
            TokenTree::Punct(punct) if punct.as_char() == '$' => {
                let Some(TokenTree::Ident(name)) = trees.next() else {
                    panic!("a template of the derive has a `$` without a name");
                };
                let name = name.to_string();
                let Some((_, part)) = parts.iter().find(|(part, _)| name == *part) else {
                    panic!("a template of the derive names ${name}, which it is not given");
                };
                part.to_tokens(out);
            }
            TokenTree::Group(group) => {
                let mut inner = TokenStream::new();
                splice(group.stream(), parts, &mut inner);
                let mut filled = Group::new(group.delimiter(), inner);
                filled.set_span(group.span());
                out.extend([TokenTree::Group(filled)]);
            }
            tree => out.extend([tree]),
        }
    }
}

/// A list separated by commas, as `#(#items),*` writes it, built one item at a time.
#[derive(Default)]
pub(crate) struct Comma {
    tokens: TokenStream,
}

impl Comma {
    pub(crate) fn push(&mut self, item: &dyn ToTokens) {
        if !self.tokens.is_empty() {
            self.tokens
                .extend([TokenTree::Punct(Punct::new(',', Spacing::Alone))]);
        }
        item.to_tokens(&mut self.tokens);
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }
}

impl ToTokens for Comma {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        self.tokens.to_tokens(tokens);
    }
}

#[cfg(test)]
mod tests {
    use proc_macro2::TokenStream;
    use quote::quote;

    use super::Comma;

    fn same(left: &TokenStream, right: &TokenStream) {
        assert_eq!(left.to_string(), right.to_string());
    }

    #[test]
    fn parts_are_spliced_at_every_depth() {
        let ty = quote!(Vec<u8>);
        let body = quote!(self.0.len());
        let absent: Option<TokenStream> = None;
        let filled = tokens!(
            "impl Len for $ty { fn len(&self) -> usize { $absent $body } } $ty",
            ty,
            body,
            absent,
        );
        same(
            &filled,
            &quote!(impl Len for Vec<u8> { fn len(&self) -> usize { self.0.len() } } Vec<u8>),
        );
    }

    #[test]
    fn a_part_may_be_named_after_an_expression() {
        let filled = tokens!("[$first, $second]", first = 1u16, second = "two");
        same(&filled, &quote!([1u16, "two"]));
    }

    #[test]
    fn comma_lists_have_no_trailing_comma() {
        let mut list = Comma::default();
        assert!(list.is_empty());
        for item in ["a", "b", "c"] {
            list.push(&item);
        }
        same(&tokens!("[$list]", list), &quote!(["a", "b", "c"]));
    }

    #[test]
    #[should_panic(expected = "names $missing, which it is not given")]
    fn a_part_not_given_is_a_defect_named_in_the_panic() {
        let _ = tokens!("f($missing)");
    }
}
