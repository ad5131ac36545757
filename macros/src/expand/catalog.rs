//! `impl ErrorCatalog`: one `ErrorSpec` per code, transparent variants inlined in place; a
//! variant's `meta` keys, with the JSON types `json_type` reads from their Rust types (and
//! whether they may be `null`: an `Option` field).

use proc_macro2::TokenStream;
use quote::quote;

use super::generator::Gen;
use crate::contract::{Message, Resolved};
use crate::generics::where_clause_with;
use crate::json_type::json_type;

impl Gen<'_, '_> {
    pub(super) fn catalog_impl(&self) -> TokenStream {
        let private = &self.private;
        let ident = self.ident();
        let type_name = ident.to_string();
        let generics = &self.contract.original.generics;
        let (impl_generics, ty_generics, _) = generics.split_for_impl();
        let bounds = self.transparent_bounds(&quote!(#private::ErrorCatalog));
        let where_clause = where_clause_with(generics, &bounds);

        let pushes = self.contract.variants.iter().map(|resolved| {
            let own = match resolved {
                Resolved::Own(own) => own,
                Resolved::Transparent(transparent) => {
                    let ty = transparent.field.ty;
                    return quote! {
                        #private::Vec::append(&mut __specs, &mut <#ty as #private::ErrorCatalog>::error_specs());
                    };
                }
            };
            let (status, code) = (own.status, &own.code);
            let retry = self.retry_class_expr(own);
            let retry_after = option(private, own.retry_after.map(|seconds| quote!(#seconds)));
            // What the user wrote, placeholders and all; none when the message is Display.
            let message = match &own.message {
                Message::Static(text) => Some(quote!(#text)),
                Message::Template(template) => {
                    let text = template.original.value();
                    Some(quote!(#text))
                }
                Message::Display => None,
            };
            let message = option(private, message);
            let description = own.docs;
            let solution = option(private, own.solution.map(|lit| quote!(#lit)));
            let spec = quote! {
                #private::error_spec(
                    #code,
                    #status,
                    #retry,
                    #retry_after,
                    #message,
                    #description,
                    #solution,
                    #type_name,
                )
            };
            // Only a variant with a challenge of its own pays for the extra call.
            let spec = match own.challenge {
                Some(challenge) => {
                    let challenge = syn::LitStr::new(&challenge.value(), challenge.span());
                    quote!(#private::ErrorSpec::with_www_authenticate(#spec, #challenge))
                }
                None => spec,
            };
            // Likewise `meta`: a `'static` list of its keys, for the variants that have any.
            let spec = if own.meta.is_empty() {
                spec
            } else {
                let keys = own.meta.iter().map(|meta| {
                    let name = &meta.name;
                    let json_type = json_type(meta.field.ty);
                    let type_name = option(private, json_type.name.map(|name| quote!(#name)));
                    let nullable = json_type.nullable;
                    quote!(#private::meta_spec(#name, #type_name, #nullable))
                });
                quote! {
                    #private::ErrorSpec::with_meta(#spec, {
                        const __META: &[#private::MetaSpec] = &[#(#keys),*];
                        __META
                    })
                }
            };
            // Aliases and deprecation, for the variants that have them.
            let spec = if own.aliases.is_empty() {
                spec
            } else {
                let aliases = &own.aliases;
                quote! {
                    #private::ErrorSpec::with_aliases(#spec, {
                        const __ALIASES: &[#private::Cow<'static, str>] =
                            &[#(#private::Cow::Borrowed(#aliases)),*];
                        __ALIASES
                    })
                }
            };
            let spec = match &own.variant.deprecated {
                Some(deprecated) => {
                    let note = option(
                        private,
                        deprecated
                            .note
                            .as_ref()
                            .map(|note| quote!(#private::Cow::Borrowed(#note))),
                    );
                    quote!(#private::ErrorSpec::deprecated(#spec, #note))
                }
                None => spec,
            };
            quote! {
                #private::Vec::push(&mut __specs, #spec);
            }
        });

        quote! {
            #[automatically_derived]
            impl #impl_generics #private::ErrorCatalog for #ident #ty_generics #where_clause {
                fn error_specs() -> #private::Vec<#private::ErrorSpec> {
                    let mut __specs = #private::Vec::new();
                    #(#pushes)*
                    __specs
                }
            }
        }
    }
}

fn option(private: &TokenStream, value: Option<TokenStream>) -> TokenStream {
    if let Some(value) = value {
        quote!(#private::Some(#value))
    } else {
        quote!(#private::None)
    }
}
