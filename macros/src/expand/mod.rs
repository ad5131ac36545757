//! Code generation. Only ever sees input that passed `valid::check`.

mod api_error;
mod catalog;
mod code_enum;
mod integrations;

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::{DeriveInput, Ident, Type};

use crate::ast::{Input, Variant};
use crate::ctxt::Ctxt;
use crate::generics::mentions_generic_param;
use crate::status;
use crate::{fallback, valid};

pub(crate) fn derive(node: &DeriveInput) -> TokenStream {
    match try_expand(node) {
        Ok(expanded) => expanded,
        Err(errors) => fallback::expand(node, errors),
    }
}

fn try_expand(node: &DeriveInput) -> syn::Result<TokenStream> {
    let cx = Ctxt::new();
    let input = Input::from_syn(&cx, node); // parse: ast.rs + attr.rs + fmt.rs
    if let Some(input) = &input {
        valid::check(&cx, input);
    }
    cx.check()?; // every user error, at once
    let input = input.expect("Input::from_syn reports to cx when it returns None");
    Ok(Gen::new(&input).expand())
}

/// What every part of the expansion shares.
struct Gen<'i, 'a> {
    input: &'i Input<'a>,
    /// `::error_contract::__private`, or `<crate = path>::__private`.
    private: TokenStream,
    code_enum: Ident,
    /// Transparent fields whose type mentions a type parameter: each gives the code enum a
    /// type parameter `C0`, `C1`, … instead of a concrete inner code type.
    code_params: Vec<CodeParam<'a>>,
}

struct CodeParam<'a> {
    variant: &'a Ident,
    param: Ident,
    ty: &'a Type,
}

impl<'i, 'a> Gen<'i, 'a> {
    fn new(input: &'i Input<'a>) -> Self {
        let krate = input.krate();
        let generics = &input.original.generics;
        let code_params = input
            .variants
            .iter()
            .filter_map(|variant| Some((variant.ident, variant.transparent_field()?)))
            .filter(|(_, field)| mentions_generic_param(field.ty, generics))
            .enumerate()
            .map(|(index, (variant, field))| CodeParam {
                variant,
                param: format_ident!("C{}", index),
                ty: field.ty,
            })
            .collect();
        Gen {
            input,
            private: quote!(#krate::__private),
            code_enum: input.code_enum(),
            code_params,
        }
    }

    fn expand(&self) -> TokenStream {
        let code_enum = self.code_enum_item();
        let api_error = self.api_error_impl();
        let retryable = self.retryable_impl();
        let catalog = self.catalog_impl();
        let code_impls = self.code_enum_impls();
        let hooks = self.integration_hooks();
        quote! {
            #code_enum

            #[doc(hidden)]
            const _: () = {
                #api_error
                #retryable
                #catalog
                #code_impls
                #hooks
            };
        }
    }

    /// `match self` with an arm per variant: a transparent variant forwards to its field
    /// (`forward` builds the body), any other gets the whole arm from `own`.
    fn per_variant(
        &self,
        forward: impl Fn(Forward<'_>) -> TokenStream,
        own: impl Fn(&Variant) -> TokenStream,
    ) -> TokenStream {
        match_self(
            self.input
                .variants
                .iter()
                .map(|variant| forward_arm(variant, &forward).unwrap_or_else(|| own(variant))),
        )
    }

    /// `match self` like [`per_variant`](Self::per_variant), but the variants `own` has no
    /// arm for (it returns `None`) share one `_ => fallback` arm: less code to compile.
    fn per_variant_or(
        &self,
        forward: impl Fn(Forward<'_>) -> TokenStream,
        own: impl Fn(&Variant) -> Option<TokenStream>,
        fallback: &TokenStream,
    ) -> TokenStream {
        let mut arms = Vec::new();
        let mut rest = false;
        for variant in &self.input.variants {
            match forward_arm(variant, &forward).or_else(|| own(variant)) {
                Some(arm) => arms.push(arm),
                None => rest = true,
            }
        }
        if rest {
            arms.push(quote!(_ => #fallback,));
        }
        match_self(arms)
    }

    /// `match self` forwarding transparent variants to their field, and answering every
    /// other variant with `on_code(ApiError::code(self))` in one arm.
    fn forward_or_code(
        &self,
        forward: impl Fn(Forward<'_>) -> TokenStream,
        on_code: &TokenStream,
    ) -> TokenStream {
        let private = &self.private;
        let mut arms: Vec<TokenStream> = self
            .input
            .variants
            .iter()
            .filter_map(|variant| forward_arm(variant, &forward))
            .collect();
        if self
            .input
            .variants
            .iter()
            .any(|variant| !variant.is_transparent())
        {
            arms.push(quote!(_ => #on_code(#private::ApiError::code(self)),));
        }
        match_self(arms)
    }

    /// A variant's status as a `StatusCode` expression (valid input always has one).
    fn status_expr(&self, variant: &Variant) -> TokenStream {
        let private = &self.private;
        let number = self.input.status(variant).unwrap_or(500);
        match status::constant_name(number) {
            Some(name) => {
                let name = Ident::new(name, Span::call_site());
                quote!(#private::Status::#name)
            }
            None => quote!(#private::status(#number)),
        }
    }

    /// A variant's retry class as a `RetryClass` expression.
    fn retry_class_expr(&self, variant: &Variant) -> TokenStream {
        let private = &self.private;
        match variant.attrs.retry.value() {
            Some(retry) => {
                let class = &retry.class;
                quote!(#private::RetryClass::#class)
            }
            None => {
                let number = self.input.status(variant).unwrap_or(500);
                quote!(#private::RetryClass::for_status(#number))
            }
        }
    }

    /// The code type a transparent variant wraps: `C0` for a generic field, else
    /// `<Inner as ApiError>::Code`.
    fn inner_code_type(&self, variant: &Variant, ty: &Type) -> TokenStream {
        if let Some(param) = self
            .code_params
            .iter()
            .find(|param| param.variant == variant.ident)
        {
            let param = &param.param;
            return quote!(#param);
        }
        let private = &self.private;
        quote_spanned!(spanned(ty)=> <#ty as #private::ApiError>::Code)
    }
}

/// A transparent variant's field, bound in its arm, for forwarding a call to it.
struct Forward<'v> {
    variant: &'v Ident,
    binding: &'v Ident,
}

impl Forward<'_> {
    /// `function(binding)`, such as `ApiError::status(__field_0)`.
    fn call(&self, function: impl quote::ToTokens) -> TokenStream {
        let binding = self.binding;
        quote!(#function(#binding))
    }
}

/// A transparent variant's arm, its field bound and `forward` building the body; `None`
/// for any other variant.
fn forward_arm(
    variant: &Variant,
    forward: impl Fn(Forward<'_>) -> TokenStream,
) -> Option<TokenStream> {
    let inner = variant.transparent_field()?;
    let binding = inner.binding();
    let pattern = variant.pattern([(inner, &binding)]);
    let body = forward(Forward {
        variant: variant.ident,
        binding: &binding,
    });
    Some(quote!(#pattern => #body,))
}

/// `Self::Variant { .. } => body,`: an arm that binds no field.
fn own_arm(variant: &Variant, body: impl quote::ToTokens) -> TokenStream {
    let pattern = variant.pattern([]);
    quote!(#pattern => #body,)
}

/// `match self { arms }`; for an enum with no variants, `match *self {}`.
fn match_self(arms: impl IntoIterator<Item = TokenStream>) -> TokenStream {
    let arms: Vec<TokenStream> = arms.into_iter().collect();
    if arms.is_empty() {
        quote!(match *self {})
    } else {
        quote!(match self { #(#arms)* })
    }
}

/// The span of a user's token, so rustc's own errors land on what the user wrote.
fn spanned(tokens: &impl quote::ToTokens) -> Span {
    syn::spanned::Spanned::span(tokens)
}
