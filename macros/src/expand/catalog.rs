//! `impl ErrorCatalog`: one `ErrorSpec` per code, transparent variants inlined in place. The
//! own codes' entries are read from the table of codes (`table.rs`), which holds every fact
//! the catalogue lists.

use proc_macro2::TokenStream;
use quote::quote;

use super::generator::Gen;
use crate::contract::Resolved;
use crate::template::tokens;

impl Gen<'_, '_> {
    pub(super) fn catalog_impl(&self) -> TokenStream {
        let private = &self.private;
        let type_name = self.ident().to_string();
        let bounds = self.transparent_bounds(&tokens!("$private::ErrorCatalog", private));

        // Each run of own codes is one slice of the table; a transparent variant appends its
        // inner type's specs where it stands.
        let mut steps = TokenStream::new();
        let mut start = 0;
        let mut end = 0;
        let push_run = |steps: &mut TokenStream, start: usize, end: usize| {
            if start < end {
                steps.extend(quote! {
                    #private::CodeTable::push_specs(&__CODES, &mut __specs, #start..#end, #type_name);
                });
            }
        };
        for resolved in &self.contract.variants {
            match resolved {
                Resolved::Own(_) => end += 1,
                Resolved::Transparent(transparent) => {
                    push_run(&mut steps, start, end);
                    start = end;
                    let ty = transparent.field.ty;
                    steps.extend(quote! {
                        #private::Vec::append(&mut __specs, &mut <#ty as #private::ErrorCatalog>::error_specs());
                    });
                }
            }
        }
        push_run(&mut steps, start, end);

        self.impl_on_type(
            "ErrorCatalog",
            &bounds,
            &tokens!(
                "fn error_specs() -> $private::Vec<$private::ErrorSpec> {
                    let mut __specs = $private::Vec::new();
                    $steps
                    __specs
                }",
                private,
                steps,
            ),
        )
    }
}
