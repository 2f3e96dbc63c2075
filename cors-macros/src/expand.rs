//! Turns a checked policy and its handler into code: a unit struct with the handler's name, the policy as a
//! `static` of prepared header values, and the trait impls `cors_runtime::routing` reads.

use crate::handler::Handler;
use crate::model::{Headers, Methods, Origins, Policy};
use cors_rules::origin::{HostPattern, OriginPattern, PortPattern};
use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;

/// Methods with a routing function (and a marker type) in `cors_runtime::routing`.
const ROUTABLE: [&str; 7] = ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"];

pub fn expand(handler: &Handler, policy: &Policy) -> TokenStream {
    let item = &handler.item;
    let name = &item.sig.ident;
    let vis = &item.vis;
    let attrs = handler.split_attrs();
    let (docs, on_struct, cfgs) = (&attrs.docs, &attrs.on_struct, &attrs.cfgs);
    // The function as written, under its own name, inside the block below: there the name is the function (the
    // struct is the only `name` in the type namespace), so `#[axum::debug_handler]` and `#[tracing::instrument]`
    // written under `#[cors]` see a function called `name`, and a parameter named like it is a plain binding.
    let mut function = item.clone();
    function.attrs = attrs.on_function.iter().copied().cloned().collect();
    function.vis = syn::Visibility::Inherited;
    let name_str = name.to_string();
    let policy_name = match &policy.named {
        Some(named) => format!("{name_str} (policy {named})"),
        None => name_str.clone(),
    };
    let policy_static = policy_static(&policy_name, policy);
    let handler_impl = handler_impl(handler);
    let callable = callable(handler);
    let output_check = output_check(handler);
    let allows = allows_method(policy);

    let policy_doc = crate::doc::policy_doc(policy);
    let separator = (!docs.is_empty()).then(|| quote!(#[doc = ""]));

    // A deprecated handler warns where it is named and routed, not in the impls below, which name it too.
    let allow_deprecated = (!on_struct.is_empty()).then(|| quote!(#[allow(deprecated)]));

    quote! {
        #[doc = #policy_doc]
        #separator
        #(#docs)*
        #(#on_struct)*
        #(#cfgs)*
        #[allow(non_camel_case_types)]
        #vis struct #name;

        #(#cfgs)*
        const _: () = {
            use ::cors_runtime::__private as __cors;

            #function

            #output_check

            #allow_deprecated
            const _: () = {
                #callable

                // Written out rather than derived: no nested macro expansion per handler (build time).
                #[allow(clippy::expl_impl_clone_on_copy)]
                impl ::core::clone::Clone for #name {
                    fn clone(&self) -> Self {
                        *self
                    }
                }
                impl ::core::marker::Copy for #name {}
                impl ::core::fmt::Debug for #name {
                    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        f.write_str(#name_str)
                    }
                }

                impl __cors::Annotated for #name {
                    fn policy() -> &'static __cors::Policy {
                        #policy_static
                    }
                }

                #handler_impl

                #(#[doc(hidden)] impl __cors::AllowsMethod<__cors::method::#allows> for #name {})*

                #[doc(hidden)]
                impl<__S> __cors::Handler<__cors::HasCorsPolicy, __S> for #name
                where
                    __S: __cors::RouteWithCorsRuntime<#name>,
                {
                    type Future = __cors::BoxFuture;
                    fn call(self, _: __cors::Request, _: __S) -> Self::Future {
                        __cors::never_routed()
                    }
                }
            };
        };
    }
}

/// A return type that is not a response is reported at the return type, not later where the handler is routed.
fn output_check(handler: &Handler) -> TokenStream {
    match &handler.item.sig.output {
        syn::ReturnType::Type(_, ty) if !matches!(**ty, syn::Type::ImplTrait(_)) => {
            quote_spanned!(ty.span()=> const _: () = __cors::is_a_response::<#ty>();)
        }
        _ => quote!(),
    }
}

/// What makes the struct callable like the function it replaces: `name::handler(...)`, and `name(...)` itself
/// (through `Deref` to a function pointer), so that unit tests, and `#[axum::debug_handler]` written above
/// `#[cors]`, call it as they would call the function. The pointer's future is boxed and `Send`, as axum needs it:
/// a handler whose future is not `Send` is reported here, at its signature.
fn callable(handler: &Handler) -> TokenStream {
    let sig = &handler.item.sig;
    let name = &sig.ident;
    let vis = &handler.item.vis;
    let types = &handler.arg_types;
    let args: Vec<syn::Ident> = (0..types.len())
        .map(|i| format_ident!("__arg{}", i))
        .collect();
    let output = match &sig.output {
        syn::ReturnType::Default => quote!(()),
        syn::ReturnType::Type(_, ty) => quote!(#ty),
    };
    // A function pointer cannot name an `impl Trait`: such a handler's call gives its response.
    let opaque = output
        .clone()
        .into_iter()
        .any(|t| matches!(&t, proc_macro2::TokenTree::Ident(i) if i == "impl"));
    let (pointer_output, call) = if opaque {
        (
            quote!(__cors::Response),
            quote!(async move { __cors::IntoResponse::into_response(#name(#(#args),*).await) }),
        )
    } else {
        (output.clone(), quote!(#name(#(#args),*)))
    };
    let span = sig.span();
    quote_spanned! {span=>
        impl #name {
            /// The handler as written, without CORS: call it directly in unit tests.
            #[allow(dead_code)]
            #vis fn handler(#(#args: #types),*) -> impl ::core::future::Future<Output = #output> {
                #name(#(#args),*)
            }
        }

        #[allow(clippy::type_complexity)]
        #[doc(hidden)]
        impl ::core::ops::Deref for #name {
            type Target = fn(#(#types),*) -> __cors::BoxFutureOf<#pointer_output>;
            fn deref(&self) -> &Self::Target {
                const CALL: fn(#(#types),*) -> __cors::BoxFutureOf<#pointer_output> =
                    |#(#args),*| ::std::boxed::Box::pin(#call);
                &CALL
            }
        }
    }
}

/// `CorsHandler` for the extractor types, delegating to axum's own `Handler` impl for the function.
fn handler_impl(handler: &Handler) -> TokenStream {
    let name = &handler.item.sig.ident;
    let span = handler.item.sig.span();
    let types = &handler.arg_types;
    let (marker, generics, bounds) = match types.split_last() {
        None => (quote!(((),)), quote!(<__S>), quote!()),
        Some((last, init)) => (
            quote!((__M, #(#types,)*)),
            quote!(<__S, __M>),
            quote! {
                #(#init: __cors::FromRequestParts<__S> + ::core::marker::Send,)*
                #last: __cors::FromRequest<__S, __M> + ::core::marker::Send,
            },
        ),
    };
    quote_spanned! {span=>
        #[doc(hidden)]
        impl #generics __cors::CorsHandler<#marker, __S> for #name
        where
            __S: ::core::marker::Send + ::core::marker::Sync + 'static,
            #bounds
        {
            fn call(self, req: __cors::Request, state: __S) -> __cors::BoxFuture {
                <_ as __cors::Handler<#marker, __S>>::call(#name, req, state)
            }
        }
    }
}

/// The method marker types a handler may be routed under.
fn allows_method(policy: &Policy) -> Vec<syn::Ident> {
    let listed: Vec<&str> = match &policy.methods {
        Methods::Routed | Methods::Any => ROUTABLE.to_vec(),
        Methods::Listed(names) => ROUTABLE
            .iter()
            .copied()
            .filter(|m| names.iter().any(|n| n == m))
            .collect(),
    };
    listed.into_iter().map(|m| format_ident!("{}", m)).collect()
}

fn header_value(text: &str) -> TokenStream {
    quote!(__cors::HeaderValue::from_static(#text))
}

fn policy_static(name: &str, policy: &Policy) -> TokenStream {
    let mut exact_static = quote!();
    let origins = match &policy.origins {
        Origins::Any => quote!(__cors::Origins::Any),
        Origins::ReflectAny => quote!(__cors::Origins::ReflectAny),
        Origins::Listed {
            exact,
            patterns,
            runtime,
        } => {
            let mut sorted: Vec<&String> = exact.iter().collect();
            sorted.sort_by(|a, b| (a.len(), a.as_bytes()).cmp(&(b.len(), b.as_bytes())));
            let count = sorted.len();
            let values = sorted.iter().map(|o| header_value(o));
            exact_static = quote! {
                static EXACT: [__cors::ExactOrigin; #count] = [#(__cors::ExactOrigin::new(#sorted, #values),)*];
            };
            let patterns = patterns.iter().map(pattern);
            // A credentialed policy may only name slots whose entries were checked for credentials.
            let slot = if policy.credentials {
                quote!(credentialed)
            } else {
                quote!(any)
            };
            let runtime = runtime
                .iter()
                .map(|path| quote_spanned!(path.span()=> __cors::SlotRef::#slot(&#path)));
            quote!(__cors::listed_origins(&EXACT, &[#(#patterns,)*], &[#(#runtime,)*]))
        }
    };
    let methods = match &policy.methods {
        Methods::Routed => quote!(__cors::Methods::Routed),
        Methods::Any => quote!(__cors::Methods::Any),
        Methods::Listed(names) => {
            let value = header_value(&names.join(", "));
            quote!(__cors::Methods::Listed(__cors::names(&[#(#names,)*], #value)))
        }
    };
    let headers = match &policy.headers {
        Headers::Listed(names) => {
            let value = header_value(&names.join(", "));
            quote!(__cors::Headers::Listed(__cors::names(&[#(#names,)*], #value)))
        }
        Headers::Any(names) => {
            let value = header_value(
                &std::iter::once("*")
                    .chain(names.iter().map(String::as_str))
                    .collect::<Vec<_>>()
                    .join(", "),
            );
            quote!(__cors::Headers::Any(__cors::names(&[#(#names,)*], #value)))
        }
    };
    let optional = |v: Option<String>| match v {
        Some(text) => {
            let value = header_value(&text);
            quote!(::core::option::Option::Some(#value))
        }
        None => quote!(::core::option::Option::None),
    };
    let expose = optional((!policy.expose.is_empty()).then(|| policy.expose.join(", ")));
    // `-1` means "do not cache", which the header's grammar (delta-seconds) spells `0`.
    let max_age = optional(policy.max_age.map(|n| n.max(0).to_string()));
    let status = if policy.preflight_status == 200 {
        quote!(OK)
    } else {
        quote!(NO_CONTENT)
    };
    let credentials = policy.credentials;
    let refuse = policy.refuse_disallowed;
    quote! {
        #exact_static
        // Arguments in the order of `__private::policy`'s parameters.
        static POLICY: __cors::Policy = __cors::policy(
            #name,
            #origins,
            #credentials,
            #methods,
            #headers,
            #expose,
            #max_age,
            __cors::StatusCode::#status,
            #refuse,
        );
        &POLICY
    }
}

fn pattern(p: &OriginPattern) -> TokenStream {
    let scheme = format!("{}://", p.scheme.as_str());
    let host = match &p.host {
        HostPattern::Exact(h) => {
            let h = h.to_string();
            quote!(__cors::HostPattern::Exact(#h))
        }
        HostPattern::Subdomains(d) => {
            let suffix = format!(".{d}");
            quote!(__cors::HostPattern::Subdomains(#suffix))
        }
    };
    let port = match p.port {
        PortPattern::Default => quote!(__cors::PortPattern::Default),
        PortPattern::Any => quote!(__cors::PortPattern::Any),
        PortPattern::Exact(n) => {
            let n = n.to_string();
            quote!(__cors::PortPattern::Exact(#n))
        }
    };
    quote!(__cors::OriginPattern::new(#scheme, #host, #port))
}
