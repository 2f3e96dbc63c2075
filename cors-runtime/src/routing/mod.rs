//! Routing annotated handlers: [`Router`](crate::Router), axum's router with CORS in front of it, and `get`,
//! `post`, … shaped like axum's, for annotated and plain handlers alike.
//!
//! ```
//! use cors_runtime::{cors, routing::{get, post}, Router};
//!
//! #[cors(origins = "*", methods = [GET])]
//! async fn list_items() -> &'static str { "[]" }
//!
//! #[cors(origins = ["https://app.example.com"], methods = [POST], headers = ["content-type"], credentials)]
//! async fn create_item(body: String) -> String { body }
//!
//! async fn delete_item() {}
//!
//! let app: Router = Router::new()
//!     // GET and POST each answer their own preflights.
//!     .route("/items", get(list_items).post(create_item))
//!     // Plain axum routes merge in as usual; their methods are refused in preflights.
//!     .route("/items", axum::routing::delete(delete_item));
//! ```
//!
//! An annotated handler can only be routed under a method its policy lists (every method when it has no
//! `methods` key); anything else is a compile error. Routing it with `axum::routing::get`, or putting these
//! method routers on an `axum::Router`, is a compile error too: nothing would answer its preflights there.
//!
//! The application's own `options(...)` handler receives every `OPTIONS` request that is not a preflight;
//! preflights to a path with annotated handlers never reach it.
//!
//! Files: `router.rs` (the [`Router`](crate::Router) API), `method_router.rs` (`get`, `post`, …),
//! `route_table.rs` (paths matched as axum matches them), `service.rs` (enforcement, in front of the
//! application's layers), `endpoint.rs` (an annotated handler as axum calls it), `refused.rs` (the conversions
//! that would lose a policy, refused with a message).

mod endpoint;
mod method_router;
mod refused;
mod route_table;
pub(crate) mod router;
mod service;

#[doc(hidden)]
pub use endpoint::CorsFn;
pub use method_router::{
    any, delete, get, head, options, patch, post, put, CorsMethodRouter, IntoEndpoint,
};
#[doc(hidden)]
pub use method_router::{Plain, RoutableAny, RoutableAs, WithPolicy};
#[doc(hidden)]
pub use refused::{NotAnAxumRouter, UseCorsRouter};
pub use service::ResponseFuture;
