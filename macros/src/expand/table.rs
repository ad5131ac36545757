//! The table of the own codes, `static __CODES: CodeTable`, one array per fact in
//! declaration order, and `__index`, a code's place in it: what the code enum's methods,
//! `retry_after`, `from_envelope` and the catalogue read, instead of a `match` each with an
//! arm per code.
//!
//! Each fact of every code is one literal: texts joined in a string with their offsets in a
//! byte string (the runtime's `Texts`), numbers in a byte string. rustc checks one literal
//! for all the codes where an array costs it an element each, and a path or a call
//! (`Some(…)`, `RetryClass::…`) far more. What only some codes have is a bit in `flags` or,
//! when it is rare, an `(index, value)` list.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::generator::Gen;
use crate::contract::{Message, Resolved, Retry};
use crate::fmt::Template;
use crate::json;
use crate::json_type::json_type;
use crate::template::{Comma, tokens};

// The bits of `CodeTable::flags`, as the runtime's `contract/code.rs` reads them.
const HAS_MESSAGE: u8 = 1;
const HAS_RETRY_AFTER: u8 = 2;
const HAS_SOLUTION: u8 = 4;
const DEPRECATED: u8 = 8;
const STATIC_MESSAGE: u8 = 16;
const STATIC_BODY: u8 = 32;

impl Gen<'_, '_> {
    /// `static __CODES: CodeTable` and `fn __index`; nothing for a type without own codes.
    ///
    /// A code enum with no transparent variant is fieldless, so a code's index is its
    /// discriminant (`code as usize`); otherwise one `match` numbers the own codes.
    pub(super) fn code_table(&self) -> TokenStream {
        let private = &self.private;
        if self.own_variants().next().is_none() {
            return TokenStream::new();
        }
        // One literal for the names: only `Debug` reads a name, and a name has no space.
        let mut names = String::new();
        let mut codes = Joined::default();
        let mut statuses = Vec::new();
        let mut flags = Vec::new();
        let mut messages = Joined::default();
        let mut bodies = Joined::default();
        let mut retry_after = Vec::new();
        let mut solutions = Joined::default();
        let mut descriptions = Joined::default();
        let mut retry = Comma::default();
        let mut challenges = Comma::default();
        let mut aliases = Comma::default();
        let mut meta = Comma::default();
        let mut notes = Comma::default();
        let mut parts = Joined::default();
        let mut cut = false;
        // The bits some code has, and whether some code has a description.
        let mut any = 0;
        let mut described = false;
        for (index, own) in self.own_variants().enumerate() {
            // As `#[derive(Debug)]` prints it: `r#type` as `type`.
            let name = own.variant.ident.to_string();
            if index > 0 {
                names.push(' ');
            }
            names.push_str(name.strip_prefix("r#").unwrap_or(&name));
            codes.push(own.code.as_str());
            statuses.extend_from_slice(&own.status.to_le_bytes());
            let mut bits = 0;
            // What the user wrote, placeholders and all; none when the message is Display.
            messages.push(&match &own.message {
                Message::Static(text) => {
                    bits |= HAS_MESSAGE | STATIC_MESSAGE;
                    text.clone()
                }
                Message::Template(template) => {
                    bits |= HAS_MESSAGE;
                    template.original.value()
                }
                Message::Display => String::new(),
            });
            // The whole body, written now, of a fixed message with no details and no meta.
            bodies.push(&match &own.message {
                Message::Static(text) if own.details.is_none() && own.meta.is_empty() => {
                    bits |= STATIC_BODY;
                    json::static_body(text, &own.code)
                }
                _ => String::new(),
            });
            if own.retry_after.is_some() {
                bits |= HAS_RETRY_AFTER;
            }
            retry_after.extend_from_slice(&own.retry_after.unwrap_or(0).to_le_bytes());
            solutions.push(&own.solution.map_or_else(String::new, |lit| {
                bits |= HAS_SOLUTION;
                lit.value()
            }));
            described |= !own.docs.is_empty();
            descriptions.push(own.docs);
            if let Retry::Class(class) = own.retry {
                retry.push(&tokens!(
                    "($index, $private::RetryClass::$class)",
                    index,
                    private,
                    class
                ));
            }
            if let Some(challenge) = own.challenge {
                let challenge = challenge.value();
                challenges.push(&tokens!("($index, $challenge)", index, challenge));
            }
            for alias in &own.aliases {
                aliases.push(&tokens!("($index, $alias)", index, alias));
            }
            if !own.meta.is_empty() {
                let mut keys = Comma::default();
                for meta in &own.meta {
                    let name = &meta.name;
                    let json_type = json_type(meta.field.ty);
                    let type_name = json_type.name.map_or_else(
                        || tokens!("$private::None", private),
                        |name| tokens!("$private::Some($name)", private, name),
                    );
                    let nullable = json_type.nullable;
                    keys.push(&tokens!(
                        "$private::meta_spec($name, $type_name, $nullable)",
                        private,
                        name,
                        type_name,
                        nullable,
                    ));
                }
                meta.push(&tokens!("($index, &[$keys])", index, keys));
            }
            if let Some(deprecated) = &own.variant.deprecated {
                bits |= DEPRECATED;
                if let Some(note) = &deprecated.note {
                    notes.push(&tokens!("($index, $note)", index, note));
                }
            }
            parts.push(&match &own.message {
                Message::Template(Template {
                    pieces: Some(pieces),
                    ..
                }) => {
                    cut = true;
                    pieces.text.clone()
                }
                _ => String::new(),
            });
            flags.push(bits);
            any |= bits;
        }

        // The facts every code has, then those that some code has.
        let codes = codes.tokens(private);
        let statuses = Literal::byte_string(&statuses);
        let mut fields = tokens!(
            "names: $names, codes: $codes, statuses: $statuses,",
            names,
            codes,
            statuses,
        );
        let mut field = |name: &str, value: &dyn quote::ToTokens| {
            let name = syn::Ident::new(name, proc_macro2::Span::call_site());
            fields.extend(tokens!("$name: $value,", name, value));
        };
        if any != 0 {
            field("flags", &Literal::byte_string(&flags));
        }
        let some = |bit: u8| any & bit != 0;
        if some(HAS_MESSAGE) {
            field("messages", &messages.tokens(private));
        }
        if some(STATIC_BODY) {
            field("bodies", &bodies.tokens(private));
        }
        if some(HAS_RETRY_AFTER) {
            field("retry_after", &Literal::byte_string(&retry_after));
        }
        if some(HAS_SOLUTION) {
            field("solutions", &solutions.tokens(private));
        }
        if described {
            field("descriptions", &descriptions.tokens(private));
        }
        if cut {
            field("parts", &parts.tokens(private));
        }
        for (name, list) in [
            ("retry", retry),
            ("challenges", challenges),
            ("aliases", aliases),
            ("meta", meta),
            ("deprecation_notes", notes),
        ] {
            if !list.is_empty() {
                field(name, &tokens!("&[$list]", list));
            }
        }

        let code_enum = &self.contract.code_enum;
        let params = self.code_param_list(None);
        let index = if self.fieldless_codes() {
            tokens!("*__code as usize")
        } else {
            let mut arms = TokenStream::new();
            for (index, own) in self.own_variants().enumerate() {
                let name = own.variant.ident;
                arms.extend(quote!(#code_enum::#name => #index,));
            }
            tokens!(
                "match __code {
                    $arms
                    _ => ::core::unreachable!(),
                }",
                arms,
            )
        };
        tokens!(
            "static __CODES: $private::CodeTable = $private::CodeTable {
                $fields
                ..$private::EMPTY_TABLE
            };

            /// The index of an own code in `__CODES`.
            #[inline]
            fn __index<$params>(__code: &$code_enum<$params>) -> usize {
                $index
            }",
            private,
            fields,
            params,
            code_enum,
            index,
        )
    }

    /// Whether every variant is an own code: the code enum is then fieldless.
    pub(super) fn fieldless_codes(&self) -> bool {
        self.contract
            .variants
            .iter()
            .all(|resolved| matches!(resolved, Resolved::Own(_)))
    }

    /// `__index(&code)` for the code of `self`, an own variant of the user's type.
    pub(super) fn own_index(&self) -> TokenStream {
        let private = &self.private;
        tokens!("__index(&$private::ApiError::code(self))", private)
    }
}

/// One text per code, joined as the runtime's `Texts` reads them: the texts one after
/// another, and the offset where each starts, then where the last ends, as four
/// little-endian bytes.
#[derive(Default)]
struct Joined {
    text: String,
    ends: Vec<u8>,
}

impl Joined {
    fn push(&mut self, text: &str) {
        if self.ends.is_empty() {
            self.ends.extend_from_slice(&[0; 4]);
        }
        self.text.push_str(text);
        // Source text longer than 4 GiB does not reach a derive.
        let end = u32::try_from(self.text.len()).unwrap_or(u32::MAX);
        self.ends.extend_from_slice(&end.to_le_bytes());
    }

    /// `Texts { text: "…", ends: b"…" }`.
    fn tokens(&self, private: &dyn quote::ToTokens) -> TokenStream {
        let text = &self.text;
        let ends = Literal::byte_string(&self.ends);
        tokens!(
            "$private::Texts { text: $text, ends: $ends }",
            private,
            text,
            ends
        )
    }
}
