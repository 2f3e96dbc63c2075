//! The attribute's key names, written once (as serde_derive's `symbol.rs` has them): a misspelled key in the
//! macro's own code is a compile error, not a lookup that silently never matches.

use std::fmt;
use syn::Ident;

#[derive(Copy, Clone, PartialEq, Eq)]
pub struct Symbol(&'static str);

pub const ORIGINS: Symbol = Symbol("origins");
pub const METHODS: Symbol = Symbol("methods");
pub const HEADERS: Symbol = Symbol("headers");
pub const EXPOSE: Symbol = Symbol("expose");
pub const MAX_AGE: Symbol = Symbol("max_age");
pub const PREFLIGHT_STATUS: Symbol = Symbol("preflight_status");
pub const CREDENTIALS: Symbol = Symbol("credentials");
pub const REFUSE_DISALLOWED: Symbol = Symbol("refuse_disallowed");
pub const DANGEROUSLY_REFLECT_ANY_ORIGIN: Symbol = Symbol("dangerously_reflect_any_origin");
pub const DANGEROUSLY_ALLOW_INSECURE_ORIGINS: Symbol = Symbol("dangerously_allow_insecure_origins");
pub const DANGEROUSLY_ALLOW_PUBLIC_SUFFIX_PATTERNS: Symbol =
    Symbol("dangerously_allow_public_suffix_patterns");
/// `policy = NAME`: the named policy a handler's attribute builds on.
pub const POLICY: Symbol = Symbol("policy");
/// The key under which a named policy's macro passes its arguments back to `#[cors]`. Not for users.
pub const NAMED: Symbol = Symbol("__cors_named_policy");

impl Symbol {
    pub fn as_str(self) -> &'static str {
        self.0
    }
}

impl PartialEq<Symbol> for Ident {
    fn eq(&self, key: &Symbol) -> bool {
        self == key.0
    }
}

impl PartialEq<Symbol> for str {
    fn eq(&self, key: &Symbol) -> bool {
        self == key.0
    }
}

impl fmt::Display for Symbol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}
