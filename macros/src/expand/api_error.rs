//! `impl ApiError` and `impl Retryable` for the user's type.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};

use super::{Gen, spanned};
use crate::ast::{Message, Variant};
use crate::generics::{mentions_type_param, where_clause_with};

impl Gen<'_, '_> {
    pub(super) fn api_error_impl(&self) -> TokenStream {
        let private = &self.private;
        let ident = self.input.ident();
        let generics = &self.input.original.generics;
        let (impl_generics, ty_generics, _) = generics.split_for_impl();
        let where_clause = where_clause_with(generics, &self.api_error_bounds());
        let code_type = self.code_type();

        let code = self.match_self(
            self.input
                .variants
                .iter()
                .map(|variant| self.code_arm(variant)),
        );
        let status = self.match_self(self.input.variants.iter().map(|variant| {
            if let Some(inner) = variant.transparent_field() {
                let binding = inner.binding();
                let pattern = variant.pattern([(inner, &binding)]);
                return quote!(#pattern => #private::ApiError::status(#binding),);
            }
            let pattern = variant.pattern([]);
            let status = self.status_expr(variant);
            quote!(#pattern => #status,)
        }));
        let error_code = self.match_self(self.input.variants.iter().map(|variant| {
            if let Some(inner) = variant.transparent_field() {
                let binding = inner.binding();
                let pattern = variant.pattern([(inner, &binding)]);
                return quote!(#pattern => #private::ApiError::error_code(#binding),);
            }
            let pattern = variant.pattern([]);
            let code = variant.error_code();
            quote!(#pattern => #code,)
        }));
        let message = self.match_self(
            self.input
                .variants
                .iter()
                .map(|variant| self.message_arm(variant)),
        );
        let details = self.match_self(
            self.input
                .variants
                .iter()
                .map(|variant| self.details_arm(variant)),
        );
        let public_error = self.match_self(
            self.input
                .variants
                .iter()
                .map(|variant| self.envelope_arm(variant)),
        );

        quote! {
            #[automatically_derived]
            impl #impl_generics #private::ApiError for #ident #ty_generics #where_clause {
                type Code = #code_type;

                fn code(&self) -> Self::Code {
                    #code
                }

                fn status(&self) -> #private::Status {
                    #status
                }

                fn error_code(&self) -> &'static str {
                    #error_code
                }

                fn message(&self) -> #private::Cow<'_, str> {
                    #message
                }

                fn details(&self) -> #private::Details {
                    #details
                }

                fn envelope(&self) -> #private::ErrorEnvelope {
                    // A static message is borrowed, so this allocates nothing for it.
                    let __error: #private::Cow<'static, str> = #public_error;
                    #private::ErrorEnvelope {
                        error: __error,
                        error_code: #private::Cow::Borrowed(#private::ApiError::error_code(self)),
                        details: #private::ApiError::details(self),
                    }
                }
            }
        }
    }

    pub(super) fn retryable_impl(&self) -> TokenStream {
        let private = &self.private;
        let ident = self.input.ident();
        let generics = &self.input.original.generics;
        let (impl_generics, ty_generics, _) = generics.split_for_impl();
        let bounds = self.transparent_bounds(&quote!(#private::Retryable));
        let where_clause = where_clause_with(generics, &bounds);

        let retry_class = self.match_self(self.input.variants.iter().map(|variant| {
            if let Some(inner) = variant.transparent_field() {
                let binding = inner.binding();
                let pattern = variant.pattern([(inner, &binding)]);
                return quote!(#pattern => #private::Retryable::retry_class(#binding),);
            }
            let pattern = variant.pattern([]);
            let class = self.retry_class_expr(variant);
            quote!(#pattern => #class,)
        }));
        let retry_after = self.match_self(self.input.variants.iter().map(|variant| {
            if let Some(inner) = variant.transparent_field() {
                let binding = inner.binding();
                let pattern = variant.pattern([(inner, &binding)]);
                return quote!(#pattern => #private::Retryable::retry_after(#binding),);
            }
            let pattern = variant.pattern([]);
            if let Some(seconds) = variant.attrs.retry_after.value() {
                quote!(#pattern => #private::Some(#private::seconds(#seconds)),)
            } else {
                quote!(#pattern => #private::None,)
            }
        }));

        quote! {
            #[automatically_derived]
            impl #impl_generics #private::Retryable for #ident #ty_generics #where_clause {
                fn retry_class(&self) -> #private::RetryClass {
                    #retry_class
                }

                fn retry_after(&self) -> #private::Option<#private::Duration> {
                    #retry_after
                }
            }
        }
    }

    /// `<T as ApiError>::Code`: the code enum, with the inner code type of each generic
    /// transparent field as its type arguments.
    fn code_type(&self) -> TokenStream {
        let private = &self.private;
        let code_enum = &self.code_enum;
        if self.code_params.is_empty() {
            return quote!(#code_enum);
        }
        let arguments = self.code_params.iter().map(|param| {
            let ty = param.ty;
            quote!(<#ty as #private::ApiError>::Code)
        });
        quote!(#code_enum<#(#arguments),*>)
    }

    fn code_arm(&self, variant: &Variant) -> TokenStream {
        let private = &self.private;
        let code_enum = &self.code_enum;
        let name = variant.ident;
        if let Some(inner) = variant.transparent_field() {
            let binding = inner.binding();
            let pattern = variant.pattern([(inner, &binding)]);
            return quote!(#pattern => #code_enum::#name(#private::ApiError::code(#binding)),);
        }
        let pattern = variant.pattern([]);
        quote!(#pattern => #code_enum::#name,)
    }

    fn message_arm(&self, variant: &Variant) -> TokenStream {
        let private = &self.private;
        if let Some(inner) = variant.transparent_field() {
            let binding = inner.binding();
            let pattern = variant.pattern([(inner, &binding)]);
            return quote!(#pattern => #private::ApiError::message(#binding),);
        }
        match variant.message(self.input.status(variant).unwrap_or(500)) {
            Message::Static(text) => {
                let pattern = variant.pattern([]);
                quote!(#pattern => #private::Cow::Borrowed(#text),)
            }
            Message::Template(template) => {
                let fields: Vec<_> = template
                    .uses
                    .iter()
                    .map(|used| &variant.fields[used.index])
                    .collect();
                let bindings: Vec<_> = fields.iter().map(|field| field.binding()).collect();
                let pattern = variant.pattern(fields.iter().copied().zip(&bindings));
                let format = syn::LitStr::new(&template.format, template.original.span());
                quote! {
                    #pattern => #private::Cow::Owned(#private::format!(#format, #(#bindings = #bindings),*)),
                }
            }
            Message::Display => {
                let pattern = variant.pattern([]);
                let to_string =
                    quote_spanned!(variant.ident.span()=> #private::ToString::to_string(self));
                quote!(#pattern => #private::Cow::Owned(#to_string),)
            }
        }
    }

    fn details_arm(&self, variant: &Variant) -> TokenStream {
        let private = &self.private;
        if let Some(inner) = variant.transparent_field() {
            let binding = inner.binding();
            let pattern = variant.pattern([(inner, &binding)]);
            return quote!(#pattern => #private::ApiError::details(#binding),);
        }
        if let Some(field) = variant.details_field() {
            let binding = field.binding();
            let pattern = variant.pattern([(field, &binding)]);
            // On the field's type, so a missing ToDetails impl is reported there.
            let call =
                quote_spanned!(spanned(field.ty)=> #private::ToDetails::to_details(#binding));
            return quote!(#pattern => #call,);
        }
        let pattern = variant.pattern([]);
        quote!(#pattern => #private::Details::new(),)
    }

    /// The envelope's `error`: borrowed when static; a transparent variant returns the inner
    /// envelope whole.
    fn envelope_arm(&self, variant: &Variant) -> TokenStream {
        let private = &self.private;
        if let Some(inner) = variant.transparent_field() {
            let binding = inner.binding();
            let pattern = variant.pattern([(inner, &binding)]);
            return quote!(#pattern => return #private::ApiError::envelope(#binding),);
        }
        let pattern = variant.pattern([]);
        match variant.message(self.input.status(variant).unwrap_or(500)) {
            Message::Static(text) => quote!(#pattern => #private::Cow::Borrowed(#text),),
            Message::Template(_) | Message::Display => quote! {
                #pattern => #private::Cow::Owned(#private::Cow::into_owned(#private::ApiError::message(self))),
            },
        }
    }

    /// The bounds `impl ApiError` needs on a generic type: `Field: Display`/`Debug` for each
    /// formatted field, `Self: Display` where the message is Display, `Field: ToDetails`,
    /// `Field: ApiError` for a transparent field. Only types mentioning a type parameter.
    fn api_error_bounds(&self) -> Vec<(TokenStream, TokenStream)> {
        let private = &self.private;
        let generics = &self.input.original.generics;
        if !self.input.has_generics() {
            return Vec::new();
        }
        let mut bounds = self.transparent_bounds(&quote!(#private::ApiError));
        let mut self_display = false;
        for variant in self
            .input
            .variants
            .iter()
            .filter(|variant| !variant.is_transparent())
        {
            if let Some(field) = variant
                .details_field()
                .filter(|field| mentions_type_param(field.ty, generics))
            {
                let ty = field.ty;
                bounds.push((quote!(#ty), quote!(#private::ToDetails)));
            }
            match variant.message(self.input.status(variant).unwrap_or(500)) {
                Message::Template(template) => {
                    for used in &template.uses {
                        let ty = variant.fields[used.index].ty;
                        if !mentions_type_param(ty, generics) {
                            continue;
                        }
                        if used.display {
                            bounds.push((quote!(#ty), quote!(::core::fmt::Display)));
                        }
                        if used.debug {
                            bounds.push((quote!(#ty), quote!(::core::fmt::Debug)));
                        }
                    }
                }
                Message::Display => self_display = true,
                Message::Static(_) => {}
            }
        }
        if self_display {
            bounds.push((quote!(Self), quote!(::core::fmt::Display)));
        }
        bounds
    }

    /// `Field: trait_path` for every transparent field that mentions a type parameter.
    pub(super) fn transparent_bounds(
        &self,
        trait_path: &TokenStream,
    ) -> Vec<(TokenStream, TokenStream)> {
        let generics = &self.input.original.generics;
        self.input
            .variants
            .iter()
            .filter_map(Variant::transparent_field)
            .filter(|field| mentions_type_param(field.ty, generics))
            .map(|field| {
                let ty = field.ty;
                (quote!(#ty), trait_path.clone())
            })
            .collect()
    }
}
