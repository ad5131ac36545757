//! The table of the own codes, `static __CODES: CodeTable`, one array per fact in
//! declaration order, and `__index`, a code's place in it: what the code enum's methods,
//! `retry_after`, `from_envelope` and the catalogue read, instead of a `match` each with an
//! arm per code.
//!
//! The arrays hold literals only: rustc checks a literal at a fraction of the cost of a path
//! or a call (`Some(…)`, `RetryClass::…`) per code. What only some codes have is a bit in
//! `flags` or, when it is rare, an `(index, value)` list.

use proc_macro2::TokenStream;
use quote::quote;

use super::generator::Gen;
use crate::contract::{Message, Resolved, Retry};
use crate::json;
use crate::json_type::json_type;

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
        let mut names = Vec::new();
        let mut codes = Vec::new();
        let mut statuses = Vec::new();
        let mut flags = Vec::new();
        let mut messages = Vec::new();
        let mut bodies = Vec::new();
        let mut retry_after = Vec::new();
        let mut solutions = Vec::new();
        let mut descriptions = Vec::new();
        let mut retry = Vec::new();
        let mut challenges = Vec::new();
        let mut aliases = Vec::new();
        let mut meta = Vec::new();
        let mut notes = Vec::new();
        for (index, own) in self.own_variants().enumerate() {
            // As `#[derive(Debug)]` prints it: `r#type` as `type`.
            let name = own.variant.ident.to_string();
            names.push(name.strip_prefix("r#").unwrap_or(&name).to_owned());
            codes.push(own.code.as_str());
            statuses.push(own.status);
            let mut bits = 0;
            // What the user wrote, placeholders and all; none when the message is Display.
            messages.push(match &own.message {
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
            bodies.push(match &own.message {
                Message::Static(text) if own.details.is_none() && own.meta.is_empty() => {
                    bits |= STATIC_BODY;
                    json::static_body(text, &own.code)
                }
                _ => String::new(),
            });
            if own.retry_after.is_some() {
                bits |= HAS_RETRY_AFTER;
            }
            retry_after.push(own.retry_after.unwrap_or(0));
            solutions.push(own.solution.map_or_else(String::new, |lit| {
                bits |= HAS_SOLUTION;
                lit.value()
            }));
            descriptions.push(own.docs);
            if let Retry::Class(class) = own.retry {
                retry.push(quote!((#index, #private::RetryClass::#class)));
            }
            if let Some(challenge) = own.challenge {
                let challenge = challenge.value();
                challenges.push(quote!((#index, #challenge)));
            }
            for alias in &own.aliases {
                aliases.push(quote!((#index, #alias)));
            }
            if !own.meta.is_empty() {
                let keys = own.meta.iter().map(|meta| {
                    let name = &meta.name;
                    let json_type = json_type(meta.field.ty);
                    let type_name = match json_type.name {
                        Some(name) => quote!(#private::Some(#name)),
                        None => quote!(#private::None),
                    };
                    let nullable = json_type.nullable;
                    quote!(#private::meta_spec(#name, #type_name, #nullable))
                });
                meta.push(quote!((#index, &[#(#keys),*])));
            }
            if let Some(deprecated) = &own.variant.deprecated {
                bits |= DEPRECATED;
                if let Some(note) = &deprecated.note {
                    notes.push(quote!((#index, #note)));
                }
            }
            flags.push(bits);
        }

        // The arrays every code has, then those of facts that some code has.
        let mut fields = vec![
            // One literal: only `Debug` reads a name, and a name has no space.
            {
                let names = names.join(" ");
                quote!(names: #names)
            },
            quote!(codes: &[#(#codes),*]),
            quote!(statuses: &[#(#statuses),*]),
        ];
        let any = |bit: u8| flags.iter().any(|flags| flags & bit != 0);
        if flags.iter().any(|flags| *flags != 0) {
            fields.push(quote!(flags: &[#(#flags),*]));
        }
        if any(HAS_MESSAGE) {
            fields.push(quote!(messages: &[#(#messages),*]));
        }
        if any(STATIC_BODY) {
            fields.push(quote!(bodies: &[#(#bodies),*]));
        }
        if any(HAS_RETRY_AFTER) {
            fields.push(quote!(retry_after: &[#(#retry_after),*]));
        }
        if any(HAS_SOLUTION) {
            fields.push(quote!(solutions: &[#(#solutions),*]));
        }
        if descriptions.iter().any(|docs| !docs.is_empty()) {
            fields.push(quote!(descriptions: &[#(#descriptions),*]));
        }
        for (name, list) in [
            (quote!(retry), &retry),
            (quote!(challenges), &challenges),
            (quote!(aliases), &aliases),
            (quote!(meta), &meta),
            (quote!(deprecation_notes), &notes),
        ] {
            if !list.is_empty() {
                fields.push(quote!(#name: &[#(#list),*]));
            }
        }

        let code_enum = &self.contract.code_enum;
        let params: Vec<_> = self.code_params.iter().map(|param| &param.param).collect();
        let index = if self.fieldless_codes() {
            quote!(*__code as usize)
        } else {
            let arms = self.own_variants().enumerate().map(|(index, own)| {
                let name = own.variant.ident;
                quote!(#code_enum::#name => #index,)
            });
            quote! {
                match __code {
                    #(#arms)*
                    _ => ::core::unreachable!(),
                }
            }
        };
        quote! {
            static __CODES: #private::CodeTable = #private::CodeTable {
                #(#fields,)*
                ..#private::EMPTY_TABLE
            };

            /// The index of an own code in `__CODES`.
            #[inline]
            fn __index<#(#params),*>(__code: &#code_enum<#(#params),*>) -> usize {
                #index
            }
        }
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
        quote!(__index(&#private::ApiError::code(self)))
    }
}
