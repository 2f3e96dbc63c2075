//! The `#[cors(...)]` attribute. Use it through `cors-runtime`, which re-exports it and holds everything
//! the generated code needs; see that crate for documentation.
//!
//! The macro is a pipeline: `attr.rs` parses the arguments keeping every token's span, `handler.rs` checks the
//! function, `validate/` applies the shared rules of `cors-rules` (one function per rule) and collects every
//! error, and `expand.rs` turns the checked policy (`model.rs`) into code, with `doc.rs` writing the policy into
//! the handler's rustdoc. `named.rs` carries `cors_policy!` declarations to their uses; `routes.rs` is utoipa's
//! `routes!` for annotated handlers.
#![forbid(unsafe_code)]

mod attr;
mod ctxt;
mod doc;
mod expand;
mod handler;
mod model;
mod named;
mod routes;
mod symbol;
mod validate;

use proc_macro::TokenStream;

// Documented (with examples) on its re-export, `cors_runtime::cors`, where users find it.
#[proc_macro_attribute]
pub fn cors(args: TokenStream, item: TokenStream) -> TokenStream {
    let args = syn::parse_macro_input!(args with attr::Args::parse);
    let cx = ctxt::Ctxt::new();
    let item = proc_macro2::TokenStream::from(item);
    if let (None, Some(policy)) = (&args.named, args.get(symbol::POLICY)) {
        // First pass: hand the item to the named policy's macro, which calls `#[cors]` again with its keys.
        return match named::apply(&cx, &args, policy, &item) {
            Some(tokens) => tokens.into(),
            None => with_errors(cx, item),
        };
    }
    let handler = handler::Handler::parse(&cx, item.clone());
    let policy = validate::policy(&cx, &args);
    match (cx.finish(), handler) {
        (Ok(()), Some(handler)) => expand::expand(&handler, &policy).into(),
        (Err(errors), _) => quote_errors(errors, item),
        (Ok(()), None) => unreachable!("a stage that returned nothing always reports an error"),
    }
}

// Documented (with examples) on its re-export, `cors_runtime::cors_policy`, where users find it.
#[proc_macro]
pub fn cors_policy(input: TokenStream) -> TokenStream {
    let declarations = syn::parse_macro_input!(input as named::Declarations);
    declarations
        .0
        .iter()
        .map(named::declare)
        .collect::<proc_macro2::TokenStream>()
        .into()
}

// Documented (with examples) on its re-export, `cors_runtime::openapi::routes`, behind the `utoipa` feature.
#[proc_macro]
pub fn routes(input: TokenStream) -> TokenStream {
    let handlers = syn::parse_macro_input!(input as routes::Handlers);
    routes::expand(&handlers).into()
}

fn with_errors(cx: ctxt::Ctxt, item: proc_macro2::TokenStream) -> TokenStream {
    match cx.finish() {
        Err(errors) => quote_errors(errors, item),
        Ok(()) => item.into(),
    }
}

/// The errors, and the item as written, so that its body is still checked and no follow-up error hides them.
fn quote_errors(errors: syn::Error, item: proc_macro2::TokenStream) -> TokenStream {
    let errors = errors.to_compile_error();
    quote::quote!(#errors #item).into()
}
