//! CORS as a property of the axum handler, checked by the compiler.
//!
//! ```
//! use axum::{http::StatusCode, Json};
//! use cors_runtime::{cors, routing::{get, post}, Router};
//!
//! #[cors(origins = ["https://app.example.com", "https://*.staging.example.com"],
//!        methods = [GET], credentials, expose = ["x-total-count"], max_age = 600)]
//! async fn list_items() -> Json<Vec<String>> {
//!     Json(vec!["apple".into()])
//! }
//!
//! #[cors(origins = ["https://app.example.com"], methods = [POST],
//!        headers = ["content-type", "authorization"], credentials)]
//! async fn create_item(Json(item): Json<String>) -> StatusCode {
//!     let _ = item;
//!     StatusCode::CREATED
//! }
//!
//! let app: Router = Router::new().route("/items", get(list_items).post(create_item));
//! // axum::serve(listener, app).await
//!
//! // In a unit test, the handler is called as the function it is:
//! # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
//! let Json(items) = list_items().await;
//! assert_eq!(items, ["apple"]);
//! # });
//! ```
//!
//! - The policy is checked at compile time: `origins = "*"` with `credentials`, a malformed origin, a
//!   forbidden header and every other mistake the protocol makes meaningless is a compile error that points
//!   at the offending token.
//! - [`Router`] is axum's router with CORS in front of it: it answers `OPTIONS` preflights for every path with
//!   an annotated handler, each method by the policy of its own handler, before any layer the application added
//!   (authentication, body limits, rate limits), and puts the policy's headers on every response of that route
//!   and method: the handler's, extractor rejections, and the 401 or 413 of the application's middleware.
//! - Add layers with [`Router::layer`], as in axum; a layer wrapped around the finished router from outside
//!   stands in front of CORS.
//! - Header values are built by the compiler; a request costs a route lookup and a few header inserts.
//!
//! The annotated function becomes a unit struct of the same name, which [`routing`] accepts like a handler and
//! which is called like the function (`name(...)`, or `name::handler(...)`). `#[axum::debug_handler]` and
//! `#[tracing::instrument]` are written under `#[cors]` (above it works too): they see the function as written.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

extern crate self as cors_runtime;

pub mod policy;
#[doc(hidden)]
pub mod private;
mod protocol;
mod refusal;
pub mod routing;
pub mod runtime_origins;

/// Origin matching: what `#[cors(origins = [...])]` compiles to.
pub mod origin {
    pub use crate::protocol::origin::MAX_ORIGIN_LEN;
    pub use crate::protocol::origin_list::{ExactOrigin, HostPattern, OriginPattern, PortPattern};
    pub use crate::protocol::origin_matcher::OriginMatcher;
}
pub use protocol::request_headers;

#[doc(hidden)]
pub use private as __private;

/// Puts a CORS policy on an async axum handler, checked at compile time.
///
/// Keys: `origins` (required), `methods`, `headers`, `expose`, `credentials`, `max_age`, `preflight_status`,
/// `refuse_disallowed`, `policy` (a [`cors_policy!`]), and the opt-ins `dangerously_reflect_any_origin`,
/// `dangerously_allow_insecure_origins`, `dangerously_allow_public_suffix_patterns`. The project's
/// `docs/policy-reference.md` describes each; `docs/diagnostics.md` lists every compile error.
///
/// The function becomes a unit struct of the same name that [`routing`] accepts, and that is called like the
/// function (`name(...)`, or `name::handler(...)`); attributes written under `#[cors]`, such as
/// `#[axum::debug_handler]` or `#[tracing::instrument]`, stay on the function as written:
///
/// ```
/// use cors_runtime::{cors, routing::get, Router};
///
/// #[cors(origins = ["https://app.example.com", "http://localhost:*"], methods = [GET], max_age = 600)]
/// async fn hello() -> &'static str {
///     "hello"
/// }
///
/// let app: Router = Router::new().route("/hello", get(hello));
/// # let _ = hello::handler();
/// # let _ = hello();
/// ```
///
/// A policy that cannot work does not compile:
///
/// ```compile_fail
/// use cors_runtime::cors;
///
/// #[cors(origins = "*", credentials)] // browsers reject `*` with credentials
/// async fn profile() -> &'static str { "{}" }
/// ```
#[doc(inline)]
pub use cors_macros::cors;

/// Declares named policies, each shared by many handlers with `#[cors(policy = NAME, ...)]`.
///
/// Each declaration is `visibility NAME(keys of #[cors]);` and is checked where it is written, like an inline
/// policy. A handler may add keys its named policy leaves out (typically `methods`, `headers`, `expose`), never
/// change one it sets. A named policy is a `macro_rules!` macro of its name: private (this module and its
/// children, after the declaration) or `pub(crate)` (anywhere in the crate by path), never `pub`.
///
/// ```
/// use cors_runtime::{cors, Annotated, routing::get, Router};
///
/// mod policies {
///     cors_runtime::cors_policy! {
///         /// Our web app, with cookies.
///         pub(crate) WEB_APP(origins = ["https://app.example.com"], credentials, max_age = 600);
///     }
/// }
///
/// #[cors(policy = policies::WEB_APP, methods = [GET], expose = ["x-total-count"])]
/// async fn list_projects() -> &'static str {
///     "[]"
/// }
///
/// let app: Router = Router::new().route("/projects", get(list_projects));
/// assert!(<list_projects as Annotated>::policy().credentials);
/// ```
///
/// ```compile_fail
/// cors_runtime::cors_policy! {
///     WEB_APP(origins = ["https://app.example.com"], max_age = 600);
/// }
///
/// #[cors_runtime::cors(policy = WEB_APP, max_age = 5)] // a handler cannot change a key its policy sets
/// async fn list_projects() -> &'static str { "[]" }
/// ```
#[doc(inline)]
pub use cors_macros::cors_policy;
pub use policy::Policy;
pub use protocol::preflight::is_preflight;
pub use refusal::Refusal;
pub use routing::router::Router;
pub use runtime_origins::{OriginsError, RuntimeOrigins};

/// A handler annotated with `#[cors]`: the compiler implements this for the handler's unit struct.
///
/// ```
/// use cors_runtime::{cors, policy::Origins, Annotated};
///
/// #[cors(origins = ["https://app.example.com"], refuse_disallowed)]
/// async fn strict() {}
///
/// let policy = <strict as Annotated>::policy();
/// assert_eq!(policy.name, "strict");
/// assert!(policy.refuse_disallowed && matches!(policy.origins, Origins::Listed(_)));
/// ```
pub trait Annotated {
    /// The handler's policy.
    fn policy() -> &'static Policy;
}
