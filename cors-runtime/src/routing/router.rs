//! [`Router`]: axum's `Router`, mirrored method for method, that knows the CORS policy of every route and enforces
//! it in front of everything the application adds (see `service.rs`).

use crate::routing::method_router::CorsMethodRouter;
use crate::routing::refused::{NotAnAxumRouter, UseCorsRouter};
use crate::routing::route_table::RouteTable;
use axum::handler::Handler;
use axum::response::IntoResponse;
use axum::routing::Route;
use http::Request;
use std::convert::Infallible;
use std::sync::Arc;
use tower_layer::Layer;
use tower_service::Service;

type Body = axum::body::Body;

/// axum's [`Router`](axum::Router), with CORS in front of it: the routes' policies come from their `#[cors]`
/// handlers, and are enforced before any layer the application adds.
///
/// It has axum's API (`route`, `nest`, `merge`, `layer`, `route_layer`, `fallback`, `with_state`, …) with axum's
/// behaviour, so moving an app is a change of import. Serve it as it is (`axum::serve(listener, app)`) or call it
/// as a `tower::Service`:
///
/// - A preflight to a path with annotated handlers is answered here, by the policy of the handler routed for the
///   requested method, before any layer, extractor or handler runs.
/// - Every response of an annotated handler's route and method carries its policy's headers: the handler's own,
///   its `Err`s, extractor rejections, and what the application's middleware answers (a 401, a 413, a 429, …).
///
/// The one order rule: add layers with [`Router::layer`] (or `route_layer`, or on a method router), not around
/// the finished service. A layer wrapped around it from outside (`ServiceBuilder::service(app)`) stands in front
/// of CORS, as it would in front of tower-http's `CorsLayer`.
///
/// ```
/// use axum::{extract::Request, http::StatusCode, middleware::{from_fn, Next}, response::Response};
/// use cors_runtime::{cors, routing::{get, post}, Router};
///
/// #[cors(origins = ["https://app.example.com"], methods = [GET], credentials)]
/// async fn list_todos() -> &'static str { "[]" }
///
/// #[cors(origins = ["https://app.example.com"], methods = [POST],
///        headers = ["content-type", "authorization"], credentials)]
/// async fn create_todo(body: String) -> (StatusCode, String) { (StatusCode::CREATED, body) }
///
/// async fn require_bearer(req: Request, next: Next) -> Result<Response, StatusCode> {
///     match req.headers().get("authorization") {
///         Some(_) => Ok(next.run(req).await),
///         None => Err(StatusCode::UNAUTHORIZED), // still carries the CORS headers: the front-end can read it
///     }
/// }
///
/// let app: Router = Router::new()
///     .route("/todos", get(list_todos).post(create_todo))
///     .layer(from_fn(require_bearer)); // preflights never reach it
/// ```
#[must_use]
pub struct Router<S = ()> {
    pub(crate) inner: axum::Router<S>,
    pub(crate) table: Arc<RouteTable>,
}

impl<S> Clone for Router<S> {
    fn clone(&self) -> Self {
        Self {
            inner: self.inner.clone(),
            table: Arc::clone(&self.table),
        }
    }
}

impl<S> std::fmt::Debug for Router<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Router")
            .field("routes", &self.table)
            .finish_non_exhaustive()
    }
}

impl<S> Default for Router<S>
where
    S: Clone + Send + Sync + 'static,
{
    fn default() -> Self {
        Self::new()
    }
}

/// Refused at compile time: as an axum `Router`, nothing would answer this router's preflights or stand in front
/// of the layers added to it afterwards. Serve the `cors_runtime::Router` itself.
impl<S> From<Router<S>> for axum::Router<S>
where
    S: UseCorsRouter<Router<S>>,
{
    fn from(_: Router<S>) -> Self {
        unreachable!("`UseCorsRouter` has no implementations")
    }
}

/// Refused at compile time: an `axum::Router` hides its paths, so its routes could not be matched as axum matches
/// them, and a `cors_runtime::Router` could not answer their preflights. Attach it with
/// [`nest_service`](Router::nest_service) or [`fallback_service`](Router::fallback_service).
impl<S> From<axum::Router<S>> for Router<S>
where
    S: NotAnAxumRouter<axum::Router<S>>,
{
    fn from(_: axum::Router<S>) -> Self {
        unreachable!("`NotAnAxumRouter` has no implementations")
    }
}

impl<S> Router<S>
where
    S: Clone + Send + Sync + 'static,
{
    /// An empty router: every request gets axum's 404.
    pub fn new() -> Self {
        Self {
            inner: axum::Router::new(),
            table: Arc::default(),
        }
    }

    fn map(
        self,
        inner: impl FnOnce(axum::Router<S>) -> axum::Router<S>,
        table: impl FnOnce(&mut RouteTable),
    ) -> Self {
        let mut this = self;
        this.inner = inner(this.inner);
        table(Arc::make_mut(&mut this.table));
        this
    }

    /// Routes `path` to a method router: [`routing::get`](crate::routing::get) and friends, for annotated and
    /// plain handlers alike, or a plain [`axum::routing::MethodRouter`]. As in axum, routing one path in several
    /// calls merges the method routers (each method once).
    ///
    /// # Panics
    ///
    /// As [`axum::Router::route`] does: when `path` is empty or does not start with `/`, when its syntax is
    /// invalid (`/{a`), or when it routes a method this path already routes.
    #[track_caller]
    pub fn route(self, path: &str, method_router: impl Into<CorsMethodRouter<S>>) -> Self {
        let CorsMethodRouter { router, policies } = method_router.into();
        self.map(|r| r.route(path, router), |t| t.route(path, &policies))
    }

    /// Routes `path` to a tower service, as [`axum::Router::route_service`] does. It has no CORS policy.
    ///
    /// # Panics
    ///
    /// As axum's does: for an invalid `path`, or one already routed.
    #[track_caller]
    pub fn route_service<T>(self, path: &str, service: T) -> Self
    where
        T: Service<Request<Body>, Error = Infallible> + Clone + Send + Sync + 'static,
        T::Response: IntoResponse,
        T::Future: Send + 'static,
    {
        self.map(|r| r.route_service(path, service), |t| t.plain(path))
    }

    /// Nests `router` under `path`, as [`axum::Router::nest`] does. Its routes keep their policies; preflights
    /// and headers work under the prefix. An `axum::Router` is refused at compile time (its paths are hidden):
    /// attach it with [`nest_service`](Router::nest_service).
    ///
    /// # Panics
    ///
    /// As [`axum::Router::nest`] does: when `path` is empty, `/` (use [`merge`](Router::merge)), contains a
    /// wildcard, or overlaps a route already added.
    #[track_caller]
    pub fn nest(self, path: &str, router: impl Into<Router<S>>) -> Self {
        let Router { inner, table } = router.into();
        self.map(|r| r.nest(path, inner), |t| t.nest(path, &table))
    }

    /// Nests a tower service under `path`, as [`axum::Router::nest_service`] does. A `cors_runtime::Router`
    /// nested this way enforces its own policies.
    ///
    /// # Panics
    ///
    /// As [`nest`](Router::nest) does.
    #[track_caller]
    pub fn nest_service<T>(self, path: &str, service: T) -> Self
    where
        T: Service<Request<Body>, Error = Infallible> + Clone + Send + Sync + 'static,
        T::Response: IntoResponse,
        T::Future: Send + 'static,
    {
        self.map(|r| r.nest_service(path, service), |t| t.nest_service(path))
    }

    /// Merges the routes of `other`, as [`axum::Router::merge`] does: two routers may share a path (each method
    /// once), and each method keeps its own policy. An `axum::Router` is refused at compile time (its paths are
    /// hidden): attach it with [`fallback_service`](Router::fallback_service).
    ///
    /// # Panics
    ///
    /// As [`axum::Router::merge`] does: when both routers route the same method of a path, or both have a
    /// fallback.
    #[track_caller]
    pub fn merge(self, other: impl Into<Router<S>>) -> Self {
        let Router { inner, table } = other.into();
        self.map(|r| r.merge(inner), |t| t.merge(&table))
    }

    /// Wraps every route added so far, and the fallback, in `layer`, as [`axum::Router::layer`] does. CORS stays in
    /// front of it.
    pub fn layer<L>(self, layer: L) -> Self
    where
        L: Layer<Route> + Clone + Send + Sync + 'static,
        L::Service: Service<Request<Body>> + Clone + Send + Sync + 'static,
        <L::Service as Service<Request<Body>>>::Response: IntoResponse + 'static,
        <L::Service as Service<Request<Body>>>::Error: Into<Infallible> + 'static,
        <L::Service as Service<Request<Body>>>::Future: Send + 'static,
    {
        self.map(|r| r.layer(layer), |_| {})
    }

    /// Wraps every route added so far in `layer`, as [`axum::Router::route_layer`] does. CORS stays in front of it.
    ///
    /// # Panics
    ///
    /// When no route has been added yet, as axum's does.
    #[track_caller]
    pub fn route_layer<L>(self, layer: L) -> Self
    where
        L: Layer<Route> + Clone + Send + Sync + 'static,
        L::Service: Service<Request<Body>> + Clone + Send + Sync + 'static,
        <L::Service as Service<Request<Body>>>::Response: IntoResponse + 'static,
        <L::Service as Service<Request<Body>>>::Error: Into<Infallible> + 'static,
        <L::Service as Service<Request<Body>>>::Future: Send + 'static,
    {
        self.map(|r| r.route_layer(layer), |_| {})
    }

    /// Every route and method with its policy, and the routes that have none, with full paths through `nest` and
    /// `merge`: for a security review, a snapshot test, or a start-up log (`println!("{}", app.cors_report())`).
    /// See [`report`](crate::report).
    pub fn cors_report(&self) -> crate::CorsReport {
        crate::CorsReport::new(self.table.report())
    }

    /// Whether any route has been added, as [`axum::Router::has_routes`] says.
    pub fn has_routes(&self) -> bool {
        self.inner.has_routes()
    }

    /// The handler for requests no route matches, as [`axum::Router::fallback`] sets it. It has no CORS policy.
    #[track_caller]
    pub fn fallback<H, T>(self, handler: H) -> Self
    where
        H: Handler<T, S>,
        T: 'static,
    {
        self.map(|r| r.fallback(handler), RouteTable::fallback)
    }

    /// The service for requests no route matches, as [`axum::Router::fallback_service`] sets it.
    pub fn fallback_service<T>(self, service: T) -> Self
    where
        T: Service<Request<Body>, Error = Infallible> + Clone + Send + Sync + 'static,
        T::Response: IntoResponse,
        T::Future: Send + 'static,
    {
        self.map(|r| r.fallback_service(service), RouteTable::fallback)
    }

    /// The handler for a method a route does not serve, as [`axum::Router::method_not_allowed_fallback`] sets
    /// it. Preflights to annotated routes never reach it.
    pub fn method_not_allowed_fallback<H, T>(self, handler: H) -> Self
    where
        H: Handler<T, S>,
        T: 'static,
    {
        self.map(|r| r.method_not_allowed_fallback(handler), |_| {})
    }

    /// Provides the state, as [`axum::Router::with_state`] does: a `Router<()>` is what gets served.
    pub fn with_state<S2>(self, state: S) -> Router<S2> {
        Router {
            inner: self.inner.with_state(state),
            table: self.table,
        }
    }
}

impl Router<()> {
    /// Puts `layer` in front of CORS, around the whole router, where it sees every request: preflights answered
    /// here included, with the status they got. This is the place for layers that observe (`TraceLayer`,
    /// metrics, request ids, access logs), never for one that answers (an authentication layer here would
    /// answer preflights with 401: add those with [`layer`](Router::layer), behind CORS).
    ///
    /// The result is the finished app, an `axum::Router` whose only route is this router: serve it with
    /// `axum::serve`, with or without `into_make_service_with_connect_info`, and call `.layer(...)` on it for
    /// more observers. Events of refused requests land inside the span of a `TraceLayer` added here.
    ///
    /// ```
    /// use axum::{extract::Request, http::StatusCode, middleware::{from_fn, Next}, response::Response};
    /// use cors_runtime::{cors, routing::get, Router};
    ///
    /// #[cors(origins = ["https://app.example.com"], headers = ["authorization"])]
    /// async fn list_todos() -> &'static str { "[]" }
    ///
    /// async fn require_bearer(req: Request, next: Next) -> Result<Response, StatusCode> {
    ///     let authorized = req.headers().contains_key("authorization");
    ///     if authorized { Ok(next.run(req).await) } else { Err(StatusCode::UNAUTHORIZED) }
    /// }
    ///
    /// async fn access_log(req: Request, next: Next) -> Response {
    ///     let (method, path) = (req.method().clone(), req.uri().path().to_owned());
    ///     let res = next.run(req).await;
    ///     println!("access: {method} {path} {}", res.status().as_u16());
    ///     res
    /// }
    ///
    /// let app: axum::Router = Router::new()
    ///     .route("/todos", get(list_todos))
    ///     .layer(from_fn(require_bearer)) // behind CORS: preflights never reach it
    ///     .observe(from_fn(access_log)); // in front of CORS: sees every request, preflights included
    /// // axum::serve(listener, app).await
    /// ```
    pub fn observe<L>(self, layer: L) -> axum::Router
    where
        L: Layer<Route> + Clone + Send + Sync + 'static,
        L::Service: Service<Request<Body>> + Clone + Send + Sync + 'static,
        <L::Service as Service<Request<Body>>>::Response: IntoResponse + 'static,
        <L::Service as Service<Request<Body>>>::Error: Into<Infallible> + 'static,
        <L::Service as Service<Request<Body>>>::Future: Send + 'static,
    {
        axum::Router::new()
            .fallback_service(self.with_state(()))
            .layer(layer)
    }

    /// A make-service for `axum::serve` and hyper, as [`axum::Router::into_make_service`] makes (serving the
    /// router as it is works too).
    pub fn into_make_service(self) -> axum::routing::IntoMakeService<Self> {
        axum::ServiceExt::<Request<Body>>::into_make_service(self.with_state(()))
    }

    /// A make-service that gives handlers and layers the connection's [`ConnectInfo`](axum::extract::ConnectInfo)
    /// (the peer's address, say), as [`axum::Router::into_make_service_with_connect_info`] does.
    ///
    /// ```no_run
    /// use cors_runtime::{cors, routing::get, Router};
    /// use std::net::SocketAddr;
    ///
    /// #[cors(origins = ["https://app.example.com"])]
    /// async fn hello() -> &'static str { "hello" }
    ///
    /// # async fn run() -> std::io::Result<()> {
    /// let app: Router = Router::new().route("/hello", get(hello));
    /// let listener = tokio::net::TcpListener::bind("127.0.0.1:3000").await?;
    /// axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>()).await
    /// # }
    /// ```
    #[cfg(feature = "serve")]
    pub fn into_make_service_with_connect_info<C>(
        self,
    ) -> axum::extract::connect_info::IntoMakeServiceWithConnectInfo<Self, C> {
        axum::ServiceExt::<Request<Body>>::into_make_service_with_connect_info(self.with_state(()))
    }
}
