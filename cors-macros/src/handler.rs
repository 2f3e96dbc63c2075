//! The annotated item: an async fn whose arguments are extractors.

use crate::ctxt::Ctxt;
use proc_macro2::TokenStream;
use syn::{Attribute, FnArg, ItemFn, Signature, Type};

/// axum implements `Handler` for functions of up to 16 arguments.
const MAX_ARGS: usize = 16;

/// The handler's attributes, by where the expansion puts them.
#[derive(Default)]
pub struct SplitAttrs<'a> {
    pub docs: Vec<&'a Attribute>,
    /// On the struct only (`#[deprecated]`).
    pub on_struct: Vec<&'a Attribute>,
    /// On the struct and the expansion's block (and the function, which is in `on_function`).
    pub cfgs: Vec<&'a Attribute>,
    pub on_function: Vec<&'a Attribute>,
}

pub struct Handler {
    pub item: ItemFn,
    /// The extractor types, in order.
    pub arg_types: Vec<Type>,
}

impl Handler {
    /// The item, if it is an `async fn` of a shape axum can route; every rule it breaks is reported.
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
        let arg_types: Vec<Type> = sig
            .inputs
            .iter()
            .filter_map(|input| match input {
                FnArg::Typed(pat) => Some((*pat.ty).clone()),
                FnArg::Receiver(_) => None,
            })
            .collect();
        // Every rule runs (no short-circuit), so that one build reports every mistake.
        let ok = [
            check_async(cx, sig),
            check_not_const(cx, sig),
            check_not_generic(cx, sig),
            check_not_variadic(cx, sig),
            check_no_receiver_nor_impl_trait(cx, sig),
            check_body_extractor_last(cx, &arg_types),
            check_at_most_16_extractors(cx, sig),
            check_attrs_under(cx, &item.attrs),
        ]
        .iter()
        .all(|ok| *ok);
        ok.then_some(Handler { item, arg_types })
    }

    /// Where the function's attributes go: doc comments and `#[deprecated]` to the struct that replaces the
    /// function (what users name and route), `#[cfg]` to the struct and the expansion's block as well (so that a
    /// configured-out handler leaves nothing behind), every other attribute to the function as written.
    pub fn split_attrs(&self) -> SplitAttrs<'_> {
        let mut split = SplitAttrs::default();
        for attr in &self.item.attrs {
            let path = attr.path();
            if path.is_ident("doc") {
                split.docs.push(attr);
            } else if path.is_ident("deprecated") {
                split.on_struct.push(attr);
            } else {
                if path.is_ident("cfg") {
                    split.cfgs.push(attr);
                }
                split.on_function.push(attr);
            }
        }
        split
    }
}

fn check_async(cx: &Ctxt, sig: &Signature) -> bool {
    if sig.asyncness.is_none() {
        cx.error(&sig.fn_token, "#[cors] handlers must be `async fn`: write `async fn` (axum handlers are async functions)");
    }
    sig.asyncness.is_some()
}

fn check_not_const(cx: &Ctxt, sig: &Signature) -> bool {
    if let Some(c) = &sig.constness {
        cx.error(c, "#[cors] handlers cannot be `const fn`: remove `const`");
    }
    sig.constness.is_none()
}

/// A route needs one handler type, so the handler names its types.
fn check_not_generic(cx: &Ctxt, sig: &Signature) -> bool {
    let generic = !sig.generics.params.is_empty() || sig.generics.where_clause.is_some();
    if generic {
        cx.error(
            &sig.generics,
            "#[cors] handlers cannot be generic: write the concrete types (e.g. `State<AppState>`), since a route needs one handler type",
        );
    }
    !generic
}

fn check_not_variadic(cx: &Ctxt, sig: &Signature) -> bool {
    if let Some(v) = &sig.variadic {
        cx.error(v, "#[cors] handlers cannot be variadic");
    }
    sig.variadic.is_none()
}

/// Each argument is an extractor, named by its type: no `self`, no `impl Trait`.
fn check_no_receiver_nor_impl_trait(cx: &Ctxt, sig: &Signature) -> bool {
    let mut ok = true;
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
            }
        }
    }
    ok
}

/// Only the last argument may read the request body.
fn check_body_extractor_last(cx: &Ctxt, arg_types: &[Type]) -> bool {
    let Some((_, init)) = arg_types.split_last() else {
        return true;
    };
    let mut ok = true;
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
    ok
}

fn check_at_most_16_extractors(cx: &Ctxt, sig: &Signature) -> bool {
    if sig.inputs.len() > MAX_ARGS {
        cx.error(
            &sig.inputs,
            "axum handlers take at most 16 extractors: combine some into one struct",
        );
        return false;
    }
    true
}

/// Attributes written under `#[cors]` stay on the function, inside the expansion's block; one that adds an item
/// beside the function for other code to find (`#[utoipa::path]` adds `__path_NAME`) must be written above.
fn check_attrs_under(cx: &Ctxt, attrs: &[Attribute]) -> bool {
    let mut ok = true;
    for attr in attrs {
        let segments: Vec<String> = attr
            .path()
            .segments
            .iter()
            .map(|s| s.ident.to_string())
            .collect();
        if segments == ["utoipa", "path"] {
            cx.error(
                attr.path(),
                "write `#[utoipa::path(...)]` above `#[cors]`: under it, the `__path_*` item it generates would stay \
                 inside the expansion of `#[cors]`, where `#[derive(OpenApi)]` cannot find it",
            );
            ok = false;
        }
    }
    ok
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
