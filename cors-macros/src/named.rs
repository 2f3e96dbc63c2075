//! Named policies: `cors_policy!` declares one, `#[cors(policy = NAME)]` builds on it.
//!
//! An attribute cannot read another item, so a named policy is carried by a `macro_rules!` macro of its name.
//! `#[cors(policy = API, ...)]` expands to `API! { [...] item }`, and `API!` hands the item back to `#[cors]`
//! with the policy's own arguments added (under [`NAMED`](crate::symbol::NAMED)), with their spans: errors still point at the
//! token that is wrong, wherever it was written.

use crate::attr::{Arg, Args, Value};
use crate::ctxt::Ctxt;
use crate::symbol::NAMED;
use crate::validate;
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};
use syn::parse::{Parse, ParseStream};
use syn::{Attribute, Token, Visibility};

/// One `vis NAME(key = value, ...);` of a `cors_policy!` invocation.
pub struct Declaration {
    attrs: Vec<Attribute>,
    vis: Visibility,
    name: Ident,
    /// The arguments as written, passed on to `#[cors]` unchanged.
    tokens: TokenStream,
    args: Args,
}

/// Every declaration of one `cors_policy!` invocation.
pub struct Declarations(pub Vec<Declaration>);

impl Parse for Declarations {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let mut all = Vec::new();
        while !input.is_empty() {
            let attrs = input.call(Attribute::parse_outer)?;
            let vis: Visibility = input.parse()?;
            let name: Ident = input.parse()?;
            if !input.peek(syn::token::Paren) {
                return Err(input.error(format!(
                    "a named policy is declared as `NAME(keys of #[cors]);`, e.g. \
                     `{name}(origins = [\"https://app.example.com\"], credentials);`"
                )));
            }
            let content;
            syn::parenthesized!(content in input);
            let tokens: TokenStream = content.fork().parse()?;
            let args = Args::parse(&content)?;
            if !input.peek(Token![;]) {
                return Err(input.error(format!("end the declaration of `{name}` with `;`")));
            }
            input.parse::<Token![;]>()?;
            all.push(Declaration {
                attrs,
                vis,
                name,
                tokens,
                args,
            });
        }
        Ok(Declarations(all))
    }
}

/// The macro that carries a named policy, or, for a policy with mistakes, the errors and a macro that
/// leaves items as written (so that every use does not repeat them).
pub fn declare(decl: &Declaration) -> TokenStream {
    let Declaration {
        attrs,
        vis,
        name,
        tokens,
        args,
    } = decl;
    let cx = Ctxt::new();
    validate::named_policy(&cx, args);
    // A `pub` policy is used from other crates: a `macro_rules!` macro leaves its crate only through
    // `#[macro_export]`, which puts it at the crate root under a name of its own (made unique here, since two
    // modules may each declare a `WEB`); the `pub use` then gives it the path it was declared at.
    let exported = matches!(vis, Visibility::Public(_)).then(|| exported_name(decl));
    let macro_name = exported.as_ref().unwrap_or(name);
    let reexport = match (vis, &exported) {
        (Visibility::Public(_), Some(exported)) => {
            quote!(#[allow(unused_imports)] #vis use #exported as #name;)
        }
        (Visibility::Inherited, _) => quote!(),
        (vis, _) => quote!(#[allow(unused_imports)] #vis use #name;),
    };
    let export = exported
        .is_some()
        .then(|| quote!(#[macro_export] #[doc(hidden)]));
    let key = format_ident!("{}", NAMED.as_str());
    let body = match cx.finish() {
        Ok(()) => quote! {
            #[::cors_runtime::cors(#key(#name, #tokens), $($inline)*)]
            $($item)*
        },
        Err(errors) => {
            let errors = errors.to_compile_error();
            return quote! {
                #errors
                #export
                macro_rules! #macro_name { ([$($inline:tt)*] $($item:tt)*) => { $($item)* }; }
                #reexport
            };
        }
    };
    quote! {
        #(#attrs)*
        #export
        macro_rules! #macro_name {
            ([$($inline:tt)*] $($item:tt)*) => { #body };
        }
        #reexport
    }
}

/// The crate-root name of an exported policy: its own name and a hash of its declaration, so that two modules'
/// `WEB`s do not collide.
fn exported_name(decl: &Declaration) -> Ident {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    decl.name.to_string().hash(&mut hasher);
    decl.tokens.to_string().hash(&mut hasher);
    format!("{:?}", decl.name.span()).hash(&mut hasher);
    format_ident!("__cors_policy_{}_{:016x}", decl.name, hasher.finish())
}

/// `#[cors(policy = NAME, rest...)] item` → `NAME! { [rest...] item }`, or an error on the `policy` value.
pub fn apply(cx: &Ctxt, args: &Args, policy: &Arg, item: &TokenStream) -> Option<TokenStream> {
    let path = match &policy.value {
        Some(Value::Ident(i)) => syn::Path::from(i.clone()),
        Some(Value::Path(p)) => p.clone(),
        Some(other) => {
            cx.error(
                other.span(),
                "`policy` takes the name of a policy declared with `cors_policy!`, e.g. `policy = API`",
            );
            return None;
        }
        None => {
            cx.error(
                &policy.key,
                "`policy` needs the name of a policy declared with `cors_policy!`, e.g. `policy = API`",
            );
            return None;
        }
    };
    let rest = args
        .items
        .iter()
        .filter(|a| !std::ptr::eq(*a, policy))
        .map(|a| &a.meta);
    Some(quote!(#path! { [#(#rest),*] #item }))
}
