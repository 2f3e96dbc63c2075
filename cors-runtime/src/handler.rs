//! What an annotated handler is: the `async fn` as written, whose call returns an [`impl Cors`](Cors) instead of
//! a bare future.
//!
//! `#[cors]` leaves the function a function: same name, same parameters, listed under Functions in rustdoc,
//! called and `.await`ed in unit tests like any `async fn`. Only its return type changes, from
//! `impl Future<Output = T>` to `impl Cors<Methods = …, Output = T>`, which carries the policy. That return type
//! is what keeps the policy attached:
//!
//! - It is not a [`Future`], so axum's `Handler`, which is implemented for functions that
//!   return one, is not implemented for the handler: `axum::routing::get(handler)`, `MethodRouter::on`,
//!   `Handler::with_state`, a function pointer taken from it, and every other way into axum's own routing (which
//!   would answer none of its preflights) fail to compile.
//! - [`routing`](crate::routing) reads the policy from it, and its `Methods` let the compiler refuse routing the
//!   handler under a method the policy does not list.
//!
//! ```
//! use axum::{extract::Path, http::StatusCode, response::IntoResponse};
//! use cors_runtime::{cors, policy_of, routing::get, Router};
//!
//! struct AppError;
//! impl IntoResponse for AppError {
//!     fn into_response(self) -> axum::response::Response { StatusCode::NOT_FOUND.into_response() }
//! }
//!
//! #[cors(origins = ["https://app.example.com"], methods = [GET])]
//! async fn status(Path(id): Path<u32>) -> Result<impl IntoResponse, AppError> {
//!     if id == 0 { Err(AppError) } else { Ok(format!("todo {id}: open")) }
//! }
//!
//! let app: Router = Router::new().route("/todos/{id}/status", get(status));
//! assert_eq!(policy_of(status).name(), "status");
//!
//! // The handler is still a function: a unit test awaits its own return value…
//! # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
//! let res = status(Path(7)).await;
//! assert!(res.is_ok());
//! # });
//!
//! // …and its name does not stand in the way of a binding.
//! fn status_of(res: axum::response::Response) -> StatusCode {
//!     let status = res.status();
//!     status
//! }
//! # let _ = status_of;
//! ```
//!
//! Wrapping the handler in a closure by hand (`axum::routing::get(|p| async move { status(p).await })`) is the
//! one way to give it to axum's own routing: an explicit choice to serve it without its policy.

use crate::__private::PolicyOf;
use crate::policy::Policy;
use axum::response::IntoResponse;
use std::future::{Future, IntoFuture};
use std::marker::PhantomData;

/// What calling a `#[cors]` handler returns: `.await` it for the handler's own output; route the handler with
/// [`cors_runtime::routing`](crate::routing), which reads its policy from this type.
///
/// It is not a `Future`, so axum's own routing, which would not answer the handler's preflights, does not accept
/// the handler (see the [module documentation](self)). `Output` is the handler's return type as written, and
/// [`Methods`](Cors::Methods) the methods its policy lets it be routed under.
///
/// Only `#[cors]` implements it (the trait is sealed).
#[must_use = "a handler's call does nothing unless it is `.await`ed"]
pub trait Cors: IntoFuture<IntoFuture: Send, Output: IntoResponse> + sealed::Sealed {
    /// The methods the handler may be routed under: one [`method`](crate::method) marker (`GET`), a tuple of
    /// them (`(GET, POST)`), [`Routed`](crate::method::Routed) (no `methods` key: any method it is routed under)
    /// or [`Any`](crate::method::Any) (`methods = "*"`).
    type Methods;

    #[doc(hidden)]
    fn __policy() -> &'static Policy;
}

mod sealed {
    pub trait Sealed {}
    impl<F, P, M> Sealed for super::Call<F, P, M> {}
}

/// The value behind an annotated handler's [`impl Cors`](Cors): the future of the function as written, with the
/// handler's policy (`P`) and the methods it may be routed under (`M`) as types. Only `#[cors]` builds one.
pub struct Call<F, P, M> {
    future: F,
    _policy: PhantomData<fn() -> (P, M)>,
}

impl<F, P, M> Call<F, P, M> {
    #[doc(hidden)]
    #[inline]
    pub fn new(future: F) -> Self {
        Call {
            future,
            _policy: PhantomData,
        }
    }
}

impl<F, P, M> std::fmt::Debug for Call<F, P, M> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Call(..)")
    }
}

/// `.await` gives the handler's own output: the future is the function's as written, not wrapped.
impl<F: Future, P, M> IntoFuture for Call<F, P, M> {
    type Output = F::Output;
    type IntoFuture = F;

    #[inline]
    fn into_future(self) -> F {
        self.future
    }
}

impl<F, P, M> Cors for Call<F, P, M>
where
    F: Future + Send,
    F::Output: IntoResponse,
    P: PolicyOf,
{
    type Methods = M;

    fn __policy() -> &'static Policy {
        P::policy()
    }
}

/// An annotated handler taking arguments `Args`: implemented for every `async fn` under `#[cors]`, whatever its
/// state and extractors. [`policy_of`] reads the policy through it.
pub trait Annotated<Args>: sealed_fn::Sealed<Args> {
    /// What calling the handler returns.
    type Call: Cors;
}

mod sealed_fn {
    pub trait Sealed<Args> {}
}

macro_rules! annotated {
    ([$($ty:ident),*], $($last:ident)?) => {
        annotated!($($ty,)* $($last)?);
    };
    ($($ty:ident),* $(,)?) => {
        impl<F, R, $($ty,)*> sealed_fn::Sealed<($($ty,)*)> for F where F: FnOnce($($ty,)*) -> R, R: Cors {}
        impl<F, R, $($ty,)*> Annotated<($($ty,)*)> for F
        where
            F: FnOnce($($ty,)*) -> R,
            R: Cors,
        {
            type Call = R;
        }
    };
}
crate::arity::all_the_arities!(annotated);

/// The policy of an annotated handler, as `#[cors]` compiled it: for tests, start-up logs and reviews.
///
/// ```
/// use cors_runtime::{cors, policy_of};
///
/// #[cors(origins = ["https://app.example.com"], methods = [GET], credentials, max_age = 600)]
/// async fn list_items() -> &'static str { "[]" }
///
/// let policy = policy_of(list_items);
/// assert_eq!(policy.name(), "list_items");
/// assert!(policy.credentials());
/// assert_eq!(policy.max_age().unwrap(), "600");
/// ```
pub fn policy_of<H, Args>(handler: H) -> &'static Policy
where
    H: Annotated<Args>,
{
    let _ = handler;
    <H::Call as Cors>::__policy()
}
