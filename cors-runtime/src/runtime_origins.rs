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

use crate::protocol::origin_list::{
    allow_listed, is_tuple_origin, split_port, ExactOrigin, HostPattern, OriginPattern, PortPattern,
};
use cors_rules::origin::{self as rules, parse_origin, AllowedOrigin, CredentialRisk};
use http::HeaderValue;
use std::fmt;
use std::marker::PhantomData;
use std::sync::OnceLock;

/// The rules a [`RuntimeOrigins`] slot validates its entries by.
pub trait OriginRules: sealed::Sealed + Send + Sync + 'static {
    /// Whether entries must be safe to trust with credentials (`https://`, or `http://` on loopback; no
    /// pattern over a public suffix).
    const FOR_CREDENTIALS: bool;
}

/// Rules for slots that policies with `credentials` may name (the default): the same rules as a
/// credentialed `#[cors]` attribute.
#[derive(Debug)]
pub enum Credentialed {}

/// Rules for slots named only by policies without `credentials`: plain `http://` origins and patterns over
/// public suffixes are accepted, as they are in such an attribute. Naming such a slot in a credentialed
/// policy is a compile error.
#[derive(Debug)]
pub enum NoCredentials {}

impl OriginRules for Credentialed {
    const FOR_CREDENTIALS: bool = true;
}

impl OriginRules for NoCredentials {
    const FOR_CREDENTIALS: bool = false;
}

mod sealed {
    pub trait Sealed {}
    impl Sealed for super::Credentialed {}
    impl Sealed for super::NoCredentials {}
}

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

/// What a policy reads: the filled state of a [`RuntimeOrigins`], without its rules.
pub struct OriginSlot {
    set: OnceLock<Configured>,
}

enum Configured {
    Listed {
        exact: &'static [ExactOrigin],
        patterns: &'static [OriginPattern],
    },
    Predicate(Box<dyn Fn(&str) -> bool + Send + Sync>),
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
        exact.sort_by_key(|o| rules::origin_order(o));
        // Set once per slot for the life of the process, like the attribute's statics: leaking gives the
        // matcher the `'static` data the compiled policies use, so one matching code path serves both.
        let exact: Vec<ExactOrigin> = exact
            .into_iter()
            .map(|o| {
                let origin: &'static str = Box::leak(o.to_owned().into_boxed_str());
                // `parse_origin` accepted it, so it is visible ASCII: all `from_static` checks, so it cannot panic.
                ExactOrigin {
                    origin,
                    value: HeaderValue::from_static(origin),
                }
            })
            .collect();
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

impl fmt::Debug for OriginSlot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.set.get() {
            None => f.write_str("RuntimeOrigins(unset)"),
            Some(Configured::Listed { exact, patterns }) => f
                .debug_struct("RuntimeOrigins")
                .field("exact", exact)
                .field("patterns", patterns)
                .finish(),
            Some(Configured::Predicate(_)) => f.write_str("RuntimeOrigins(predicate)"),
        }
    }
}

impl OriginSlot {
    /// The `Access-Control-Allow-Origin` value for `origin`, if the slot allows it.
    pub(crate) fn allow<R: OriginRules>(&self, origin: &HeaderValue) -> Option<HeaderValue> {
        self.allow_with(R::FOR_CREDENTIALS, origin)
    }

    pub(crate) fn allow_with(
        &self,
        for_credentials: bool,
        origin: &HeaderValue,
    ) -> Option<HeaderValue> {
        match self.set.get()? {
            Configured::Listed { exact, patterns } => allow_listed(exact, patterns, origin),
            Configured::Predicate(predicate) => {
                let bytes = origin.as_bytes();
                let shape_ok =
                    is_tuple_origin(bytes) && (!for_credentials || is_credential_safe(bytes));
                // A tuple origin is ASCII, so this never fails for one that passed the shape check.
                let text = std::str::from_utf8(bytes).ok().filter(|_| shape_ok)?;
                predicate(text).then(|| origin.clone())
            }
        }
    }
}

/// What a name in `origins = [...]` must be: a `static` of type [`RuntimeOrigins`].
#[diagnostic::on_unimplemented(
    message = "`origins` names a `{Self}`, not a `RuntimeOrigins` static",
    label = "a name in `origins = [...]` is a `static NAME: RuntimeOrigins`, filled at start-up",
    note = "write origins known when you build as strings: `origins = [\"https://app.example.com\"]`",
    note = "for origins set at start-up, declare `static NAME: RuntimeOrigins = RuntimeOrigins::new();`, fill it with `NAME.set_list(...)` and name it: `origins = [NAME]`"
)]
pub trait NamedInOrigins: ReadSlot {
    /// The rules the slot's entries were checked by.
    type Rules: OriginRules;
}

impl<R: OriginRules> NamedInOrigins for RuntimeOrigins<R> {
    type Rules = R;
}

/// How a policy reads a slot it names, whatever its rules.
#[doc(hidden)]
pub trait ReadSlot: Sync + 'static {
    /// The slot's filled state.
    fn slot(&self) -> &OriginSlot;
}

impl<R: OriginRules> ReadSlot for RuntimeOrigins<R> {
    fn slot(&self) -> &OriginSlot {
        &self.slot
    }
}

/// A slot as a policy names it, with the rules the policy needs.
#[derive(Clone, Copy)]
pub struct SlotRef {
    pub(crate) slot: &'static dyn ReadSlot,
    pub(crate) for_credentials: bool,
    /// The static's path as the attribute names it, for reports.
    pub(crate) name: &'static str,
}

impl fmt::Debug for SlotRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SlotRef")
            .field("name", &self.name)
            .field("for_credentials", &self.for_credentials)
            .finish_non_exhaustive()
    }
}

impl SlotRef {
    /// For a policy without credentials: any slot.
    #[doc(hidden)]
    pub const fn any<T: NamedInOrigins>(origins: &'static T, name: &'static str) -> SlotRef {
        SlotRef {
            slot: origins,
            for_credentials: <T::Rules as OriginRules>::FOR_CREDENTIALS,
            name,
        }
    }

    /// For a policy with credentials: only slots validated for credentials.
    #[doc(hidden)]
    pub const fn credentialed<T>(origins: &'static T, name: &'static str) -> SlotRef
    where
        T: NamedInOrigins,
        T::Rules: SafeWithCredentials,
    {
        SlotRef {
            slot: origins,
            for_credentials: true,
            name,
        }
    }

    pub(crate) fn allow(&self, origin: &HeaderValue) -> Option<HeaderValue> {
        self.slot.slot().allow_with(self.for_credentials, origin)
    }
}

/// Implemented by the rules whose slots a policy with `credentials` may name.
#[diagnostic::on_unimplemented(
    message = "a policy with `credentials` names a `RuntimeOrigins<NoCredentials>` slot",
    label = "its entries are not checked for use with credentials (plain `http://` origins are accepted)",
    note = "declare the slot as `RuntimeOrigins` (the default rules, those of a credentialed policy), or remove `credentials`"
)]
pub trait SafeWithCredentials: OriginRules {}

impl SafeWithCredentials for Credentialed {}

/// `https://`, or `http://` on a loopback host: what a credentialed policy accepts without an opt-in.
fn is_credential_safe(origin: &[u8]) -> bool {
    if origin.starts_with(b"https://") {
        return true;
    }
    let Some(authority) = origin.strip_prefix(b"http://") else {
        return false;
    };
    let (host, _) = split_port(authority);
    host == b"localhost"
        || host.ends_with(b".localhost")
        || host == b"[::1]"
        || std::str::from_utf8(host)
            .ok()
            .and_then(|h| h.parse::<std::net::Ipv4Addr>().ok())
            .is_some_and(|ip| ip.is_loopback())
}

/// The rule's own words, and the run-time way out for plain `http://`.
fn credential_risk_reason(risk: &CredentialRisk) -> String {
    match risk {
        CredentialRisk::InsecureScheme => format!(
            "{risk}, or declare the slot as `RuntimeOrigins<NoCredentials>` for policies without credentials"
        ),
        CredentialRisk::PublicSuffixPattern(_) => risk.to_string(),
    }
}

fn pattern(p: &rules::OriginPattern) -> OriginPattern {
    let leak = |s: String| -> &'static str { Box::leak(s.into_boxed_str()) };
    OriginPattern {
        scheme: match p.scheme {
            rules::Scheme::Http => "http://",
            rules::Scheme::Https => "https://",
        },
        host: match &p.host {
            rules::HostPattern::Exact(h) => HostPattern::Exact(leak(h.to_string())),
            rules::HostPattern::Subdomains(d) => HostPattern::Subdomains(leak(format!(".{d}"))),
        },
        port: match p.port {
            rules::PortPattern::Default => PortPattern::Default,
            rules::PortPattern::Any => PortPattern::Any,
            rules::PortPattern::Exact(n) => PortPattern::Exact(leak(n.to_string())),
        },
    }
}

/// Why a [`RuntimeOrigins`] slot was not filled. Its `Display` names the source and the entry, and says how to
/// fix it.
///
/// ```
/// use cors_runtime::{OriginsError, RuntimeOrigins};
///
/// let slot: RuntimeOrigins = RuntimeOrigins::new();
/// match slot.set_list("https://ok.example.com, https://*.github.io") {
///     Err(OriginsError::Entry { index, entry, .. }) => {
///         assert_eq!((index, entry.as_str()), (2, "https://*.github.io"));
///     }
///     other => panic!("{other:?}"),
/// }
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum OriginsError {
    /// An entry broke a rule; `index` counts from 1, over the non-empty entries.
    Entry {
        /// The environment variable the list came from, if any.
        var: Option<String>,
        /// Which entry, counting from 1.
        index: usize,
        /// The entry as given.
        entry: String,
        /// What is wrong and how to fix it, in the words of the compile-time error.
        reason: String,
    },
    /// The environment variable is not set.
    EnvMissing(String),
    /// The environment variable is not valid UTF-8.
    EnvNotUnicode(String),
    /// The slot was already filled: slots are filled once, at start-up.
    AlreadySet,
}

impl fmt::Display for OriginsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OriginsError::Entry {
                var,
                index,
                entry,
                reason,
            } => {
                if let Some(var) = var {
                    write!(f, "{var}: ")?;
                }
                write!(f, "entry {index} (`{entry}`): {reason}")
            }
            OriginsError::EnvMissing(var) => write!(
                f,
                "{var} is not set: set it to a comma-separated list of origins (it may be empty)"
            ),
            OriginsError::EnvNotUnicode(var) => write!(f, "{var} is not valid UTF-8"),
            OriginsError::AlreadySet => f.write_str(
                "these run-time origins were already set: fill each `RuntimeOrigins` once, at start-up",
            ),
        }
    }
}

impl std::error::Error for OriginsError {}
