//! `get`, `post`, … and [`CorsMethodRouter`]: axum's method routing, plus the policy of each annotated handler.

use crate::handler::Cors;
use crate::method::{self, Lists};
use crate::policy::Policy;
use crate::protocol::path_policies::{PathPolicies, Routed};
use crate::routing::endpoint::{CorsFn, Endpoint};
use crate::routing::refused::UseCorsRouter;
use axum::handler::Handler;
use axum::response::IntoResponse;
use axum::routing::{MethodFilter, MethodRouter, Route};
use http::{Method, Request};
use std::convert::Infallible;
use std::marker::PhantomData;
use tower_layer::Layer;
use tower_service::Service;

/// The handlers of one path: axum's [`MethodRouter`], plus the CORS policy of each annotated handler.
///
/// Pass it to [`Router::route`](crate::Router::route). Plain axum method routers are accepted there too.
///
/// ```
/// use cors_runtime::{cors, routing::CorsMethodRouter, Router};
///
/// #[cors(origins = ["https://app.example.com"])]
/// async fn show() -> &'static str { "{}" }
///
/// let app: Router = Router::new().route("/item", CorsMethodRouter::new().get(show));
/// ```
#[must_use = "pass it to `Router::route(path, ...)`"]
pub struct CorsMethodRouter<S = ()> {
    pub(crate) router: MethodRouter<S>,
    pub(crate) policies: PathPolicies,
}

impl<S> std::fmt::Debug for CorsMethodRouter<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CorsMethodRouter")
            .field("policies", &self.policies)
            .finish_non_exhaustive()
    }
}

impl<S> Default for CorsMethodRouter<S>
where
    S: Clone + Send + Sync + 'static,
{
    fn default() -> Self {
        Self::new()
    }
}

impl<S> From<MethodRouter<S>> for CorsMethodRouter<S> {
    /// A plain axum method router: its handlers have no CORS policy.
    fn from(router: MethodRouter<S>) -> Self {
        let mut policies = PathPolicies::default();
        policies.push_axum_methods();
        Self { router, policies }
    }
}

/// Refused at compile time: an axum `Router` would never answer this chain's preflights, nor put CORS headers in
/// front of its layers. Route it on [`cors_runtime::Router`](crate::Router) instead.
impl<S> From<CorsMethodRouter<S>> for MethodRouter<S>
where
    S: UseCorsRouter<CorsMethodRouter<S>>,
{
    fn from(_: CorsMethodRouter<S>) -> Self {
        unreachable!("`UseCorsRouter` has no implementations")
    }
}

impl<S> CorsMethodRouter<S>
where
    S: Clone + Send + Sync + 'static,
{
    /// An empty router (every method answered with axum's usual 405), to chain handlers onto.
    pub fn new() -> Self {
        Self {
            router: MethodRouter::new(),
            policies: PathPolicies::default(),
        }
    }

    /// Every delegating method, as `Router`'s: axum's method router changed, the policies kept (or extended).
    fn map(
        self,
        router: impl FnOnce(MethodRouter<S>) -> MethodRouter<S>,
        policies: impl FnOnce(&mut PathPolicies),
    ) -> Self {
        let mut this = self;
        this.router = router(this.router);
        policies(&mut this.policies);
        this
    }

    /// Wraps every handler of this path, and its 405 answer, in `layer`, as [`MethodRouter::layer`] does.
    /// CORS stays in front of it: preflights never reach it, and its own answers carry the policy's headers.
    ///
    /// ```
    /// use axum::{extract::Request, middleware::{from_fn, Next}, response::Response};
    /// use cors_runtime::{cors, routing::get, Router};
    ///
    /// async fn audit(req: Request, next: Next) -> Response { next.run(req).await }
    ///
    /// #[cors(origins = ["https://app.example.com"])]
    /// async fn show() -> &'static str { "{}" }
    ///
    /// let app: Router = Router::new().route("/item", get(show).layer(from_fn(audit)));
    /// ```
    pub fn layer<L>(self, layer: L) -> Self
    where
        L: Layer<Route> + Clone + Send + Sync + 'static,
        L::Service: Service<Request<axum::body::Body>> + Clone + Send + Sync + 'static,
        <L::Service as Service<Request<axum::body::Body>>>::Response: IntoResponse + 'static,
        <L::Service as Service<Request<axum::body::Body>>>::Error: Into<Infallible> + 'static,
        <L::Service as Service<Request<axum::body::Body>>>::Future: Send + 'static,
    {
        self.map(|r| r.layer(layer), |_| {})
    }

    /// Wraps every handler of this path in `layer`, as [`MethodRouter::route_layer`] does (not the 405 answer).
    ///
    /// # Panics
    ///
    /// When no handler has been added yet, as axum's `route_layer` does.
    #[track_caller]
    pub fn route_layer<L>(self, layer: L) -> Self
    where
        L: Layer<Route> + Clone + Send + Sync + 'static,
        L::Service:
            Service<Request<axum::body::Body>, Error = Infallible> + Clone + Send + Sync + 'static,
        <L::Service as Service<Request<axum::body::Body>>>::Response: IntoResponse + 'static,
        <L::Service as Service<Request<axum::body::Body>>>::Future: Send + 'static,
    {
        self.map(|r| r.route_layer(layer), |_| {})
    }

    /// The handler for methods no handler of this path serves, as [`MethodRouter::fallback`] sets it.
    /// Preflights never reach it.
    pub fn fallback<H, T>(self, handler: H) -> Self
    where
        H: Handler<T, S>,
        T: 'static,
    {
        self.map(|r| r.fallback(handler), |_| {})
    }
}

/// A handler `routing` accepts: an annotated one (`#[cors]`) or any plain axum handler.
///
/// The type parameter `T` is a marker that tells the two apart, as axum's own `Handler<T, S>` does.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a handler of this router: one of its arguments is not an extractor for the router's state",
    label = "an argument of this handler is not an extractor for state `{S}`",
    note = "each argument must implement `FromRequestParts<S>` for the router's state `S` (the last one may implement `FromRequest<S>` instead): a `State<T>` needs `T` to be `S` or `FromRef<S>`, and a type of yours needs its extractor impl",
    note = "`#[axum::debug_handler]` written under `#[cors]` underlines the argument at fault (add `state = YourState` when the handler takes no `State`)"
)]
pub trait IntoEndpoint<T, S>: Sized {
    /// axum's marker for [`Handler`](Self::Handler).
    #[doc(hidden)]
    type Marker: 'static;
    /// What axum's `MethodRouter` holds: the handler itself, or an annotated one's [`Endpoint`].
    #[doc(hidden)]
    type Handler: Handler<Self::Marker, S>;

    /// The handler for axum, and its policy if it has one (one function: it is instantiated per handler).
    #[doc(hidden)]
    fn into_endpoint(self) -> (Self::Handler, Option<&'static Policy>);
}

/// Marker for plain axum handlers.
#[doc(hidden)]
pub struct Plain<T>(PhantomData<fn() -> T>);
/// Marker for annotated handlers: their extractors `T`, the methods `Ms` their policy lists, and where the
/// routed method stands in that list (`I`, inferred by [`RoutableAs`]).
#[doc(hidden)]
pub struct WithPolicy<T, Ms, I>(PhantomData<Marker<(T, Ms, I)>>);

/// A marker that owns nothing and is `Send` and `Sync` whatever its types.
type Marker<T> = fn() -> T;

impl<H, T, S> IntoEndpoint<Plain<T>, S> for H
where
    H: Handler<T, S>,
    T: 'static,
    S: Clone + Send + Sync + 'static,
{
    type Marker = T;
    type Handler = H;

    fn into_endpoint(self) -> (H, Option<&'static Policy>) {
        (self, None)
    }
}

impl<H, T, S, Ms, I> IntoEndpoint<WithPolicy<T, Ms, I>, S> for H
where
    H: CorsFn<T, S>,
    H::Call: Cors<Methods = Ms>,
    T: 'static,
    S: Clone + Send + Sync + 'static,
{
    type Marker = T;
    type Handler = Endpoint<H, T>;

    fn into_endpoint(self) -> (Endpoint<H, T>, Option<&'static Policy>) {
        (Endpoint::new(self), Some(<H::Call as Cors>::__policy()))
    }
}

// One function for routing under one method and one for `any`, each generic over the handler: a handler routed
// with `get` does not also instantiate axum's `any` (build time).
impl<S> CorsMethodRouter<S>
where
    S: Clone + Send + Sync + 'static,
{
    // Without the `map` helper: its closures would be instantiated once more per handler (build time).
    #[track_caller]
    pub(crate) fn on_method<H, T>(
        mut self,
        handler: H,
        filter: MethodFilter,
        method: Method,
    ) -> Self
    where
        H: IntoEndpoint<T, S>,
    {
        let (handler, policy) = handler.into_endpoint();
        match policy {
            Some(policy) => self.policies.push(Routed::Method(method), policy),
            None => self.policies.push_plain(Routed::Method(method)),
        }
        self.router = self.router.on(filter, handler);
        self
    }

    #[track_caller]
    fn on_any<H, T>(mut self, handler: H) -> Self
    where
        H: IntoEndpoint<T, S>,
    {
        let (handler, policy) = handler.into_endpoint();
        match policy {
            Some(policy) => self.policies.push(Routed::Any, policy),
            None => self.policies.push_plain(Routed::Any),
        }
        // axum's own `any`: every method, and no `Allow` header (a fallback would send an empty one).
        self.router = self.router.merge(axum::routing::any(handler));
        self
    }
}

/// Holds when a handler may be routed under method `M`: always for plain handlers, and for annotated ones
/// when their policy lists `M`.
#[doc(hidden)]
pub trait RoutableAs<M> {}
impl<T, M> RoutableAs<M> for Plain<T> {}
impl<T, Ms: Lists<M, I>, I, M> RoutableAs<M> for WithPolicy<T, Ms, I> {}

/// Holds for every handler [`any`] accepts (the methods an annotated handler's policy lists are checked at
/// request time there); it also settles the marker's last parameter, which only a method check would infer.
#[doc(hidden)]
pub trait RoutableAny {}
impl<T> RoutableAny for Plain<T> {}
impl<T, Ms> RoutableAny for WithPolicy<T, Ms, ()> {}

macro_rules! method_routes {
    ($($name:ident => $method:ident: $doc:expr),* $(,)?) => {
        $(
            #[doc = concat!("Route `", stringify!($method), "` requests to `handler`, annotated with `#[cors]` or not.")]
            ///
            #[doc = $doc]
            pub fn $name<H, T, S>(handler: H) -> CorsMethodRouter<S>
            where
                H: IntoEndpoint<T, S>,
                T: RoutableAs<method::$method>,
                S: Clone + Send + Sync + 'static,
            {
                CorsMethodRouter::new().on_method(handler, MethodFilter::$method, Method::$method)
            }
        )*

        impl<S> CorsMethodRouter<S>
        where
            S: Clone + Send + Sync + 'static,
        {
            $(
                #[doc = concat!("Chain a `", stringify!($method), "` handler, annotated with `#[cors]` or not.")]
                ///
                /// # Panics
                ///
                /// When this router already routes the method, as axum's method routers do.
                #[track_caller]
                pub fn $name<H, T>(self, handler: H) -> Self
                where
                    H: IntoEndpoint<T, S>,
                    T: RoutableAs<method::$method>,
                {
                    self.on_method(handler, MethodFilter::$method, Method::$method)
                }
            )*
        }
    };
}

/// The documentation of [`get`], which the other methods point to.
macro_rules! get_doc {
    () => {
        "It also serves `HEAD` (axum routes `HEAD` to the `GET` handler, body stripped), and a preflight asking \
         for `HEAD` is answered by this handler's policy. An annotated handler can only be routed under a method \
         its policy lists: `get(h)` for a handler with `methods = [POST]` is a compile error.\n\n\
         ```\n\
         use cors_runtime::{cors, routing::get, Router};\n\
         \n\
         #[cors(origins = [\"https://app.example.com\"], methods = [GET])]\n\
         async fn list_items() -> &'static str { \"[]\" }\n\
         \n\
         async fn health() -> &'static str { \"ok\" } // plain handlers too\n\
         \n\
         let app: Router = Router::new()\n    .route(\"/items\", get(list_items))\n    .route(\"/health\", get(health));\n\
         ```"
    };
}

method_routes!(
    get => GET: get_doc!(),
    post => POST: "See [`get`].",
    put => PUT: "See [`get`].",
    patch => PATCH: "See [`get`].",
    delete => DELETE: "See [`get`].",
    head => HEAD: "See [`get`], which serves `HEAD` already.",
    options => OPTIONS: "See [`get`]. Preflights never reach it.",
);

/// Route every method to `handler`. For an annotated handler, preflights are checked against its
/// `methods` list at request time (any method when it has none).
pub fn any<H, T, S>(handler: H) -> CorsMethodRouter<S>
where
    H: IntoEndpoint<T, S>,
    T: RoutableAny,
    S: Clone + Send + Sync + 'static,
{
    CorsMethodRouter::new().on_any(handler)
}
