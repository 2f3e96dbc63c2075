//! An annotated handler as axum calls it: the function as written, through axum's own `Handler` impl. CORS is
//! not applied here but in front of the whole router ([`Router`](crate::Router)), so this adds nothing: the
//! handler's future is axum's own, not wrapped and not boxed again.

use crate::__private::{BoxFuture, CorsHandler};
use axum::extract::Request;
use axum::handler::Handler;
use std::marker::PhantomData;

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

impl<H, T, S> Handler<T, S> for Endpoint<H, T>
where
    H: CorsHandler<T, S>,
    T: 'static,
    S: Send + Sync + 'static,
{
    type Future = BoxFuture;

    fn call(self, req: Request, state: S) -> BoxFuture {
        self.handler.call(req, state)
    }
}
