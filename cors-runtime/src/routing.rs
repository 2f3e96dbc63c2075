//! Routing annotated handlers: axum's `get`, `post`, ... that also answer preflights.
//!
//! ```
//! use axum::Router;
//! use cors_runtime::{cors, routing::{get, post}};
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
//!     // GET and POST each answer their own preflights; OPTIONS is registered once for the path.
//!     .route("/items", get(list_items).post(create_item).into())
//!     // Plain axum routes merge in as usual; their methods are refused in preflights.
//!     .route("/items", axum::routing::delete(delete_item));
//! ```
//!
//! An annotated handler can only be routed under a method its policy lists (every method when it has no
//! `methods` key); anything else is a compile error. Routing it with `axum::routing::get` is a compile error
//! too, because axum's router would never answer its preflights.
//!
//! One path's annotated handlers go in one chain (`get(a).post(b)`), because axum allows only one `OPTIONS`
//! endpoint per path; plain axum method routers can be added to the same path before or after it.

use crate::actual::WithCors;
use crate::preflight::{Entry, PreflightEndpoint, Routed, Table};
use crate::private::{method, AllowsMethod, CorsHandler};
use axum::handler::Handler;
use axum::routing::{MethodFilter, MethodRouter};
use http::Method;
use std::marker::PhantomData;

/// A method router whose annotated handlers answer their own preflights.
///
/// Turn it into axum's [`MethodRouter`] with `.into()` when you pass it to `Router::route`.
#[must_use = "pass it to `Router::route(path, router.into())`"]
pub struct CorsMethodRouter<S = ()> {
    router: MethodRouter<S>,
    options: Option<MethodRouter<S>>,
    table: Table,
}

impl<S> std::fmt::Debug for CorsMethodRouter<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CorsMethodRouter")
            .field("preflights", &self.table)
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

impl<S> CorsMethodRouter<S>
where
    S: Clone + Send + Sync + 'static,
{
    /// An empty router (every method answered with axum's usual 405), to chain handlers onto.
    ///
    /// ```
    /// use axum::Router;
    /// use cors_runtime::{cors, routing::CorsMethodRouter};
    ///
    /// #[cors(origins = ["https://app.example.com"])]
    /// async fn show() -> &'static str { "{}" }
    ///
    /// let app: Router = Router::new().route("/item", CorsMethodRouter::new().get(show).into());
    /// ```
    pub fn new() -> Self {
        Self {
            router: MethodRouter::new(),
            options: None,
            table: Table::default(),
        }
    }
}

impl<S> From<CorsMethodRouter<S>> for MethodRouter<S>
where
    S: Clone + Send + Sync + 'static,
{
    fn from(r: CorsMethodRouter<S>) -> Self {
        let app = match r.options {
            Some(options) => r.router.clone().merge(options),
            None => r.router.clone(),
        };
        if r.table.entries.is_empty() {
            return app;
        }
        r.router
            .on(MethodFilter::OPTIONS, PreflightEndpoint::new(r.table, app))
    }
}

/// Where a handler is being routed.
#[doc(hidden)]
#[derive(Debug)]
pub enum On {
    /// One method.
    Method(MethodFilter, Method),
    /// `OPTIONS`: kept apart so that preflights are answered first.
    Options,
    /// Every method.
    Any,
}

/// A handler `routing` accepts: an annotated one (`#[cors]`) or any plain axum handler.
///
/// The type parameter `T` is a marker that tells the two apart, as axum's own `Handler<T, S>` does.
pub trait IntoEndpoint<T, S>: Sized {
    #[doc(hidden)]
    fn register(self, on: On, router: CorsMethodRouter<S>) -> CorsMethodRouter<S>;
}

/// Marker for plain axum handlers.
#[doc(hidden)]
pub struct Plain<T>(PhantomData<fn() -> T>);
/// Marker for annotated handlers.
#[doc(hidden)]
pub struct Annotated<H, T>(PhantomData<fn() -> (H, T)>);

fn add<H, T, S>(handler: H, on: On, mut r: CorsMethodRouter<S>) -> CorsMethodRouter<S>
where
    H: Handler<T, S>,
    T: 'static,
    S: Clone + Send + Sync + 'static,
{
    match on {
        On::Method(filter, _) => r.router = r.router.on(filter, handler),
        On::Any => r.router = r.router.fallback(handler),
        On::Options => {
            assert!(
                r.options.is_none(),
                "Overlapping method route. Cannot add two method routes that both handle `OPTIONS`"
            );
            r.options = Some(axum::routing::options(handler));
        }
    }
    r
}

impl<H, T, S> IntoEndpoint<Plain<T>, S> for H
where
    H: Handler<T, S>,
    T: 'static,
    S: Clone + Send + Sync + 'static,
{
    fn register(self, on: On, router: CorsMethodRouter<S>) -> CorsMethodRouter<S> {
        add(self, on, router)
    }
}

impl<H, T, S> IntoEndpoint<Annotated<H, T>, S> for H
where
    H: CorsHandler<T, S>,
    T: 'static,
    S: Clone + Send + Sync + 'static,
{
    fn register(self, on: On, mut router: CorsMethodRouter<S>) -> CorsMethodRouter<S> {
        let routed = match &on {
            On::Method(_, m) => Routed::Method(m.clone()),
            On::Options => Routed::Method(Method::OPTIONS),
            On::Any => Routed::Any,
        };
        router.table.entries.push(Entry {
            routed,
            policy: H::policy(),
        });
        add(WithCors::<H, T>::new(self), on, router)
    }
}

/// Holds when a handler may be routed under method `M`: always for plain handlers, and for annotated ones
/// when their policy lists `M`.
#[doc(hidden)]
pub trait RoutableAs<M> {}
impl<T, M> RoutableAs<M> for Plain<T> {}
impl<H: AllowsMethod<M>, T, M> RoutableAs<M> for Annotated<H, T> {}

macro_rules! method_routes {
    ($($name:ident => $method:ident),* $(,)?) => {
        $(
            #[doc = concat!("Route `", stringify!($method), "` requests to `handler`, annotated with `#[cors]` or not.")]
            ///
            /// See the [module documentation](self) for an example.
            pub fn $name<H, T, S>(handler: H) -> CorsMethodRouter<S>
            where
                H: IntoEndpoint<T, S>,
                T: RoutableAs<method::$method>,
                S: Clone + Send + Sync + 'static,
            {
                CorsMethodRouter::new().$name(handler)
            }
        )*

        impl<S> CorsMethodRouter<S>
        where
            S: Clone + Send + Sync + 'static,
        {
            $(
                #[doc = concat!("Chain a `", stringify!($method), "` handler, annotated with `#[cors]` or not.")]
                pub fn $name<H, T>(self, handler: H) -> Self
                where
                    H: IntoEndpoint<T, S>,
                    T: RoutableAs<method::$method>,
                {
                    handler.register(On::Method(MethodFilter::$method, Method::$method), self)
                }
            )*

            /// Chain the application's own `OPTIONS` handler. Preflights never reach it; every other
            /// `OPTIONS` request does.
            pub fn options<H, T>(self, handler: H) -> Self
            where
                H: IntoEndpoint<T, S>,
                T: RoutableAs<method::OPTIONS>,
            {
                handler.register(On::Options, self)
            }
        }
    };
}

method_routes!(get => GET, post => POST, put => PUT, patch => PATCH, delete => DELETE, head => HEAD);

/// Route the application's own `OPTIONS` handler. Preflights never reach it; every other `OPTIONS` does.
pub fn options<H, T, S>(handler: H) -> CorsMethodRouter<S>
where
    H: IntoEndpoint<T, S>,
    T: RoutableAs<method::OPTIONS>,
    S: Clone + Send + Sync + 'static,
{
    CorsMethodRouter::new().options(handler)
}

/// Route every method to `handler`. For an annotated handler, preflights are checked against its
/// `methods` list at request time (any method when it has none).
pub fn any<H, T, S>(handler: H) -> CorsMethodRouter<S>
where
    H: IntoEndpoint<T, S>,
    S: Clone + Send + Sync + 'static,
{
    handler.register(On::Any, CorsMethodRouter::new())
}
