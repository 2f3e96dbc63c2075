//! `routes!(list_todos, create_todo)`: handlers documented with `#[utoipa::path]`, for
//! `cors_runtime::openapi::OpenApiRouter::routes` (cargo feature `utoipa` of `cors-runtime`).
//!
//! utoipa-axum's `routes!` is a `macro_rules!` that pastes `__path_` before each handler's name; a proc macro
//! writes that name itself. Each handler becomes one call of `OpenApiMethodRouter::add`, which reads the path and
//! methods from the type `#[utoipa::path]` generated beside the handler.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{Path, PathArguments, Token};

pub struct Handlers(Punctuated<Path, Token![,]>);

impl Parse for Handlers {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let handlers = Punctuated::parse_terminated(input)?;
        if handlers.is_empty() {
            return Err(input.error(
                "`routes!` takes the handlers of one path, each with `#[utoipa::path]`: `routes!(list_todos, create_todo)`",
            ));
        }
        Ok(Handlers(handlers))
    }
}

pub fn expand(handlers: &Handlers) -> TokenStream {
    let adds = handlers.0.iter().map(|handler| {
        let mut documented = handler.clone();
        let last = documented
            .segments
            .last_mut()
            .expect("a path has a segment");
        let name = last.ident.to_string();
        last.ident = format_ident!("__path_{}", last.ident);
        last.arguments = PathArguments::None;
        quote!(.add::<#documented, _, _>(#handler, #name))
    });
    quote!(::cors_runtime::openapi::OpenApiMethodRouter::default() #(#adds)*)
}
