//! Turns a checked policy and its handler into code: the function users call and route, with the handler's
//! name and parameters, whose call returns `impl cors_runtime::Cors` (see `cors_runtime::handler`); inside it, the
//! function as written and the policy, a `static` of prepared header values behind a type of its own.

use crate::handler::{output_span, Handler};
use crate::model::{Headers, Methods, Origins, Policy};
use cors_rules::method::ROUTABLE;
use cors_rules::origin::{origin_order, HostPattern, OriginPattern, PortPattern};
use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;

pub fn expand(handler: &Handler, policy: &Policy) -> TokenStream {
    let item = &handler.item;
    let sig = &item.sig;
    let name = &sig.ident;
    let vis = &item.vis;
    let (generics, where_clause) = (&sig.generics, &sig.generics.where_clause);
    let attrs = handler.split_attrs();
    let outer_attrs = &attrs.outer;
    let docs = crate::doc::docs(policy, &attrs.docs);

    // The function as written, under its own name, inside the one users call: attributes such as
    // `#[axum::debug_handler]` and `#[tracing::instrument]` see the `async fn` the user wrote.
    let mut function = item.clone();
    function.attrs = attrs.inner.iter().copied().cloned().collect();
    function.vis = syn::Visibility::Inherited;

    let params = handler.params();
    let outer_params = params.iter().zip(&handler.args).map(|(param, arg)| {
        let (pat, ty) = (&param.pat, &arg.ty);
        quote!(#pat: #ty)
    });
    let call_args = params.iter().map(|param| &param.arg);
    let turbofish = handler.turbofish();

    let methods = methods_type(policy);
    let output = match &sig.output {
        syn::ReturnType::Default => quote!(()),
        syn::ReturnType::Type(_, ty) => quote!(#ty),
    };
    // What the handler's call returns. Errors about the response type or a future that is not `Send` point here,
    // at the return type as written.
    let returns = quote_spanned! {output_span(sig)=>
        impl ::cors_runtime::__private::Cors<Methods = #methods, Output = #output>
    };
    let call = quote_spanned! {output_span(sig)=>
        ::cors_runtime::__private::Call::<_, __CorsPolicy, #methods>::new
    };

    let policy_name = match &policy.named {
        Some(named) => format!("{name} (policy {named})"),
        None => name.to_string(),
    };
    let policy_static = policy_static(&policy_name, policy);

    quote! {
        #docs
        #(#outer_attrs)*
        #vis fn #name #generics (#(#outer_params),*) -> #returns #where_clause {
            #function

            use ::cors_runtime::__private as __cors;
            #policy_static
            enum __CorsPolicy {}
            impl __cors::PolicyOf for __CorsPolicy {
                fn policy() -> &'static __cors::Policy {
                    &__CORS_POLICY
                }
            }

            // The function as a value, as routing uses a plain handler (clippy's `unused_async` then stays quiet
            // for a handler without `.await`, as it does for a plain one).
            let function = #name #turbofish;
            #call(function(#(#call_args),*))
        }
    }
}

/// The `Methods` of the handler's `impl Cors`: the routable methods its policy lists, one marker or a tuple, or
/// `Routed` (no `methods` key) and `Any` (`"*"`), under which it may be routed with any method.
fn methods_type(policy: &Policy) -> TokenStream {
    let listed: Vec<syn::Ident> = match &policy.methods {
        Methods::Routed => return quote!(::cors_runtime::__private::method::Routed),
        Methods::Any => return quote!(::cors_runtime::__private::method::Any),
        Methods::Listed(names) => names
            .iter()
            .filter(|n| ROUTABLE.contains(&n.as_str()))
            .map(|n| format_ident!("{}", n))
            .collect(),
    };
    match listed.as_slice() {
        [one] => quote!(::cors_runtime::__private::method::#one),
        many => quote!((#(::cors_runtime::__private::method::#many),*)),
    }
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
            sorted.sort_by_key(|o| origin_order(o));
            let count = sorted.len();
            let values = sorted.iter().map(|o| header_value(o));
            exact_static = quote! {
                static __CORS_EXACT: [__cors::ExactOrigin; #count] = [#(__cors::ExactOrigin::new(#sorted, #values),)*];
            };
            let patterns = patterns.iter().map(pattern);
            // A credentialed policy may only name slots whose entries were checked for credentials.
            let slot = if policy.credentials {
                quote!(credentialed)
            } else {
                quote!(any)
            };
            let runtime = runtime.iter().map(|path| {
                let name = quote!(#path).to_string().replace(' ', "");
                quote_spanned!(path.span()=> __cors::SlotRef::#slot(&#path, #name))
            });
            quote!(__cors::listed_origins(&__CORS_EXACT, &[#(#patterns,)*], &[#(#runtime,)*]))
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
        // A preflight answer names the validated request headers, never `*`: the value is only the list.
        Headers::Any(names) => {
            let value = header_value(&names.join(", "));
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
        static __CORS_POLICY: __cors::Policy = __cors::policy(__cors::PolicyParts {
            name: #name,
            origins: #origins,
            credentials: #credentials,
            methods: #methods,
            headers: #headers,
            expose: #expose,
            max_age: #max_age,
            preflight_status: __cors::StatusCode::#status,
            refuse_disallowed: #refuse,
        });
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
