//! CORS as a property of the axum handler, checked by the compiler.
//!
//! ```
//! use axum::{http::StatusCode, Json, Router};
//! use cors_runtime::{cors, routing::{get, post}};
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
//! let app: Router = Router::new().route("/items", get(list_items).post(create_item).into());
//! ```
//!
//! - The policy is checked at compile time: `origins = "*"` with `credentials`, a malformed origin, a
//!   forbidden header and every other mistake the protocol makes meaningless is a compile error that points
//!   at the offending token.
//! - Every response of an annotated handler carries the policy's headers, extractor rejections included.
//! - [`routing`] answers `OPTIONS` preflights for every path with an annotated handler, each method by the
//!   policy of its own handler, before any extractor or handler code runs.
//! - Header values are built by the compiler; a request costs a lookup and a few header inserts.
//!
//! The annotated function becomes a unit struct of the same name, which [`routing`] accepts like a handler.
//! The function as written stays callable as `name::handler(...)`.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

extern crate self as cors_runtime;

mod actual;
pub mod origin;
pub mod policy;
mod preflight;
#[doc(hidden)]
pub mod private;
mod refusal;
pub mod request_headers;
pub mod routing;
pub mod runtime_origins;
mod vary;

#[doc(hidden)]
pub use private as __private;

/// Puts a CORS policy on an async axum handler, checked at compile time.
///
/// Keys: `origins` (required), `methods`, `headers`, `expose`, `credentials`, `max_age`, `preflight_status`,
/// `refuse_disallowed`, `policy` (a [`cors_policy!`]), and the opt-ins `dangerously_reflect_any_origin`,
/// `dangerously_allow_insecure_origins`, `dangerously_allow_public_suffix_patterns`. The project's
/// `docs/policy-reference.md` describes each; `docs/diagnostics.md` lists every compile error.
///
/// The function becomes a unit struct of the same name that [`routing`] accepts; the function as written stays
/// callable as `name::handler(...)`:
///
/// ```
/// use axum::Router;
/// use cors_runtime::{cors, routing::get};
///
/// #[cors(origins = ["https://app.example.com", "http://localhost:*"], methods = [GET], max_age = 600)]
/// async fn hello() -> &'static str {
///     "hello"
/// }
///
/// let app: Router = Router::new().route("/hello", get(hello).into());
/// # let _ = hello::handler();
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
/// use axum::Router;
/// use cors_runtime::{cors, Annotated, routing::get};
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
/// let app: Router = Router::new().route("/projects", get(list_projects).into());
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
pub use preflight::is_preflight;
pub use refusal::Refusal;
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
