//! Code generation. Reads only a [`Contract`](crate::contract::Contract): input that passed
//! `valid::check`, every default applied.

mod api_error;
mod arms;
mod bounds;
mod catalog;
mod code_enum;
mod from_envelope;
mod generator;
mod integrations;
mod retryable;
mod table;

use proc_macro2::TokenStream;
use syn::DeriveInput;

use self::generator::Gen;
use crate::ast::Input;
use crate::ctxt::Ctxt;
use crate::template::tokens;
use crate::{fallback, valid};

/// The derive: parse, validate, expand; on any user error, the errors and stub impls.
pub(crate) fn derive(node: &DeriveInput) -> TokenStream {
    let cx = Ctxt::new();
    let input = Input::from_syn(&cx, node); // parse: ast.rs + attr/ + fmt.rs
    let contract = input.as_ref().and_then(|input| valid::check(&cx, input));
    match (cx.check(), contract) {
        (Ok(()), Some(contract)) => expand(&Gen::new(&contract)),
        (Err(errors), _) => {
            // The crate path as far as it was read, so that with a renamed runtime the stubs
            // still resolve and the user's other errors stay visible.
            let krate = input
                .as_ref()
                .map_or_else(|| tokens!("::error_contract"), Input::krate);
            fallback::expand(node, &krate, errors)
        }
        (Ok(()), None) => {
            unreachable!("Input::from_syn and valid::check report to cx whenever they return None")
        }
    }
}

/// The code enum, and every impl inside one `const _` block that adds no names.
///
/// The block imports the runtime's `__private` once (`use ::error_contract::__private;`), and
/// every generated path starts there: a third of the tokens, were each path written out. Its
/// table of codes, `__CODES`, is what most methods read.
///
/// The block allows `deprecated` and `non_snake_case`: its matches name each variant (a
/// `#[deprecated]` one too) and bind each field to a local named after it. The user's own
/// declarations already carry those lints, and their `allow` does not reach here. (rustc
/// skips both in derive output whose tokens have the call site's span today; the `allow`
/// keeps it so when a token carries the user's span.)
fn expand(generator: &Gen) -> TokenStream {
    let code_enum = generator.code_enum_item();
    let api_error = generator.api_error_impl();
    let from_envelope = generator.envelope_reader_impl();
    let retryable = generator.retryable_impl();
    let catalog = generator.catalog_impl();
    let code_impls = generator.code_enum_impls();
    let hooks = generator.integration_hooks();
    let table = generator.code_table();
    let krate = &generator.contract.krate;
    tokens!(
        "$code_enum

        #[doc(hidden)]
        #[allow(deprecated, non_snake_case)]
        const _: () = {
            use $krate::__private;
            $table
            $api_error
            $from_envelope
            $retryable
            $catalog
            $code_impls
            $hooks
        };",
        code_enum,
        krate,
        table,
        api_error,
        from_envelope,
        retryable,
        catalog,
        code_impls,
        hooks,
    )
}
