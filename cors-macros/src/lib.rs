//! The `#[cors(...)]` attribute. Use it through `cors-runtime`, which re-exports it and holds everything
//! the generated code needs; see that crate for documentation.
//!
//! The macro is a pipeline: [`attr`] parses the arguments keeping every token's span, [`handler`] checks the
//! function, [`validate`] applies the shared rules of `cors-rules` and collects every error, and [`expand`]
//! turns the checked [`model::Policy`] into code.
#![forbid(unsafe_code)]

mod attr;
mod ctxt;
mod expand;
mod handler;
mod model;
mod validate;

use proc_macro::TokenStream;

/// Puts a CORS policy on an async axum handler. See `cors_runtime` for the keys and their meaning.
#[proc_macro_attribute]
pub fn cors(args: TokenStream, item: TokenStream) -> TokenStream {
    let args = syn::parse_macro_input!(args with attr::Args::parse);
    let cx = ctxt::Ctxt::new();
    let item = proc_macro2::TokenStream::from(item);
    let handler = handler::Handler::parse(&cx, item.clone());
    let policy = validate::policy(&cx, &args);
    match (cx.finish(), handler) {
        (Ok(()), Some(handler)) => expand::expand(&handler, &policy).into(),
        // The item stays as written, so that its body is still checked and no follow-up error hides these.
        (Err(errors), _) => {
            let errors = errors.to_compile_error();
            quote::quote!(#errors #item).into()
        }
        (Ok(()), None) => unreachable!("a stage that returned nothing always reports an error"),
    }
}
