//! The annotated item: an async fn whose arguments are extractors.

use crate::ctxt::Ctxt;
use proc_macro2::TokenStream;
use syn::{Attribute, FnArg, ItemFn, Type};

/// axum implements `Handler` for functions of up to 16 arguments.
const MAX_ARGS: usize = 16;

pub struct Handler {
    pub item: ItemFn,
    /// The extractor types, in order.
    pub arg_types: Vec<Type>,
}

impl Handler {
    pub fn parse(cx: &Ctxt, tokens: TokenStream) -> Option<Handler> {
        let item: ItemFn = match syn::parse2(tokens) {
            Ok(item) => item,
            Err(e) => {
                cx.error(
                    e.span(),
                    "#[cors] goes on an `async fn` axum handler; it cannot be put on this item",
                );
                return None;
            }
        };
        let sig = &item.sig;
        let mut ok = true;
        if sig.asyncness.is_none() {
            cx.error(&sig.fn_token, "#[cors] handlers must be `async fn`: write `async fn` (axum handlers are async functions)");
            ok = false;
        }
        if let Some(c) = &sig.constness {
            cx.error(c, "#[cors] handlers cannot be `const fn`: remove `const`");
            ok = false;
        }
        if !sig.generics.params.is_empty() || sig.generics.where_clause.is_some() {
            cx.error(
                &sig.generics,
                "#[cors] handlers cannot be generic: write the concrete types (e.g. `State<AppState>`), since a route needs one handler type",
            );
            ok = false;
        }
        if let Some(v) = &sig.variadic {
            cx.error(v, "#[cors] handlers cannot be variadic");
            ok = false;
        }
        let mut arg_types = Vec::new();
        for input in &sig.inputs {
            match input {
                FnArg::Receiver(r) => {
                    cx.error(
                        r,
                        "#[cors] handlers cannot take `self`: make it a free `async fn` (axum handlers are not methods), passing what you need through `State`",
                    );
                    ok = false;
                }
                FnArg::Typed(pat) => {
                    if let Type::ImplTrait(t) = &*pat.ty {
                        cx.error(t, "#[cors] handlers cannot take `impl Trait` arguments: name the extractor type");
                        ok = false;
                    }
                    arg_types.push((*pat.ty).clone());
                }
            }
        }
        if let Some((_, init)) = arg_types.split_last() {
            for ty in init {
                if let Some(body) = body_extractor(ty) {
                    cx.error(
                        ty,
                        format!(
                            "`{body}` reads the request body, so it must be the last argument of the handler: move it last \
                             (a handler has at most one argument that reads the body)"
                        ),
                    );
                    ok = false;
                }
            }
        }
        if arg_types.len() > MAX_ARGS {
            cx.error(
                &sig.inputs,
                "axum handlers take at most 16 extractors: combine some into one struct",
            );
            ok = false;
        }
        ok.then_some(Handler { item, arg_types })
    }

    /// Doc comments document the struct that replaces the function; other attributes stay on the function.
    pub fn split_attrs(&self) -> (Vec<&Attribute>, Vec<&Attribute>) {
        self.item
            .attrs
            .iter()
            .partition(|a| a.path().is_ident("doc"))
    }
}

/// axum's extractors that read the request body (they implement `FromRequest`, never `FromRequestParts`), by the
/// last segment of their path: only the last argument of a handler may be one.
const BODY_EXTRACTORS: [&str; 9] = [
    "Json",
    "Form",
    "Bytes",
    "String",
    "Request",
    "Multipart",
    "RawForm",
    "Body",
    "Protobuf",
];

/// The name of a body extractor, if `ty` is one (`Json<T>`, `axum::Json<T>`, `String`, …).
fn body_extractor(ty: &Type) -> Option<String> {
    let Type::Path(path) = ty else { return None };
    let last = path.path.segments.last()?;
    BODY_EXTRACTORS
        .contains(&last.ident.to_string().as_str())
        .then(|| match &last.arguments {
            syn::PathArguments::None => last.ident.to_string(),
            _ => format!("{}<_>", last.ident),
        })
}
