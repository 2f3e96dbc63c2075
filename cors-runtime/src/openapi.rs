//! utoipa's OpenAPI documents from annotated handlers, with automatic path collection (cargo feature `utoipa`).
//!
//! utoipa-axum's `OpenApiRouter` holds an `axum::Router`, and its `routes!` routes each handler with axum's own
//! `MethodRouter::on`: an annotated handler enters neither (axum's routing would answer none of its
//! preflights). This module is the same pair for [`cors_runtime::Router`](crate::Router): [`routes!`] reads each
//! handler's path and methods from its `#[utoipa::path]` (written above `#[cors]`) and routes it with
//! [`cors_runtime::routing`](crate::routing), and [`OpenApiRouter`] collects the paths into the document while
//! it builds the router. Nothing is written twice: the path strings live in `#[utoipa::path]` only.
//!
//! ```
//! use axum::{extract::Path, http::StatusCode, Json};
//! use cors_runtime::{cors, openapi::OpenApiRouter, routes};
//!
//! #[utoipa::path(get, path = "/todos", responses((status = 200, description = "The todos")))]
//! #[cors(origins = ["https://app.example.com"])]
//! async fn list_todos() -> Json<Vec<String>> { Json(vec![]) }
//!
//! #[utoipa::path(delete, path = "/todos/{id}", params(("id" = u32, Path)), responses((status = 204)))]
//! #[cors(origins = ["https://admin.example.com"])]
//! async fn delete_todo(Path(id): Path<u32>) -> StatusCode { let _ = id; StatusCode::NO_CONTENT }
//!
//! let (app, api) = OpenApiRouter::new()
//!     .routes(routes!(list_todos))
//!     .routes(routes!(delete_todo))
//!     .split_for_parts();
//! let app: cors_runtime::Router = app; // each route answers its preflights by its handler's policy
//! assert!(api.paths.paths.contains_key("/todos/{id}"));
//! ```
//!
//! # Panics
//!
//! Building panics, as axum's own routing does on overlapping routes, when the handlers of one `routes!` have
//! different paths, when `#[utoipa::path]` routes a handler under a method its `#[cors(methods = [...])]` does
//! not list, or under `CONNECT` (which axum cannot route).

use crate::policy::Methods;
use crate::routing::{CorsMethodRouter, IntoEndpoint, RoutableAny};
use crate::Router;
use axum::handler::Handler;
use axum::response::IntoResponse;
use axum::routing::{MethodFilter, Route};
use http::{Method, Request};
use std::convert::Infallible;
use tower_layer::Layer;
use tower_service::Service;
use utoipa::openapi::path::{HttpMethod, Paths};
use utoipa::openapi::schema::Schema;
use utoipa::openapi::{OpenApi, RefOr};

type Body = axum::body::Body;

/// Collects handlers annotated with `#[utoipa::path]` (above `#[cors]`, or plain handlers) into an
/// [`OpenApiMethodRouter`] for [`OpenApiRouter::routes`]: `routes!(list_todos, create_todo)`. The handlers of one
/// `routes!` share one path.
#[doc(inline)]
pub use cors_macros::routes;

/// The handlers of one path, read from their `#[utoipa::path]`: [`routes!`] builds it for
/// [`OpenApiRouter::routes`].
#[must_use = "pass it to `OpenApiRouter::routes`"]
pub struct OpenApiMethodRouter<S = ()> {
    path: Option<String>,
    paths: Paths,
    schemas: Vec<(String, RefOr<Schema>)>,
    router: CorsMethodRouter<S>,
}

impl<S> std::fmt::Debug for OpenApiMethodRouter<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OpenApiMethodRouter")
            .field("path", &self.path)
            .field("router", &self.router)
            .finish_non_exhaustive()
    }
}

impl<S> Default for OpenApiMethodRouter<S>
where
    S: Clone + Send + Sync + 'static,
{
    fn default() -> Self {
        Self {
            path: None,
            paths: Paths::new(),
            schemas: Vec::new(),
            router: CorsMethodRouter::new(),
        }
    }
}

impl<S> OpenApiMethodRouter<S>
where
    S: Clone + Send + Sync + 'static,
{
    /// Adds `handler`, whose `#[utoipa::path]` generated `P`: under each method it names, at its path, in the
    /// document and in the router. What [`routes!`] expands to.
    #[doc(hidden)]
    #[track_caller]
    pub fn add<P, H, T>(mut self, handler: H, name: &'static str) -> Self
    where
        P: utoipa::Path + utoipa::__dev::SchemaReferences,
        H: IntoEndpoint<T, S> + Clone,
        T: RoutableAny,
    {
        let path = P::path();
        match &self.path {
            Some(first) if *first != path => panic!(
                "routes!(...) takes the handlers of one path: `{name}` is at `{path}`, the handlers before it at \
                 `{first}`; write one `routes!` per path"
            ),
            _ => self.path = Some(path.clone()),
        }
        let methods = P::methods();
        for method in &methods {
            let method = http_method(method, name);
            self.router = self.router.on_documented(handler.clone(), method, name);
        }
        self.paths
            .add_path_operation(&path, methods, P::operation());
        P::schemas(&mut self.schemas);
        self
    }
}

fn http_method(method: &HttpMethod, name: &str) -> Method {
    match method {
        HttpMethod::Get => Method::GET,
        HttpMethod::Post => Method::POST,
        HttpMethod::Put => Method::PUT,
        HttpMethod::Delete => Method::DELETE,
        HttpMethod::Options => Method::OPTIONS,
        HttpMethod::Head => Method::HEAD,
        HttpMethod::Patch => Method::PATCH,
        HttpMethod::Trace => panic!(
            "`{name}`: #[utoipa::path(trace, ...)] cannot be routed: browsers refuse to send TRACE"
        ),
    }
}

impl<S> CorsMethodRouter<S>
where
    S: Clone + Send + Sync + 'static,
{
    /// Routes `handler` under `method`, named by its `#[utoipa::path]`: the method is known at run time only, so
    /// an annotated handler's policy is checked here (where `get` and friends check it at compile time).
    #[track_caller]
    fn on_documented<H, T>(self, handler: H, method: Method, name: &str) -> Self
    where
        H: IntoEndpoint<T, S> + Clone,
    {
        // The policy is only known by converting a copy (one function per handler, for build time).
        let (_, policy) = handler.clone().into_endpoint();
        if let Some(Methods::Listed(listed)) = policy.map(crate::Policy::methods) {
            assert!(
                listed.names().contains(&method.as_str()),
                "`{name}` is routed under `{method}` by its #[utoipa::path], which its #[cors] `methods = [...]` \
                 does not list ({}): add `{method}` to `methods`, or route it under a method its policy lists",
                listed.names().join(", ")
            );
        }
        let filter = MethodFilter::try_from(method.clone())
            .unwrap_or_else(|_| panic!("`{name}`: axum cannot route `{method}`"));
        self.on_method(handler, filter, method)
    }
}

/// [`cors_runtime::Router`](crate::Router) and the OpenAPI document of its routes, built together: each
/// [`routes!`] adds its handlers to both. [`split_for_parts`](Self::split_for_parts) gives the router to serve and
/// the document to publish. Its methods mirror utoipa-axum's `OpenApiRouter`.
#[must_use]
pub struct OpenApiRouter<S = ()> {
    router: Router<S>,
    api: OpenApi,
}

impl<S> std::fmt::Debug for OpenApiRouter<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OpenApiRouter")
            .field("router", &self.router)
            .field("paths", &self.api.paths.paths.keys().collect::<Vec<_>>())
            .finish_non_exhaustive()
    }
}

impl<S> Clone for OpenApiRouter<S> {
    fn clone(&self) -> Self {
        Self {
            router: self.router.clone(),
            api: self.api.clone(),
        }
    }
}

impl<S> Default for OpenApiRouter<S>
where
    S: Clone + Send + Sync + 'static,
{
    fn default() -> Self {
        Self::new()
    }
}

impl<S> OpenApiRouter<S>
where
    S: Clone + Send + Sync + 'static,
{
    /// An empty router and an empty document.
    pub fn new() -> Self {
        Self::with_openapi(utoipa::openapi::OpenApiBuilder::new().build())
    }

    /// An empty router, and `api` (a `#[derive(OpenApi)]` document's info, servers, components…) to add the
    /// routes' paths to.
    pub fn with_openapi(api: OpenApi) -> Self {
        Self {
            router: Router::new(),
            api,
        }
    }

    /// Routes the handlers of one path ([`routes!`]) and documents them.
    #[track_caller]
    pub fn routes(mut self, routes: OpenApiMethodRouter<S>) -> Self {
        let OpenApiMethodRouter {
            path,
            paths,
            schemas,
            router,
        } = routes;
        let Some(path) = path else { return self };
        let path = if path.is_empty() { "/" } else { &path };
        self.router = self.router.route(path, router);
        self.api.paths.merge(paths);
        self.api
            .components
            .get_or_insert_with(utoipa::openapi::Components::new)
            .schemas
            .extend(schemas);
        self
    }

    /// Routes `path` without documenting it, as [`Router::route`] does.
    #[track_caller]
    pub fn route(mut self, path: &str, method_router: impl Into<CorsMethodRouter<S>>) -> Self {
        self.router = self.router.route(path, method_router);
        self
    }

    /// Nests `router` and its document under `path`, as [`Router::nest`] does.
    #[track_caller]
    pub fn nest(self, path: &str, router: OpenApiRouter<S>) -> Self {
        // axum's own joining of a nested route's path (private in axum; utoipa-axum copies it too).
        fn joined(prefix: &str, path: &str) -> String {
            let path = if path.is_empty() { "/" } else { path };
            if prefix.ends_with('/') {
                format!("{prefix}{}", path.trim_start_matches('/'))
            } else if path == "/" {
                prefix.into()
            } else {
                format!("{prefix}{path}")
            }
        }
        Self {
            api: self
                .api
                .nest_with_path_composer(joined(path, "/"), router.api, joined),
            router: self.router.nest(path, router.router),
        }
    }

    /// Merges `other` and its document, as [`Router::merge`] does.
    #[track_caller]
    pub fn merge(mut self, other: OpenApiRouter<S>) -> Self {
        self.api.merge(other.api);
        self.router = self.router.merge(other.router);
        self
    }

    /// Wraps every route added so far, as [`Router::layer`] does (CORS stays in front).
    pub fn layer<L>(mut self, layer: L) -> Self
    where
        L: Layer<Route> + Clone + Send + Sync + 'static,
        L::Service: Service<Request<Body>> + Clone + Send + Sync + 'static,
        <L::Service as Service<Request<Body>>>::Response: IntoResponse + 'static,
        <L::Service as Service<Request<Body>>>::Error: Into<Infallible> + 'static,
        <L::Service as Service<Request<Body>>>::Future: Send + 'static,
    {
        self.router = self.router.layer(layer);
        self
    }

    /// Wraps every route added so far, as [`Router::route_layer`] does (CORS stays in front).
    #[track_caller]
    pub fn route_layer<L>(mut self, layer: L) -> Self
    where
        L: Layer<Route> + Clone + Send + Sync + 'static,
        L::Service: Service<Request<Body>> + Clone + Send + Sync + 'static,
        <L::Service as Service<Request<Body>>>::Response: IntoResponse + 'static,
        <L::Service as Service<Request<Body>>>::Error: Into<Infallible> + 'static,
        <L::Service as Service<Request<Body>>>::Future: Send + 'static,
    {
        self.router = self.router.route_layer(layer);
        self
    }

    /// The handler for requests no route matches, as [`Router::fallback`] sets it.
    #[track_caller]
    pub fn fallback<H, T>(mut self, handler: H) -> Self
    where
        H: Handler<T, S>,
        T: 'static,
    {
        self.router = self.router.fallback(handler);
        self
    }

    /// Provides the state, as [`Router::with_state`] does.
    pub fn with_state<S2>(self, state: S) -> OpenApiRouter<S2> {
        OpenApiRouter {
            router: self.router.with_state(state),
            api: self.api,
        }
    }

    /// The document as built so far.
    pub fn get_openapi(&self) -> &OpenApi {
        &self.api
    }

    /// The router to serve and the document to publish.
    pub fn split_for_parts(self) -> (Router<S>, OpenApi) {
        (self.router, self.api)
    }
}
