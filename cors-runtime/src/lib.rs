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

pub use cors_macros::{cors, cors_policy};
pub use policy::Policy;
pub use preflight::is_preflight;
pub use refusal::Refusal;
pub use runtime_origins::{OriginsError, RuntimeOrigins};

/// A handler annotated with `#[cors]`: the compiler implements this for the handler's unit struct.
pub trait Annotated {
    /// The handler's policy.
    fn policy() -> &'static Policy;
}
