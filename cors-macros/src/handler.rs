//! The annotated item: an async fn whose arguments are extractors. One function per rule it must follow, and
//! where each of its attributes and parameters goes in the expansion.

use crate::ctxt::Ctxt;
use proc_macro2::{Span, TokenStream};
use syn::spanned::Spanned;
use syn::{Attribute, Expr, FnArg, GenericParam, ItemFn, Pat, PatType, Signature, Type};

/// axum implements `Handler` for functions of up to 16 arguments.
const MAX_ARGS: usize = 16;

pub struct Handler {
    pub item: ItemFn,
    /// The arguments, in order.
    pub args: Vec<PatType>,
}

/// The handler's attributes, by where the expansion puts them.
#[derive(Default)]
pub struct SplitAttrs<'a> {
    /// On the function users name and route: `#[deprecated]`, `#[must_use]`, `#[cfg]`, lint levels (they reach
    /// the function as written, which is inside it).
    pub outer: Vec<&'a Attribute>,
    /// Doc comments, which the expansion places around the policy's summary.
    pub docs: Vec<&'a Attribute>,
    /// On the function as written: `#[axum::debug_handler]`, `#[tracing::instrument]`, `#[inline]`, and any
    /// other attribute, which sees the `async fn` as the user wrote it.
    pub inner: Vec<&'a Attribute>,
}

/// One parameter of the function users call: its pattern in the signature, and the expression that passes the
/// argument on to the function as written.
pub struct Param {
    pub pat: Pat,
    pub arg: Expr,
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
        let args: Vec<PatType> = sig
            .inputs
            .iter()
            .filter_map(|input| match input {
                FnArg::Typed(pat) => Some(pat.clone()),
                FnArg::Receiver(_) => None,
            })
            .collect();
        // Every rule runs (no short-circuit), so that one build reports every mistake.
        let ok = [
            check_async(cx, sig),
            check_not_const(cx, sig),
            check_no_lifetime_parameters(cx, sig),
            check_not_variadic(cx, sig),
            check_no_receiver_nor_impl_trait(cx, sig),
            check_arguments_can_be_extractors(cx, &args),
            check_body_extractor_last(cx, &args),
            check_at_most_16_extractors(cx, sig),
            check_no_attributes_on_arguments(cx, &args),
            check_attrs_under(cx, &item.attrs),
        ]
        .iter()
        .all(|ok| *ok);
        ok.then_some(Handler { item, args })
    }

    pub fn split_attrs(&self) -> SplitAttrs<'_> {
        let mut split = SplitAttrs::default();
        for attr in &self.item.attrs {
            if attr.path().is_ident("doc") {
                split.docs.push(attr);
            } else if on_outer_function(attr) {
                split.outer.push(attr);
            } else {
                split.inner.push(attr);
            }
        }
        split
    }

    /// The parameters of the function users call. A pattern that binds every part of its argument
    /// (`State(db)`, `Json(Item { id, name })`, `headers`) stays as written, so that rustdoc shows it, and the
    /// argument is rebuilt from its bindings; any other (`_`, `_unused`, `..`, `ref`, a binding named like the
    /// handler, which the function as written shadows in the body) becomes `__argN`. Either way the function as written
    /// receives its arguments whole, so they live as long as its future, as in any `async fn`.
    pub fn params(&self) -> Vec<Param> {
        let name = &self.item.sig.ident;
        self.args
            .iter()
            .enumerate()
            .map(|(i, arg)| {
                rebuild(&arg.pat, name).unwrap_or_else(|| {
                    let ident = syn::Ident::new(&format!("__arg{i}"), Span::call_site());
                    Param {
                        pat: syn::parse_quote!(#ident),
                        arg: syn::parse_quote!(#ident),
                    }
                })
            })
            .collect()
    }

    /// `::<T, N>` for a generic handler's call of the function as written.
    pub fn turbofish(&self) -> TokenStream {
        let params: Vec<&syn::Ident> = self
            .item
            .sig
            .generics
            .params
            .iter()
            .filter_map(|p| match p {
                GenericParam::Type(t) => Some(&t.ident),
                GenericParam::Const(c) => Some(&c.ident),
                GenericParam::Lifetime(_) => None,
            })
            .collect();
        if params.is_empty() {
            TokenStream::new()
        } else {
            quote::quote!(::<#(#params),*>)
        }
    }
}

/// Attributes of the function users name and route, rather than of the function as written.
fn on_outer_function(attr: &Attribute) -> bool {
    const OUTER: [&str; 8] = [
        "deprecated",
        "must_use",
        "cfg",
        "allow",
        "warn",
        "deny",
        "forbid",
        "expect",
    ];
    let path = attr.path();
    OUTER.iter().any(|o| path.is_ident(o))
}

/// The pattern with `mut` removed (the function users call only passes its bindings on), and the expression
/// that rebuilds the argument from them; `None` for a pattern that does not bind every part of its argument.
fn rebuild(pat: &Pat, handler: &syn::Ident) -> Option<Param> {
    let (pat, arg): (Pat, Expr) = match pat {
        // A binding named `_x` says it is not read: it is passed whole instead (`__argN`).
        Pat::Ident(p)
            if p.by_ref.is_none()
                && p.subpat.is_none()
                && p.ident != *handler
                && !p.ident.to_string().starts_with('_') =>
        {
            let ident = &p.ident;
            (syn::parse_quote!(#ident), syn::parse_quote!(#ident))
        }
        Pat::TupleStruct(p) if p.qself.is_none() => {
            let parts = p
                .elems
                .iter()
                .map(|e| rebuild(e, handler))
                .collect::<Option<Vec<_>>>()?;
            let path = &p.path;
            let pats = parts.iter().map(|part| &part.pat);
            let args = parts.iter().map(|part| &part.arg);
            (
                syn::parse_quote!(#path(#(#pats),*)),
                syn::parse_quote!(#path(#(#args),*)),
            )
        }
        Pat::Struct(p) if p.qself.is_none() && p.rest.is_none() => {
            let fields = p
                .fields
                .iter()
                .map(|f| Some((&f.member, rebuild(&f.pat, handler)?)))
                .collect::<Option<Vec<_>>>()?;
            let path = &p.path;
            // `name` for `name: name`, in the pattern and the expression alike (rustc and clippy ask for it).
            let shorthand = |m: &syn::Member, part: &Param| match (m, &part.pat) {
                (syn::Member::Named(field), Pat::Ident(p)) => p.ident == *field,
                _ => false,
            };
            let pats = fields.iter().map(|(m, part)| {
                let pat = &part.pat;
                if shorthand(m, part) {
                    quote::quote!(#pat)
                } else {
                    quote::quote!(#m: #pat)
                }
            });
            let args = fields.iter().map(|(m, part)| {
                let arg = &part.arg;
                if shorthand(m, part) {
                    quote::quote!(#arg)
                } else {
                    quote::quote!(#m: #arg)
                }
            });
            (
                syn::parse_quote!(#path { #(#pats),* }),
                syn::parse_quote!(#path { #(#args),* }),
            )
        }
        Pat::Tuple(p) => {
            let parts = p
                .elems
                .iter()
                .map(|e| rebuild(e, handler))
                .collect::<Option<Vec<_>>>()?;
            let pats = parts.iter().map(|part| &part.pat);
            let args = parts.iter().map(|part| &part.arg);
            let comma = (parts.len() == 1).then(|| quote::quote!(,));
            (
                syn::parse_quote!((#(#pats),* #comma)),
                syn::parse_quote!((#(#args),* #comma)),
            )
        }
        Pat::Paren(p) => return rebuild(&p.pat, handler),
        Pat::Path(p) if p.qself.is_none() => (Pat::Path(p.clone()), Expr::Path(p.clone())),
        _ => return None,
    };
    Some(Param { pat, arg })
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

/// A handler's arguments are owned values taken from the request: nothing for a lifetime to borrow from.
/// Type parameters are fine (`get(handler::<AppState>)`).
fn check_no_lifetime_parameters(cx: &Ctxt, sig: &Signature) -> bool {
    let mut ok = true;
    for lifetime in sig.generics.lifetimes() {
        cx.error(
            lifetime,
            "#[cors] handlers cannot have lifetime parameters: axum handlers take owned arguments and return an \
             owned (or `'static`) response; remove the lifetime",
        );
        ok = false;
    }
    ok
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

/// Types that are never extractors, whatever the router's state: primitives and references (axum implements
/// no extractor for them, and no other crate can). Any other mistake is reported where the handler is routed,
/// where the state is known.
fn check_arguments_can_be_extractors(cx: &Ctxt, args: &[PatType]) -> bool {
    let mut ok = true;
    for arg in args {
        let ty = &*arg.ty;
        let message = match ty {
            Type::Reference(_) => Some(format!(
                "`{}` is not an extractor: handler arguments are owned values taken from the request (`String`, \
                 `Json<T>`, `State<T>`, `Path<T>`, …); take the value instead of a reference",
                text(ty)
            )),
            Type::Path(p) if p.qself.is_none() && is_primitive(&p.path) => Some(format!(
                "`{ty}` is not an extractor: take it from the request with one, e.g. `Path(n): Path<{ty}>` for a \
                 path segment or `Query(q): Query<T>` for the query string",
                ty = text(ty)
            )),
            _ => None,
        };
        if let Some(message) = message {
            cx.error(ty, message);
            ok = false;
        }
    }
    ok
}

fn is_primitive(path: &syn::Path) -> bool {
    const PRIMITIVES: [&str; 17] = [
        "bool", "char", "str", "u8", "u16", "u32", "u64", "u128", "usize", "i8", "i16", "i32",
        "i64", "i128", "isize", "f32", "f64",
    ];
    path.get_ident()
        .is_some_and(|i| PRIMITIVES.contains(&i.to_string().as_str()))
}

fn text(node: &impl quote::ToTokens) -> String {
    node.to_token_stream()
        .to_string()
        .replace(" < ", "<")
        .replace(" >", ">")
        .replace("& ", "&")
}

/// Only the last argument may read the request body.
fn check_body_extractor_last(cx: &Ctxt, args: &[PatType]) -> bool {
    let Some((_, init)) = args.split_last() else {
        return true;
    };
    let mut ok = true;
    for arg in init {
        if let Some(body) = body_extractor(&arg.ty) {
            cx.error(
                &arg.ty,
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

/// The expansion passes each argument on by its pattern: an argument that `#[cfg]` may remove, or that carries
/// another attribute, would not be passed the same way.
fn check_no_attributes_on_arguments(cx: &Ctxt, args: &[PatType]) -> bool {
    let mut ok = true;
    for attr in args.iter().flat_map(|a| &a.attrs) {
        cx.error(
            attr,
            "#[cors] handlers take no attributes on their arguments: remove it (for `#[cfg]`, write two handlers)",
        );
        ok = false;
    }
    ok
}

/// Attributes written under `#[cors]` go on the function as written, inside the one users call; one that adds
/// an item beside the function for other code to find (`#[utoipa::path]` adds `__path_NAME`) must be written
/// above, where it also reads the handler's own documentation without the policy's section.
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

/// Where errors about the handler's return type point: the type as written, or the signature.
pub fn output_span(sig: &Signature) -> Span {
    match &sig.output {
        syn::ReturnType::Type(_, ty) => ty.span(),
        syn::ReturnType::Default => sig.ident.span(),
    }
}
