//! Enforcement: a finished [`Router`] as a `tower::Service`. It finds the route axum will call, answers
//! preflights itself, and puts the policy's headers on whatever the application answers, so CORS stands in
//! front of every layer the application added.

use crate::policy::Policy;
use crate::protocol::actual::{decorate, decorate_method_not_allowed, judge, Verdict};
use crate::protocol::preflight::Refused;
use crate::protocol::websocket::refuses_handshake;
use crate::refusal::Refusal;
use crate::routing::router::Router;
use axum::body::{Body, Bytes, HttpBody};
use axum::response::Response;
use axum::routing::future::RouteFuture;

use http::header::{ACCESS_CONTROL_REQUEST_HEADERS, ACCESS_CONTROL_REQUEST_METHOD, ORIGIN};
use http::{HeaderValue, Method, Request, StatusCode};
use pin_project_lite::pin_project;
use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use tower_service::Service;

impl<B> Service<Request<B>> for Router<()>
where
    B: HttpBody<Data = Bytes> + Send + 'static,
    B::Error: Into<axum::BoxError>,
{
    type Response = Response;
    type Error = Infallible;
    type Future = ResponseFuture;

    #[inline]
    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, req: Request<B>) -> ResponseFuture {
        let Some(policies) = self.table.lookup(req.uri().path()) else {
            return ResponseFuture::passed(self.inner.call(req));
        };
        #[cfg(debug_assertions)]
        warn_if_nested(&req, &self.table.warned_nested);
        if req.method() == Method::OPTIONS {
            match policies.answer(req.headers()) {
                Some(Ok(answer)) => {
                    let mut res = Response::new(Body::empty());
                    *res.status_mut() = answer.status;
                    *res.headers_mut() = answer.headers;
                    return ResponseFuture::answered(res);
                }
                Some(Err(refused)) => {
                    log_refused_preflight(&req, refused);
                    return ResponseFuture::answered(forbidden());
                }
                // Not a preflight: an OPTIONS request of the application's.
                None => {}
            }
        }
        let Some(entry) = policies.for_request(req.method()) else {
            // A method no annotated handler of this path serves: axum's 405 (and only that) gets the headers of
            // the path's policy, without exposed headers.
            let unrouted = policies.for_unrouted(req.headers());
            return ResponseFuture {
                state: State::Running {
                    inner: self.inner.call(req),
                    cors: unrouted
                        .map(|(policy, verdict)| (policy, verdict, Only::MethodNotAllowed)),
                },
            };
        };
        let policy = entry.policy;
        let verdict = match judge(policy, req.headers()) {
            Ok(verdict) => verdict,
            Err(reason) => {
                // Browsers check nothing on a WebSocket handshake: one from a refused origin is refused whatever
                // the mode.
                let handshake = refuses_handshake(req.method(), req.headers(), reason);
                if handshake {
                    log_refused_handshake(&req, policy, reason);
                } else {
                    log_refused_request(&req, policy, reason);
                }
                if handshake || policy.refuse_disallowed() {
                    let mut res = forbidden();
                    decorate(policy, Verdict::Silent, res.headers_mut());
                    return ResponseFuture::answered(res);
                }
                Verdict::Silent
            }
        };
        ResponseFuture {
            state: State::Running {
                inner: self.inner.call(req),
                cors: Some((policy, verdict, Only::Any)),
            },
        }
    }
}

pin_project! {
    /// The response future of a [`Router`]: axum's own, and the policy's headers added when it is ready.
    pub struct ResponseFuture {
        #[pin]
        state: State,
    }
}

pin_project! {
    #[project = StateProj]
    enum State {
        Running {
            #[pin]
            inner: RouteFuture<Infallible>,
            cors: Option<(&'static Policy, Verdict, Only)>,
        },
        Answered {
            response: Option<Response>,
        },
    }
}

/// Which responses get the policy's headers.
#[derive(Debug, Clone, Copy)]
enum Only {
    /// Every response of the handler's route and method.
    Any,
    /// The `405` of a method no annotated handler of the path serves.
    MethodNotAllowed,
}

impl ResponseFuture {
    fn passed(inner: RouteFuture<Infallible>) -> Self {
        ResponseFuture {
            state: State::Running { inner, cors: None },
        }
    }

    fn answered(response: Response) -> Self {
        ResponseFuture {
            state: State::Answered {
                response: Some(response),
            },
        }
    }
}

impl std::fmt::Debug for ResponseFuture {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ResponseFuture").finish_non_exhaustive()
    }
}

impl Future for ResponseFuture {
    type Output = Result<Response, Infallible>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        match self.project().state.project() {
            StateProj::Running { inner, cors } => {
                let Ok(mut res) = std::task::ready!(inner.poll(cx));
                match cors.take() {
                    Some((policy, verdict, Only::Any)) => {
                        decorate(policy, verdict, res.headers_mut())
                    }
                    Some((policy, verdict, Only::MethodNotAllowed))
                        if res.status() == StatusCode::METHOD_NOT_ALLOWED =>
                    {
                        decorate_method_not_allowed(policy, verdict, res.headers_mut());
                    }
                    _ => {}
                }
                Poll::Ready(Ok(res))
            }
            StateProj::Answered { response } => Poll::Ready(Ok(response
                .take()
                .expect("ResponseFuture polled after completion"))),
        }
    }
}

/// The answer to a refused preflight, or to a refused request under `refuse_disallowed`: no CORS headers. A refused
/// preflight has no `Vary` either: responses to `OPTIONS` are not cacheable (RFC 9110, 9.3.7), and browsers key
/// their preflight cache by origin and URL, not by `Vary`.
fn forbidden() -> Response {
    let mut res = Response::new(Body::empty());
    *res.status_mut() = StatusCode::FORBIDDEN;
    res
}

fn lossy(value: Option<&HeaderValue>) -> Option<String> {
    value.map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
}

/// Says why a preflight was refused, at debug level; nothing is formatted unless a subscriber wants it.
fn log_refused_preflight<B>(req: &Request<B>, refused: Refused) {
    let headers = req.headers();
    tracing::debug!(
        target: "cors_runtime",
        policy = refused.policy.map_or("none", |p| p.name()),
        path = req.uri().path(),
        origin = lossy(headers.get(ORIGIN)).as_deref(),
        method = lossy(headers.get(ACCESS_CONTROL_REQUEST_METHOD)).as_deref(),
        headers = lossy(headers.get(ACCESS_CONTROL_REQUEST_HEADERS)).as_deref(),
        reason = %refused.reason,
        "CORS preflight refused"
    );
}

/// Says why an actual request gets no CORS headers (or a 403 under `refuse_disallowed`), at debug level.
fn log_refused_request<B>(req: &Request<B>, policy: &Policy, reason: Refusal) {
    tracing::debug!(
        target: "cors_runtime",
        policy = policy.name(),
        path = req.uri().path(),
        origin = ?req.headers().get(ORIGIN),
        refused_with_403 = policy.refuse_disallowed(),
        %reason,
        "CORS request from a disallowed origin"
    );
}

/// Says why a WebSocket handshake was refused with 403, at debug level.
fn log_refused_handshake<B>(req: &Request<B>, policy: &Policy, reason: Refusal) {
    tracing::debug!(
        target: "cors_runtime",
        policy = policy.name(),
        path = req.uri().path(),
        origin = ?req.headers().get(ORIGIN),
        %reason,
        "WebSocket handshake refused"
    );
}

/// A `cors_runtime::Router` attached to an `axum::Router` with `nest_service` gets requests after the layers of
/// that router: one that answers (a bearer check) answers preflights before CORS sees them. Debug builds say so,
/// once per router, on the first request to an annotated route that arrives nested (axum marks it with
/// `NestedPath`).
#[cfg(debug_assertions)]
fn warn_if_nested<B>(req: &Request<B>, warned: &crate::routing::route_table::Once) {
    let Some(nested) = req.extensions().get::<axum::extract::NestedPath>() else {
        return;
    };
    if warned.first() {
        tracing::warn!(
            target: "cors_runtime",
            nested_at = nested.as_str(),
            "a cors_runtime::Router is nested in an axum::Router: the layers of that router stand in front of CORS, \
             and one that answers by itself (authentication, rate limits) answers preflights too, without CORS \
             headers. Make the cors_runtime::Router the outermost router and attach the axum::Router to it with \
             `fallback_service` (docs/migrating-from-tower-http.md, \"Adopting route by route\")"
        );
    }
}

/// `axum::serve(listener, app)`: each connection gets the router, finished once, as axum does for its own.
#[cfg(feature = "serve")]
const _: () = {
    use axum::serve::{IncomingStream, Listener};

    impl<L> Service<IncomingStream<'_, L>> for Router<()>
    where
        L: Listener,
    {
        type Response = Self;
        type Error = Infallible;
        type Future = std::future::Ready<Result<Self, Infallible>>;

        fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
            Poll::Ready(Ok(()))
        }

        fn call(&mut self, _: IncomingStream<'_, L>) -> Self::Future {
            std::future::ready(Ok(self.clone().with_state(())))
        }
    }
};
