//! `impl ApiError` for the user's type.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::Ident;

use super::arms::{Forward, own_arm, pattern};
use super::generator::{Gen, spanned};
use crate::contract::{Message, Own, Resolved};
use crate::fmt::{Pieces, Template};
use crate::json;
use crate::template::{Comma, tokens};

impl Gen<'_, '_> {
    pub(super) fn api_error_impl(&self) -> TokenStream {
        let private = &self.private;
        let code_type = self.code_type();
        let code_enum = &self.contract.code_enum;

        let code = self.per_variant(
            &|inner| {
                let name = inner.variant;
                let code = inner.call(quote!(#private::ApiError::code));
                quote!(#code_enum::#name(#code))
            },
            &|own| {
                let name = own.variant.ident;
                own_arm(own, quote!(#code_enum::#name))
            },
        );
        // Own variants answer through the code enum, whose matches exist anyway (less code to
        // compile); transparent ones ask the inner value, which may differ from its code.
        let status = self.forward_or_code(
            &|inner| inner.call(quote!(#private::ApiError::status)),
            &tokens!("$private::ErrorCode::status", private),
        );
        let error_code = self.forward_or_code(
            &|inner| inner.call(quote!(#private::ApiError::error_code)),
            &tokens!("$private::ErrorCode::as_str", private),
        );
        // An own variant's message is its code's fixed text, else what `write_message`
        // formats: the one arm per variant that formats is there.
        let message = self.forward_or(
            &|inner| inner.call(quote!(#private::ApiError::message)),
            &tokens!("$private::own_message(self)", private),
        );
        let write_message = self.write_message_body();
        let details_ref = self.per_variant_or(
            &|inner| inner.call(quote!(#private::ApiError::details_ref)),
            &|own| {
                let (pattern, details) = self.details_arm(own)?;
                Some(quote!(#pattern => #details,))
            },
            &tokens!(
                "$private::Cow::Borrowed($private::empty_details())",
                private
            ),
        );
        let own_index = self.own_index();
        let static_json = self.forward_or(
            &|inner| inner.call(quote!(#private::ApiError::static_json)),
            &tokens!(
                "$private::CodeTable::static_json(&__CODES, $own_index)",
                private,
                own_index
            ),
        );
        let envelope = self.envelope_body();
        let www_authenticate = self.www_authenticate_method();
        let log_level = self.log_level_method();
        let write_meta = self.write_meta_method();
        let problem_type = self.problem_type_method();

        self.impl_on_type(
            "ApiError",
            &self.api_error_bounds(),
            &tokens!(
                "type Code = $code_type;

                fn code(&self) -> Self::Code {
                    $code
                }

                fn status(&self) -> $private::Status {
                    $status
                }

                fn error_code(&self) -> &'static str {
                    $error_code
                }

                fn message(&self) -> $private::Cow<'_, str> {
                    $message
                }

                fn write_message(&self, __out: &mut dyn $private::fmt::Write) -> $private::fmt::Result {
                    $write_message
                }

                fn details(&self) -> $private::Details {
                    $private::Cow::into_owned($private::ApiError::details_ref(self))
                }

                fn details_ref(&self) -> $private::Cow<'_, $private::Details> {
                    $details_ref
                }

                fn static_json(&self) -> $private::Option<&'static str> {
                    $static_json
                }

                fn envelope(&self) -> $private::ErrorEnvelope {
                    $envelope
                }

                $www_authenticate

                $log_level

                $write_meta

                $problem_type",
                private,
                code_type,
                code,
                status,
                error_code,
                message,
                write_message,
                details_ref,
                static_json,
                envelope,
                www_authenticate,
                log_level,
                write_meta,
                problem_type,
            ),
        )
    }

    /// Whether some variant writes `meta`: an own variant with meta fields, or a transparent
    /// one, whose inner error may.
    pub(super) fn has_meta(&self) -> bool {
        self.overrides(&|own| !own.meta.is_empty())
    }

    /// `fn write_meta`, giving each meta field to the writer, when some variant has any.
    /// Nothing otherwise: the default writes nothing.
    fn write_meta_method(&self) -> TokenStream {
        let private = &self.private;
        if !self.has_meta() {
            return TokenStream::new();
        }
        let body = self.per_variant_or(
            &|inner| inner.call_with(quote!(#private::ApiError::write_meta), quote!(__meta)),
            &|own| {
                if own.meta.is_empty() {
                    return None;
                }
                let pattern = pattern(own.variant, &mut own.meta.iter().map(|meta| meta.field));
                let fields = own.meta.iter().map(|meta| {
                    let (name, ty, binding) = (&meta.name, meta.field.ty, &meta.field.binding);
                    let json_key = json::object_key(name);
                    // On the field's type, so a type that is not `Serialize` is reported there.
                    quote_spanned! {spanned(ty)=>
                        #private::MetaWriter::field::<#ty>(__meta, #name, #json_key, #binding);
                    }
                });
                Some(quote!(#pattern => { #(#fields)* }))
            },
            &tokens!("{}"),
        );
        tokens!(
            "#[inline]
            fn write_meta(&self, __meta: &mut $private::MetaWriter<'_>) {
                $body
            }",
            private,
            body,
        )
    }

    /// `fn problem_type` when the enum names one (`problem_type = "…/{code}"`, written out
    /// per code now) or a transparent variant's inner error may; nothing otherwise.
    fn problem_type_method(&self) -> TokenStream {
        let private = &self.private;
        let template = self.contract.problem_type.map(syn::LitStr::value);
        if template.is_none() && !self.overrides(&|_| false) {
            return TokenStream::new();
        }
        let body = self.per_variant_or(
            &|inner| match &template {
                // The enum's URI holds for the codes it forwards too.
                Some(template) => {
                    let code = inner.call(quote!(#private::ApiError::error_code));
                    quote!(#private::problem_type(#template, #code))
                }
                None => inner.call(quote!(#private::ApiError::problem_type)),
            },
            &|own| {
                let uri = template.as_ref()?.replace("{code}", &own.code);
                Some(own_arm(own, quote!(#private::Cow::Borrowed(#uri))))
            },
            &tokens!("$private::Cow::Borrowed(\"about:blank\")", private),
        );
        tokens!(
            "fn problem_type(&self) -> $private::Cow<'static, str> {
                $body
            }",
            private,
            body,
        )
    }

    /// `fn www_authenticate` when the runtime's default (computed from the status and the
    /// code) is not the answer: a variant with a `www_authenticate` of its own or of the
    /// enum's, or a transparent variant, whose inner error may have one. Nothing otherwise.
    fn www_authenticate_method(&self) -> TokenStream {
        let private = &self.private;
        if !self.overrides(&|own| own.challenge.is_some()) {
            return TokenStream::new();
        }
        let body = self.per_variant_or(
            &|inner| inner.call(quote!(#private::ApiError::www_authenticate)),
            &|own| {
                let challenge = own.challenge?;
                // Written as a plain string literal, however the user wrote it.
                let challenge = syn::LitStr::new(&challenge.value(), challenge.span());
                Some(own_arm(own, quote!(#private::Some(#challenge))))
            },
            &tokens!(
                "$private::default_challenge(
                    $private::ApiError::status(self),
                    $private::ApiError::error_code(self),
                )",
                private,
            ),
        );
        tokens!(
            "fn www_authenticate(&self) -> $private::Option<&'static str> {
                $body
            }",
            private,
            body,
        )
    }

    /// Whether a provided method must be overridden: some own variant sets what `sets` looks
    /// for, or a transparent variant's inner error may.
    fn overrides(&self, sets: &dyn Fn(&Own<'_>) -> bool) -> bool {
        self.contract
            .variants
            .iter()
            .any(|resolved| match resolved {
                Resolved::Own(own) => sets(own),
                Resolved::Transparent(_) => true,
            })
    }

    /// `fn log_level` when the runtime's default (by status) is not the answer: a variant
    /// with a `log` of its own or of the enum's, or a transparent variant, whose inner error
    /// may have one. Nothing otherwise.
    fn log_level_method(&self) -> TokenStream {
        let private = &self.private;
        if !self.overrides(&|own| own.log.is_some()) {
            return TokenStream::new();
        }
        let body = self.per_variant_or(
            &|inner| inner.call(quote!(#private::ApiError::log_level)),
            &|own| {
                let level = own.log?;
                Some(own_arm(own, quote!(#private::LogLevel::#level)))
            },
            &tokens!(
                "$private::LogLevel::for_status($private::ApiError::status(self))",
                private,
            ),
        );
        tokens!(
            "fn log_level(&self) -> $private::LogLevel {
                $body
            }",
            private,
            body,
        )
    }

    /// `<T as ApiError>::Code`: the code enum, with the inner code type of each generic
    /// transparent field as its type arguments.
    fn code_type(&self) -> TokenStream {
        let private = &self.private;
        let code_enum = &self.contract.code_enum;
        if self.code_params.is_empty() {
            return tokens!("$code_enum", code_enum);
        }
        let mut arguments = Comma::default();
        for param in &self.code_params {
            let ty = param.ty;
            arguments.push(&quote!(<#ty as #private::ApiError>::Code));
        }
        tokens!("$code_enum<$arguments>", code_enum, arguments)
    }

    /// The body of `write_message`. When some template has plain placeholders only, its
    /// variant's arm gives the values, and one call writes them between the template's texts,
    /// which the table of codes holds; every other arm returns what it wrote:
    ///
    /// ```text
    /// let __values: &[&dyn Display] = match self {
    ///     Self::InvoiceNotFound { 0: __field_0, .. } => &[__field_0],
    ///     Self::Other { .. } => return write_display(__out, self),
    ///     _ => return write_static_message(__out, self),
    /// };
    /// CodeTable::write_parts(&__CODES, index, __out, __values)
    /// ```
    ///
    /// A list of values per variant costs rustc far less to check than a call per variant.
    fn write_message_body(&self) -> TokenStream {
        let private = &self.private;
        let plain = self.own_variants().any(
            |own| matches!(&own.message, Message::Template(template) if template.pieces.is_some()),
        );
        let ret = plain.then(|| tokens!("return"));
        let forward = tokens!("$private::ApiError::write_message", private);
        let matched = self.per_variant_or(
            &|inner| {
                let call = inner.call_with(&forward, quote!(__out));
                quote!(#ret #call)
            },
            &|own| self.write_message_arm(own, ret.as_ref()),
            &tokens!(
                "$ret $private::write_static_message(__out, self)",
                ret,
                private
            ),
        );
        if !plain {
            return matched;
        }
        let own_index = self.own_index();
        tokens!(
            "let __values: &[&dyn $private::fmt::Display] = $matched;
            $private::CodeTable::write_parts(&__CODES, $own_index, __out, __values)",
            private,
            matched,
            own_index,
        )
    }

    /// The arm of `write_message` of a variant whose message is formatted: its values (a
    /// template of plain placeholders), or `ret` and what writes its template or its
    /// `Display`. None for a fixed message, which the code's table holds.
    fn write_message_arm(&self, own: &Own, ret: Option<&TokenStream>) -> Option<TokenStream> {
        let private = &self.private;
        match &own.message {
            Message::Static(_) => None,
            Message::Template(template) => Some(match &template.pieces {
                Some(pieces) => pieces_arm(own, template, pieces),
                None => format_arm(own, template, ret, private),
            }),
            Message::Display => {
                // On the variant's name: that is where the missing `message` would go.
                let display = quote_spanned!(own.variant.ident.span()=>
                    #ret #private::write_display(__out, self)
                );
                Some(own_arm(own, display))
            }
        }
    }

    /// The pattern of a variant with an `#[api(details)]` field and the field, borrowed.
    fn details_arm(&self, own: &Own) -> Option<(TokenStream, TokenStream)> {
        let private = &self.private;
        let field = own.details?;
        let pattern = pattern(own.variant, &mut [field].into_iter());
        // On the field's type, so a missing ToDetails impl is reported there.
        let (ty, binding) = (field.ty, &field.binding);
        let call =
            quote_spanned!(spanned(ty)=> <#ty as #private::ToDetails>::details_ref(#binding));
        Some((pattern, call))
    }

    /// The envelope, its `error` borrowed when static, so a static variant allocates nothing;
    /// a transparent variant returns the inner envelope.
    fn envelope_body(&self) -> TokenStream {
        let private = &self.private;
        let forward = |inner: Forward<'_>| inner.call(quote!(#private::ApiError::envelope));
        if self.own_variants().next().is_none() {
            // Every arm returns (or there is none): nothing may follow the match.
            return self.per_variant(&forward, &|_| TokenStream::new());
        }
        let error = self.forward_or(
            &|inner| {
                let envelope = forward(inner);
                quote!(return #envelope)
            },
            &tokens!("$private::own_message(self)", private),
        );
        let meta = self
            .has_meta()
            .then(|| tokens!(".with_meta($private::ApiError::meta(self))", private));
        tokens!(
            "let __error: $private::Cow<'static, str> = $error;
            $private::ErrorEnvelope::new(
                __error,
                $private::Cow::Borrowed($private::ApiError::error_code(self)),
            )
            .with_details($private::ApiError::details(self))
            $meta",
            private,
            error,
            meta,
        )
    }
}

/// The arm of a variant whose template's placeholders are plain: the value of each, in order
/// (the texts are in the table). Each value is located on the template (and resolved as the
/// binding is), so a field that is not `Display` is reported on the message, as `format_args!`
/// reports it.
fn pieces_arm(own: &Own, template: &Template, pieces: &Pieces) -> TokenStream {
    let pattern = template_pattern(own, template);
    let mut values = Comma::default();
    for &index in &pieces.fields {
        let mut binding = own.variant.fields[index].binding.clone();
        binding.set_span(binding.span().located_at(template.original.span()));
        values.push(&binding);
    }
    quote!(#pattern => &[#values],)
}

/// The arm of a variant whose template has a spec (`{0:?}`, `{0:>8}`): `ret` and the template
/// written by `format_args!`, each field it uses by name.
fn format_arm(
    own: &Own,
    template: &Template,
    ret: Option<&TokenStream>,
    private: &Ident,
) -> TokenStream {
    let pattern = template_pattern(own, template);
    let mut arguments = TokenStream::new();
    for used in &template.uses {
        let binding = &own.variant.fields[used.index].binding;
        arguments.extend(quote!(, #binding = #binding));
    }
    let format = syn::LitStr::new(&template.format, template.original.span());
    quote! {
        #pattern => #ret #private::fmt::Write::write_fmt(__out, #private::format_args!(#format #arguments)),
    }
}

/// The pattern of `own` binding the fields its template uses.
fn template_pattern(own: &Own, template: &Template) -> TokenStream {
    let mut used = template
        .uses
        .iter()
        .map(|used| &own.variant.fields[used.index]);
    pattern(own.variant, &mut used)
}
