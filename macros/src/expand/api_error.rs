//! `impl ApiError` and `impl Retryable` for the user's type.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};

use super::{Forward, Gen, own_arm, spanned};
use crate::ast::{Message, Variant};
use crate::generics::{mentions_generic_param, where_clause_with};
use crate::json;

impl Gen<'_, '_> {
    pub(super) fn api_error_impl(&self) -> TokenStream {
        let private = &self.private;
        let ident = self.input.ident();
        let generics = &self.input.original.generics;
        let (impl_generics, ty_generics, _) = generics.split_for_impl();
        let where_clause = where_clause_with(generics, &self.api_error_bounds());
        let code_type = self.code_type();

        let code = self.per_variant(
            |inner| {
                let (code_enum, name) = (&self.code_enum, inner.variant);
                let code = inner.call(quote!(#private::ApiError::code));
                quote!(#code_enum::#name(#code))
            },
            |variant| {
                let (code_enum, name) = (&self.code_enum, variant.ident);
                own_arm(variant, quote!(#code_enum::#name))
            },
        );
        // Own variants answer through the code enum, whose matches exist anyway (less code to
        // compile); transparent ones ask the inner value, which may differ from its code.
        let status = self.forward_or_code(
            |inner| inner.call(quote!(#private::ApiError::status)),
            &quote!(#private::ErrorCode::status),
        );
        let error_code = self.forward_or_code(
            |inner| inner.call(quote!(#private::ApiError::error_code)),
            &quote!(#private::ErrorCode::as_str),
        );
        let message = self.per_variant(
            |inner| inner.call(quote!(#private::ApiError::message)),
            |variant| self.message_arm(variant),
        );
        let details_ref = self.per_variant_or(
            |inner| inner.call(quote!(#private::ApiError::details_ref)),
            |variant| self.details_arm(variant),
            &quote!(#private::Cow::Borrowed(#private::empty_details())),
        );
        let static_json = self.per_variant_or(
            |inner| inner.call(quote!(#private::ApiError::static_json)),
            |variant| self.static_json_arm(variant),
            &quote!(#private::None),
        );
        let envelope = self.envelope_body();
        let www_authenticate = self.www_authenticate_method();

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
                    #private::Cow::into_owned(#private::ApiError::details_ref(self))
                }

                fn details_ref(&self) -> #private::Cow<'_, #private::Details> {
                    #details_ref
                }

                fn static_json(&self) -> #private::Option<&'static str> {
                    #static_json
                }

                fn envelope(&self) -> #private::ErrorEnvelope {
                    #envelope
                }

                #www_authenticate
            }
        }
    }

    /// `fn www_authenticate` when the runtime's default (computed from the status and the
    /// code) is not the answer: a variant with a `www_authenticate` of its own or of the
    /// enum's, or a transparent variant, whose inner error may have one. Nothing otherwise.
    fn www_authenticate_method(&self) -> TokenStream {
        let private = &self.private;
        let overrides = self
            .input
            .variants
            .iter()
            .any(|variant| variant.is_transparent() || self.input.challenge(variant).is_some());
        if !overrides {
            return TokenStream::new();
        }
        let body = self.per_variant_or(
            |inner| inner.call(quote!(#private::ApiError::www_authenticate)),
            |variant| {
                let challenge = self.input.challenge(variant)?;
                let challenge = syn::LitStr::new(&challenge.value(), challenge.span());
                Some(own_arm(variant, quote!(#private::Some(#challenge))))
            },
            &quote! {
                #private::default_challenge(
                    #private::ApiError::status(self),
                    #private::ApiError::error_code(self),
                )
            },
        );
        quote! {
            fn www_authenticate(&self) -> #private::Option<&'static str> {
                #body
            }
        }
    }

    pub(super) fn retryable_impl(&self) -> TokenStream {
        let private = &self.private;
        let ident = self.input.ident();
        let generics = &self.input.original.generics;
        let (impl_generics, ty_generics, _) = generics.split_for_impl();
        // The class of an own variant comes from its code, so the bounds are ApiError's.
        let where_clause = where_clause_with(generics, &self.api_error_bounds());

        let retry_class = self.forward_or_code(
            |inner| inner.call(quote!(#private::Retryable::retry_class)),
            &quote!(#private::ErrorCode::retry_class),
        );
        let retry_after = self.per_variant_or(
            |inner| inner.call(quote!(#private::Retryable::retry_after)),
            |variant| {
                let seconds = variant.attrs.retry_after.value()?;
                Some(own_arm(
                    variant,
                    quote!(#private::Some(#private::seconds(#seconds))),
                ))
            },
            &quote!(#private::None),
        );

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

    fn message_arm(&self, variant: &Variant) -> TokenStream {
        let private = &self.private;
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
                // On the variant's name: that is where the missing `message` would go.
                let display =
                    quote_spanned!(variant.ident.span()=> #private::display_message(self));
                quote!(#pattern => #display,)
            }
        }
    }

    /// The arm of a variant with an `#[api(details)]` field, borrowing it.
    fn details_arm(&self, variant: &Variant) -> Option<TokenStream> {
        let private = &self.private;
        let field = variant.details_field()?;
        let binding = field.binding();
        let pattern = variant.pattern([(field, &binding)]);
        // On the field's type, so a missing ToDetails impl is reported there.
        let ty = field.ty;
        let call =
            quote_spanned!(spanned(ty)=> <#ty as #private::ToDetails>::details_ref(#binding));
        Some(quote!(#pattern => #call,))
    }

    /// The body written out now, when the message is fixed and there are no details.
    fn static_json_arm(&self, variant: &Variant) -> Option<TokenStream> {
        let private = &self.private;
        match variant.message(self.input.status(variant).unwrap_or(500)) {
            Message::Static(text) if variant.details_field().is_none() => {
                let body = json::static_body(&text, &variant.error_code());
                Some(own_arm(variant, quote!(#private::Some(#body))))
            }
            _ => None,
        }
    }

    /// The envelope, its `error` borrowed when static, so a static variant allocates nothing;
    /// a transparent variant returns the inner envelope.
    fn envelope_body(&self) -> TokenStream {
        let private = &self.private;
        let forward = |inner: Forward<'_>| inner.call(quote!(#private::ApiError::envelope));
        if self.input.variants.iter().all(Variant::is_transparent) {
            // Every arm returns (or there is none): nothing may follow the match.
            return self.per_variant(forward, |_| TokenStream::new());
        }
        let error = self.per_variant_or(
            |inner| {
                let envelope = forward(inner);
                quote!(return #envelope)
            },
            |variant| match variant.message(self.input.status(variant).unwrap_or(500)) {
                Message::Static(text) => Some(own_arm(variant, quote!(#private::Cow::Borrowed(#text)))),
                Message::Template(_) | Message::Display => None,
            },
            &quote!(#private::Cow::Owned(#private::Cow::into_owned(#private::ApiError::message(self)))),
        );
        quote! {
            let __error: #private::Cow<'static, str> = #error;
            #private::ErrorEnvelope::new(
                __error,
                #private::Cow::Borrowed(#private::ApiError::error_code(self)),
            )
            .with_details(#private::ApiError::details(self))
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
                .filter(|field| mentions_generic_param(field.ty, generics))
            {
                let ty = field.ty;
                bounds.push((quote!(#ty), quote!(#private::ToDetails)));
            }
            match variant.message(self.input.status(variant).unwrap_or(500)) {
                Message::Template(template) => {
                    for used in &template.uses {
                        let ty = variant.fields[used.index].ty;
                        if !mentions_generic_param(ty, generics) {
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
            .filter(|field| mentions_generic_param(field.ty, generics))
            .map(|field| {
                let ty = field.ty;
                (quote!(#ty), trait_path.clone())
            })
            .collect()
    }
}
