//! An annotated handler as axum calls it. CORS is not applied here but in front of the whole router
//! ([`Router`](crate::Router)): the handler's arguments are extracted by axum's own `Handler` impl (same
//! rejections, same single boxed future as a plain handler), and its call is turned into the future of the
//! function as written, with nothing around it.

use crate::handler::Cors;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::handler::Handler;
use axum::response::Response;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;

/// The future axum's own handler impl returns for an async fn (boxed there, once; reused, not re-boxed).
pub(crate) type BoxFuture = Pin<Box<dyn Future<Output = Response> + Send>>;

/// An annotated handler whose arguments are extractors for state `S`; `T` is axum's marker for those
/// extractors (`(M, T1, …, Tn)`), as in axum's own `Handler<T, S>`.
pub trait CorsFn<T, S>: Clone + Send + Sync + Sized + 'static {
    /// What calling the handler returns: it carries the policy.
    type Call: Cors;

    #[doc(hidden)]
    fn call(self, req: Request, state: S) -> BoxFuture;
}

macro_rules! cors_fn {
    ([$($ty:ident),*], $last:ident) => {
        #[allow(non_snake_case)]
        impl<F, R, S, M, $($ty,)* $last> CorsFn<(M, $($ty,)* $last,), S> for F
        where
            F: FnOnce($($ty,)* $last) -> R + Clone + Send + Sync + 'static,
            R: Cors,
            S: Send + Sync + 'static,
            $($ty: FromRequestParts<S> + Send,)*
            $last: FromRequest<S, M> + Send,
        {
            type Call = R;

            fn call(self, req: Request, state: S) -> BoxFuture {
                let function = move |$($ty: $ty,)* $last: $last| self($($ty,)* $last).into_future();
                Handler::<(M, $($ty,)* $last,), S>::call(function, req, state)
            }
        }
    };
    ([],) => {
        impl<F, R, S> CorsFn<((),), S> for F
        where
            F: FnOnce() -> R + Clone + Send + Sync + 'static,
            R: Cors,
            S: Send + Sync + 'static,
        {
            type Call = R;

            fn call(self, req: Request, state: S) -> BoxFuture {
                let function = move || self().into_future();
                Handler::<((),), S>::call(function, req, state)
            }
        }
    };
}
crate::arity::all_the_arities!(cors_fn);

/// The `Handler` that [`routing`](crate::routing) registers for an annotated handler.
pub struct Endpoint<H, T> {
    handler: H,
    _marker: PhantomData<fn() -> T>,
}

impl<H: Clone, T> Clone for Endpoint<H, T> {
    fn clone(&self) -> Self {
        Self {
            handler: self.handler.clone(),
            _marker: PhantomData,
        }
    }
}

impl<H, T> Endpoint<H, T> {
    pub(crate) fn new(handler: H) -> Self {
        Self {
            handler,
            _marker: PhantomData,
        }
    }
}

// rustc shows this impl's header when a `#[cors]` handler is given to axum's own routing (the only `Handler`
// impl near what it was asked for), so the header says what to do instead: its first lines are the ones rustc
// prints (`tests/ui/fail/routed_with_*.stderr`), and rustfmt would move the comment out of them.
#[rustfmt::skip]
impl<H, T, S> Handler<T, S>
    // A `#[cors]` handler becomes an axum `Handler` only through `cors_runtime::routing::{get, post, ...}`:
    // route it with those, on a `cors_runtime::Router` (axum's own routing would not answer its preflights).
    for Endpoint<H, T>
where
    H: CorsFn<T, S>,
    T: 'static,
    S: Send + Sync + 'static,
{
    type Future = BoxFuture;

    fn call(self, req: Request, state: S) -> BoxFuture {
        self.handler.call(req, state)
    }
}
