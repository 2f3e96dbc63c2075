//! Every route's policy on one page: [`Router::cors_report`](crate::Router::cors_report), for a security review,
//! a snapshot test or a start-up log.
//!
//! ```
//! use cors_runtime::{cors, routing::get, Router};
//!
//! #[cors(origins = ["https://app.example.com"], methods = [GET], credentials, max_age = 600)]
//! async fn list_todos() -> &'static str { "[]" }
//!
//! async fn health() -> &'static str { "ok" }
//!
//! let api: Router = Router::new().route("/todos", get(list_todos));
//! let app: Router = Router::new()
//!     .nest("/api", api)
//!     .route("/health", axum::routing::get(health));
//! assert_eq!(
//!     app.cors_report().to_string(),
//!     "GET  /api/todos  origins https://app.example.com; credentials; methods GET; max_age 600\n\
//!      *    /health     no policy (an axum MethodRouter)\n"
//! );
//! ```

use crate::policy::{Headers, Methods, Origins, Policy};
use crate::protocol::origin_list::{HostPattern, OriginPattern, PortPattern};
use std::fmt;

/// Every route of a router, each method with its policy, sorted by path then method: see the
/// [module documentation](self). `Display` prints one line per method and path.
#[derive(Debug, Clone)]
pub struct CorsReport {
    routes: Vec<ReportedRoute>,
}

/// One method of one route.
#[derive(Debug, Clone)]
pub struct ReportedRoute {
    /// `GET`, …, or `*` for a handler routed with `any`, a service, or an axum `MethodRouter` (whose methods are
    /// not known).
    pub method: String,
    /// The full path template, as axum matches it (through `nest` and `merge`).
    pub path: String,
    /// What answers it.
    pub handler: Handler,
}

/// What answers a route.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub enum Handler {
    /// A `#[cors]` handler, with its policy.
    Annotated(&'static Policy),
    /// A plain handler routed with `cors_runtime::routing`: no policy.
    Plain,
    /// An axum `MethodRouter` (`axum::routing::get(h)`): no policy, methods not known.
    AxumMethodRouter,
    /// A tower service (`route_service`): no policy.
    Service,
    /// A nested service (`nest_service`), at its prefix: no policy, whatever it routes.
    NestedService,
    /// The fallback (`fallback`, `fallback_service`): no policy.
    Fallback,
}

impl CorsReport {
    pub(crate) fn new(routes: Vec<ReportedRoute>) -> Self {
        Self { routes }
    }

    /// The routes, sorted by path then method (the fallback last).
    pub fn routes(&self) -> &[ReportedRoute] {
        &self.routes
    }
}

impl fmt::Display for Handler {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Handler::Annotated(policy) => policy.fmt(f),
            Handler::Plain => f.write_str("no policy"),
            Handler::AxumMethodRouter => f.write_str("no policy (an axum MethodRouter)"),
            Handler::Service => f.write_str("no policy (a service)"),
            Handler::NestedService => {
                f.write_str("no policy (a nested service, with whatever it routes)")
            }
            Handler::Fallback => f.write_str("no policy"),
        }
    }
}

impl fmt::Display for CorsReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let method = self
            .routes
            .iter()
            .map(|r| r.method.len())
            .max()
            .unwrap_or(0);
        let path = self.routes.iter().map(|r| r.path.len()).max().unwrap_or(0);
        for r in &self.routes {
            writeln!(f, "{:method$}  {:path$}  {}", r.method, r.path, r.handler)?;
        }
        Ok(())
    }
}

/// One line: origins (patterns and run-time slots by name), credentials, methods, headers, expose, max-age and
/// refuse mode, each only when the policy sets it. Preceded by its named policy, if any, in
/// [`name`](Policy::name).
///
/// ```
/// use cors_runtime::{cors, policy_of};
///
/// #[cors(origins = ["https://app.example.com", "https://*.example.org:*"], headers = ["*", "authorization"],
///        expose = ["x-total-count"], refuse_disallowed)]
/// async fn items() {}
///
/// assert_eq!(
///     policy_of(items).to_string(),
///     "origins https://app.example.com, https://*.example.org:*; methods as routed; \
///      headers *, authorization; expose x-total-count; refuse_disallowed"
/// );
/// ```
impl fmt::Display for Policy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("origins ")?;
        match self.origins() {
            Origins::Any => f.write_str("*")?,
            Origins::ReflectAny => f.write_str("any, echoed (dangerously_reflect_any_origin)")?,
            Origins::Listed(matcher) => {
                let exact = matcher.exact.iter().map(|e| e.origin.to_owned());
                let patterns = matcher.patterns.iter().map(pattern);
                let slots = matcher
                    .runtime
                    .iter()
                    .map(|s| format!("{} (set at run time)", s.name));
                let all: Vec<String> = exact.chain(patterns).chain(slots).collect();
                f.write_str(&all.join(", "))?;
            }
        }
        if self.credentials() {
            f.write_str("; credentials")?;
        }
        match self.methods() {
            Methods::Routed => f.write_str("; methods as routed")?,
            Methods::Any => f.write_str("; methods *")?,
            Methods::Listed(list) => write!(f, "; methods {}", list.names().join(", "))?,
        }
        match self.headers() {
            Headers::Listed(list) if list.names().is_empty() => {}
            Headers::Listed(list) => write!(f, "; headers {}", list.names().join(", "))?,
            Headers::Any(list) if list.names().is_empty() => f.write_str("; headers *")?,
            Headers::Any(list) => write!(f, "; headers *, {}", list.names().join(", "))?,
        }
        if let Some(expose) = self.expose() {
            write!(f, "; expose {}", String::from_utf8_lossy(expose.as_bytes()))?;
        }
        if let Some(max_age) = self.max_age() {
            write!(
                f,
                "; max_age {}",
                String::from_utf8_lossy(max_age.as_bytes())
            )?;
        }
        if self.preflight_status() != http::StatusCode::NO_CONTENT {
            write!(f, "; preflight_status {}", self.preflight_status().as_u16())?;
        }
        if self.refuse_disallowed() {
            f.write_str("; refuse_disallowed")?;
        }
        Ok(())
    }
}

/// A pattern as written: `https://*.example.com:*`.
fn pattern(p: &OriginPattern) -> String {
    let host = match p.host {
        HostPattern::Exact(h) => h.to_owned(),
        HostPattern::Subdomains(suffix) => format!("*{suffix}"),
    };
    let port = match p.port {
        PortPattern::Default => String::new(),
        PortPattern::Exact(n) => format!(":{n}"),
        PortPattern::Any => ":*".to_owned(),
    };
    format!("{}{host}{port}", p.scheme)
}
