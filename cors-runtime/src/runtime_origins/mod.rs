//! Origins known only at run time (configuration, the environment, a predicate), validated by the same rules
//! as the origins of an attribute, when they are set.
//!
//! Declare a `static` slot, name it in a policy's `origins` beside (or instead of) literal origins, and fill it
//! once at start-up, before the router is built: from a list ([`RuntimeOrigins::set_list`]), the environment
//! ([`RuntimeOrigins::set_from_env`]), origins one by one ([`RuntimeOrigins::set`]) or a predicate. A bad entry is a returned [`OriginsError`] that names it;
//! nothing panics, at start-up or at the first request.
//!
//! ```
//! use cors_runtime::{cors, routing::get, Router, RuntimeOrigins};
//!
//! static DEPLOYMENT: RuntimeOrigins = RuntimeOrigins::new();
//!
//! #[cors(origins = ["https://app.example.com", DEPLOYMENT], credentials)]
//! async fn profile() -> &'static str { "{}" }
//!
//! fn app() -> Result<Router, cors_runtime::OriginsError> {
//!     // In a real service: DEPLOYMENT.set_from_env("CORS_ORIGINS")?;
//!     DEPLOYMENT.set_list("https://staging.example.com, https://*.preview.example.com")?;
//!     Ok(Router::new().route("/profile", get(profile)))
//! }
//! # app().unwrap();
//! # assert!(DEPLOYMENT.allows("https://pr-7.preview.example.com"));
//! # assert!(!DEPLOYMENT.allows("https://staging.example.com.evil.net"));
//! ```
//!
//! The listed origins of the attribute are matched first; the slot is read only for an origin they do not
//! allow. Until it is set, a slot allows no origin.
//!
//! Files: this one (the slot and its API), `rules.rs` (what each kind of slot accepts), `slot.rs` (the filled
//! state and how it matches), `named.rs` (how a policy names a slot: what generated code uses), `error.rs`.

mod error;
mod named;
mod rules;
mod slot;

pub use error::OriginsError;
pub use named::NamedInOrigins;
#[doc(hidden)]
pub use named::{ReadSlot, SlotRef};
pub use rules::{Credentialed, NoCredentials, OriginRules, SafeWithCredentials};
#[doc(hidden)]
pub use slot::OriginSlot;

use crate::protocol::origin_list::{ExactOrigin, HostPattern, OriginPattern, PortPattern};
use cors_rules::origin::{self as rules_of_origins, parse_origin, AllowedOrigin};
use http::HeaderValue;
use rules::credential_risk_reason;
use slot::Configured;
use std::fmt;
use std::marker::PhantomData;
use std::sync::OnceLock;

/// A set of origins filled once at run time and named in `#[cors(origins = [...])]`.
///
/// `RuntimeOrigins` (that is, `RuntimeOrigins<Credentialed>`) accepts what a credentialed policy accepts and
/// can be named by any policy. `RuntimeOrigins<NoCredentials>` also accepts plain `http://` origins, and
/// only policies without `credentials` may name it:
///
/// ```
/// use cors_runtime::{cors, runtime_origins::NoCredentials, RuntimeOrigins};
///
/// static INTRANET: RuntimeOrigins<NoCredentials> = RuntimeOrigins::new();
///
/// #[cors(origins = [INTRANET])]
/// async fn status() -> &'static str { "ok" }
///
/// INTRANET.set_list("http://dashboard.corp.internal:8080").unwrap();
/// ```
pub struct RuntimeOrigins<R: OriginRules = Credentialed> {
    slot: OriginSlot,
    _rules: PhantomData<R>,
}

impl<R: OriginRules> RuntimeOrigins<R> {
    /// An empty slot, to be filled once with one of the `set_*` methods.
    pub const fn new() -> Self {
        RuntimeOrigins {
            slot: OriginSlot {
                set: OnceLock::new(),
            },
            _rules: PhantomData,
        }
    }

    /// Fills the slot from a comma-separated list, such as the value of an environment variable.
    ///
    /// Whitespace around entries and empty entries are ignored, so an empty string allows no extra origin.
    /// Each entry is an origin or a pattern, checked by the rules of the attribute.
    ///
    /// ```
    /// use cors_runtime::RuntimeOrigins;
    ///
    /// static ORIGINS: RuntimeOrigins = RuntimeOrigins::new();
    /// let err = ORIGINS.set_list("https://ok.example.com, http://staging.example.com").unwrap_err();
    /// assert!(err.to_string().starts_with("entry 2 (`http://staging.example.com`)"));
    /// ```
    pub fn set_list(&self, list: &str) -> Result<(), OriginsError> {
        self.fill(None, list)
    }

    /// Fills the slot from the environment variable `var`, a comma-separated list (see [`set_list`](Self::set_list)).
    /// A missing or non-UTF-8 variable is an error; errors name the variable.
    ///
    /// ```
    /// use cors_runtime::{OriginsError, RuntimeOrigins};
    ///
    /// static DEPLOYMENT: RuntimeOrigins = RuntimeOrigins::new();
    /// match DEPLOYMENT.set_from_env("MY_SERVICE_CORS_ORIGINS") {
    ///     Ok(()) => {}
    ///     // To make the variable optional: unset means no extra origin.
    ///     Err(OriginsError::EnvMissing(_)) => {}
    ///     Err(bad) => panic!("CORS configuration: {bad}"),
    /// }
    /// ```
    pub fn set_from_env(&self, var: &str) -> Result<(), OriginsError> {
        match std::env::var(var) {
            Ok(list) => self.fill(Some(var), &list),
            Err(std::env::VarError::NotPresent) => Err(OriginsError::EnvMissing(var.to_owned())),
            Err(std::env::VarError::NotUnicode(_)) => {
                Err(OriginsError::EnvNotUnicode(var.to_owned()))
            }
        }
    }

    /// Fills the slot from origins and patterns given one by one (from a configuration file, say).
    ///
    /// ```
    /// use cors_runtime::RuntimeOrigins;
    ///
    /// static FROM_CONFIG: RuntimeOrigins = RuntimeOrigins::new();
    /// let configured = vec!["https://a.example.com".to_string(), "https://*.b.example.com".to_string()];
    /// FROM_CONFIG.set(&configured).unwrap();
    /// assert!(FROM_CONFIG.is_set());
    /// assert!(FROM_CONFIG.allows("https://x.b.example.com"));
    /// assert!(!FROM_CONFIG.allows("https://b.example.com"));
    /// ```
    pub fn set<I>(&self, origins: I) -> Result<(), OriginsError>
    where
        I: IntoIterator,
        I::Item: AsRef<str>,
    {
        let entries: Vec<String> = origins.into_iter().map(|o| o.as_ref().to_owned()).collect();
        self.install(None, entries.iter().map(String::as_str))
    }

    /// Whether the slot has been filled (see [`set`](Self::set) for an example).
    pub fn is_set(&self) -> bool {
        self.slot.set.get().is_some()
    }

    /// Whether the slot allows this serialized origin (what a request's `Origin` header carries); a slot that
    /// was never filled allows none. See [`set`](Self::set) for an example.
    pub fn allows(&self, origin: &str) -> bool {
        HeaderValue::from_str(origin).is_ok_and(|v| self.slot.allow::<R>(&v).is_some())
    }

    fn install_predicate(
        &self,
        predicate: Box<dyn Fn(&str) -> bool + Send + Sync>,
    ) -> Result<(), OriginsError> {
        self.slot
            .set
            .set(Configured::Predicate(predicate))
            .map_err(|_| OriginsError::AlreadySet)
    }

    fn fill(&self, var: Option<&str>, list: &str) -> Result<(), OriginsError> {
        let entries = list.split(',').map(str::trim).filter(|e| !e.is_empty());
        self.install(var, entries)
    }

    fn install<'a>(
        &self,
        var: Option<&str>,
        entries: impl Iterator<Item = &'a str>,
    ) -> Result<(), OriginsError> {
        if self.is_set() {
            return Err(OriginsError::AlreadySet);
        }
        let mut exact: Vec<&'a str> = Vec::new();
        let mut patterns = Vec::new();
        for (i, entry) in entries.enumerate() {
            let bad = |reason: String| OriginsError::Entry {
                var: var.map(str::to_owned),
                index: i + 1,
                entry: entry.to_owned(),
                reason,
            };
            let allowed = parse_origin(entry).map_err(|e| bad(e.to_string()))?;
            if R::FOR_CREDENTIALS {
                if let Some(risk) = allowed.credential_risk() {
                    return Err(bad(credential_risk_reason(&risk)));
                }
            }
            match allowed {
                AllowedOrigin::Exact(_) if exact.contains(&entry) => {
                    return Err(bad("listed twice: remove one".to_owned()))
                }
                AllowedOrigin::Exact(_) => exact.push(entry),
                AllowedOrigin::Pattern(p) => patterns.push(p),
            }
        }
        let patterns: Vec<OriginPattern> = patterns.iter().map(pattern).collect();
        exact.sort_by_key(|o| rules_of_origins::origin_order(o));
        // Set once per slot for the life of the process, like the attribute's statics.
        let exact: Vec<ExactOrigin> = exact.into_iter().map(ExactOrigin::leaked).collect();
        let listed = Configured::Listed {
            exact: Box::leak(exact.into_boxed_slice()),
            patterns: Box::leak(patterns.into_boxed_slice()),
        };
        self.slot
            .set
            .set(listed)
            .map_err(|_| OriginsError::AlreadySet)
    }
}

impl RuntimeOrigins<NoCredentials> {
    /// Fills the slot with a predicate, for origins no list can describe.
    ///
    /// The predicate is only asked about well-formed serialized origins (`scheme://host[:port]`, lowercase,
    /// never `null`). What it accepts is echoed back.
    ///
    /// ```
    /// use cors_runtime::{runtime_origins::NoCredentials, RuntimeOrigins};
    ///
    /// static TENANTS: RuntimeOrigins<NoCredentials> = RuntimeOrigins::new();
    /// TENANTS.set_predicate(|origin| origin.ends_with(".tenants.example.com")).unwrap();
    /// assert!(TENANTS.allows("https://acme.tenants.example.com"));
    /// assert!(!TENANTS.allows("null"));
    /// ```
    pub fn set_predicate<F>(&self, predicate: F) -> Result<(), OriginsError>
    where
        F: Fn(&str) -> bool + Send + Sync + 'static,
    {
        self.install_predicate(Box::new(predicate))
    }
}

impl RuntimeOrigins<Credentialed> {
    /// Fills a slot that credentialed policies may name with a predicate. Nothing can check a predicate, and
    /// whatever it accepts may read your users' data: `|_| true` is `dangerously_reflect_any_origin` by
    /// another name. Hence the name, which a reviewer cannot miss; prefer a list with patterns.
    ///
    /// The predicate is only asked about well-formed `https://` and loopback `http://` origins (lowercase,
    /// never `null`), the origins a credentialed policy accepts.
    ///
    /// ```
    /// use cors_runtime::RuntimeOrigins;
    ///
    /// static TENANTS: RuntimeOrigins = RuntimeOrigins::new();
    /// TENANTS.dangerously_set_predicate(|origin| origin.ends_with(".tenants.example.com")).unwrap();
    /// assert!(TENANTS.allows("https://acme.tenants.example.com"));
    /// assert!(!TENANTS.allows("http://acme.tenants.example.com"));
    /// ```
    pub fn dangerously_set_predicate<F>(&self, predicate: F) -> Result<(), OriginsError>
    where
        F: Fn(&str) -> bool + Send + Sync + 'static,
    {
        self.install_predicate(Box::new(predicate))
    }
}

impl<R: OriginRules> Default for RuntimeOrigins<R> {
    fn default() -> Self {
        Self::new()
    }
}

impl<R: OriginRules> fmt::Debug for RuntimeOrigins<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.slot.fmt(f)
    }
}

/// A pattern as the matcher holds it, leaked once per slot (slots are filled once, like the statics).
fn pattern(p: &rules_of_origins::OriginPattern) -> OriginPattern {
    let leak = |s: String| -> &'static str { Box::leak(s.into_boxed_str()) };
    OriginPattern {
        scheme: match p.scheme {
            rules_of_origins::Scheme::Http => "http://",
            rules_of_origins::Scheme::Https => "https://",
        },
        host: match &p.host {
            rules_of_origins::HostPattern::Exact(h) => HostPattern::Exact(leak(h.to_string())),
            rules_of_origins::HostPattern::Subdomains(d) => {
                HostPattern::Subdomains(leak(format!(".{d}")))
            }
        },
        port: match p.port {
            rules_of_origins::PortPattern::Default => PortPattern::Default,
            rules_of_origins::PortPattern::Any => PortPattern::Any,
            rules_of_origins::PortPattern::Exact(n) => PortPattern::Exact(leak(n.to_string())),
        },
    }
}
