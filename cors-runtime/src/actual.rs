//! Actual (non-preflight) requests: the annotated handler runs, and every response it produces,
//! extractor rejections included, gets the policy's headers.

use crate::origin::{is_tuple_origin, request_origin, RequestOrigin};
use crate::policy::{Origins, Policy};
use crate::private::{BoxFuture, CorsHandler};
use crate::refusal::Refusal;
use crate::vary;
use axum::body::Body;
use axum::extract::Request;
use axum::handler::Handler;
use axum::response::Response;
use http::header::{
    ACCESS_CONTROL_ALLOW_CREDENTIALS, ACCESS_CONTROL_ALLOW_ORIGIN, ACCESS_CONTROL_EXPOSE_HEADERS,
};
use http::{HeaderMap, HeaderValue, StatusCode};
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{Context, Poll};

pub(crate) const TRUE: HeaderValue = HeaderValue::from_static("true");
pub(crate) const STAR: HeaderValue = HeaderValue::from_static("*");

/// The `Access-Control-Allow-Origin` value for a request's origin under a policy, if it is allowed.
pub(crate) fn allowed_origin(policy: &Policy, origin: &HeaderValue) -> Option<HeaderValue> {
    match &policy.origins {
        Origins::Any => Some(STAR),
        Origins::ReflectAny => is_tuple_origin(origin.as_bytes()).then(|| origin.clone()),
        Origins::Listed(matcher) => matcher.allow(origin),
    }
}

/// What a policy says about an actual request, decided before the handler runs.
#[derive(Debug)]
enum Verdict {
    /// Send these origin headers.
    Allow(HeaderValue),
    /// No `Origin`, or a refused one: no CORS headers besides `Vary`.
    Silent,
}

fn judge(policy: &Policy, headers: &HeaderMap) -> Result<Verdict, Refusal> {
    match (request_origin(headers), &policy.origins) {
        (_, Origins::Any) => Ok(Verdict::Allow(STAR)),
        (RequestOrigin::Absent, _) => Ok(Verdict::Silent),
        (RequestOrigin::One(origin), _) => allowed_origin(policy, origin)
            .map(Verdict::Allow)
            .ok_or(Refusal::Origin),
        (RequestOrigin::Malformed, _) => Err(Refusal::MalformedOrigin),
    }
}

fn decorate(policy: &Policy, verdict: Verdict, headers: &mut HeaderMap) {
    if let Verdict::Allow(origin) = verdict {
        headers.insert(ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        if policy.credentials {
            headers.insert(ACCESS_CONTROL_ALLOW_CREDENTIALS, TRUE);
        }
        if let Some(expose) = &policy.expose {
            headers.insert(ACCESS_CONTROL_EXPOSE_HEADERS, expose.clone());
        }
    }
    if policy.varies_by_origin() {
        vary::append_origin(headers);
    }
}

/// An annotated handler as axum sees it once routed through [`crate::routing`].
pub struct WithCors<H, T> {
    handler: H,
    _marker: PhantomData<fn() -> T>,
}

impl<H: Clone, T> Clone for WithCors<H, T> {
    fn clone(&self) -> Self {
        Self {
            handler: self.handler.clone(),
            _marker: PhantomData,
        }
    }
}

impl<H, T> WithCors<H, T> {
    pub(crate) fn new(handler: H) -> Self {
        Self {
            handler,
            _marker: PhantomData,
        }
    }
}

impl<H, T, S> Handler<T, S> for WithCors<H, T>
where
    H: CorsHandler<T, S>,
    T: 'static,
    S: Send + Sync + 'static,
{
    type Future = CorsFuture;

    fn call(self, req: Request, state: S) -> CorsFuture {
        let policy = H::policy();
        let verdict = match judge(policy, req.headers()) {
            Ok(verdict) => verdict,
            Err(reason) => {
                tracing::debug!(
                    target: "cors_runtime",
                    policy = policy.name,
                    path = req.uri().path(),
                    origin = ?req.headers().get(http::header::ORIGIN),
                    refused_with_403 = policy.refuse_disallowed,
                    %reason,
                    "CORS request from a disallowed origin"
                );
                if policy.refuse_disallowed {
                    // The 403 is built when polled: a `Response` in the future would make every
                    // `CorsFuture` as large as one, and every move of it a copy of that size.
                    return CorsFuture {
                        state: State::Refused(policy),
                    };
                }
                Verdict::Silent
            }
        };
        CorsFuture {
            state: State::Running {
                inner: self.handler.call(req, state),
                policy,
                verdict: Some(verdict),
            },
        }
    }
}

/// The future of an annotated handler: the handler's own (already boxed by axum) plus the decision.
pub struct CorsFuture {
    state: State,
}

enum State {
    Running {
        inner: BoxFuture,
        policy: &'static Policy,
        verdict: Option<Verdict>,
    },
    Refused(&'static Policy),
}

impl Future for CorsFuture {
    type Output = Response;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Response> {
        match &mut self.get_mut().state {
            State::Running {
                inner,
                policy,
                verdict,
            } => {
                let mut res = std::task::ready!(inner.as_mut().poll(cx));
                decorate(
                    policy,
                    verdict.take().unwrap_or(Verdict::Silent),
                    res.headers_mut(),
                );
                Poll::Ready(res)
            }
            State::Refused(policy) => {
                let mut res = Response::new(Body::empty());
                *res.status_mut() = StatusCode::FORBIDDEN;
                decorate(policy, Verdict::Silent, res.headers_mut());
                Poll::Ready(res)
            }
        }
    }
}
