//! Preflight answers: one table per path, each method answered by the policy of its own handler.

use crate::actual::{allowed_origin, STAR, TRUE};
use crate::origin::MAX_ORIGIN_LEN;
use crate::policy::{Methods, Policy};
use crate::refusal::Refusal;
use crate::request_headers::check_requested_headers;
use axum::body::Body;
use axum::extract::Request;
use axum::handler::Handler;
use axum::response::Response;
use axum::routing::MethodRouter;
use cors_rules::token::is_token;
use http::header::{
    ACCESS_CONTROL_ALLOW_CREDENTIALS, ACCESS_CONTROL_ALLOW_HEADERS, ACCESS_CONTROL_ALLOW_METHODS,
    ACCESS_CONTROL_ALLOW_ORIGIN, ACCESS_CONTROL_MAX_AGE, ACCESS_CONTROL_REQUEST_HEADERS,
    ACCESS_CONTROL_REQUEST_METHOD, ORIGIN, VARY,
};
use http::{HeaderMap, HeaderValue, Method, StatusCode};
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

/// The most headers a preflight answer carries (allow-origin, -credentials, -methods, -headers, max-age, vary)
/// plus the `content-length` axum adds.
const PREFLIGHT_HEADERS: usize = 7;

const PREFLIGHT_VARY: HeaderValue = HeaderValue::from_static(
    "Origin, Access-Control-Request-Method, Access-Control-Request-Headers",
);

/// Whether a request is a CORS preflight: `OPTIONS` with both `Origin` and `Access-Control-Request-Method`.
/// Every other `OPTIONS` request belongs to the application.
///
/// ```
/// use cors_runtime::is_preflight;
/// use http::{HeaderMap, HeaderValue, Method};
///
/// let mut headers = HeaderMap::new();
/// headers.insert("origin", HeaderValue::from_static("https://app.example.com"));
/// assert!(!is_preflight(&Method::OPTIONS, &headers), "an OPTIONS request of the application's");
/// headers.insert("access-control-request-method", HeaderValue::from_static("PUT"));
/// assert!(is_preflight(&Method::OPTIONS, &headers));
/// assert!(!is_preflight(&Method::GET, &headers));
/// ```
pub fn is_preflight(method: &Method, headers: &HeaderMap) -> bool {
    method == Method::OPTIONS
        && headers.contains_key(ORIGIN)
        && headers.contains_key(ACCESS_CONTROL_REQUEST_METHOD)
}

/// Which requested methods an entry answers.
#[derive(Debug, Clone)]
pub(crate) enum Routed {
    /// A handler routed for this method (`get` also answers `HEAD`, as axum routes it).
    Method(Method),
    /// A handler routed with `any`.
    Any,
}

/// One annotated handler on the path.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub(crate) routed: Routed,
    pub(crate) policy: &'static Policy,
}

/// The preflight table of one path: built when the router is built, shared (not copied) by every request.
#[derive(Debug, Default, Clone)]
pub(crate) struct Table {
    pub(crate) entries: Vec<Entry>,
}

impl Table {
    fn find(&self, method: &[u8]) -> Option<&Entry> {
        let exact = |m: &Method| m.as_str().as_bytes() == method;
        self.entries
            .iter()
            .find(|e| matches!(&e.routed, Routed::Method(m) if exact(m)))
            .or_else(|| {
                if method == b"HEAD" {
                    self.entries
                        .iter()
                        .find(|e| matches!(&e.routed, Routed::Method(m) if m == Method::GET))
                } else {
                    None
                }
            })
            .or_else(|| {
                self.entries
                    .iter()
                    .find(|e| matches!(e.routed, Routed::Any))
            })
    }

    /// Answers an `OPTIONS` request: `None` when it is not a preflight (no `Origin` or no
    /// `Access-Control-Request-Method`: it belongs to the application), else the allow headers or the reason
    /// for a 403. Each request header is looked up once, here, not again by an `is_preflight` check.
    pub(crate) fn answer(&self, headers: &HeaderMap) -> Option<Result<Response, Refusal>> {
        let mut origins = headers.get_all(ORIGIN).iter();
        let origin = origins.next()?;
        let mut methods = headers.get_all(ACCESS_CONTROL_REQUEST_METHOD).iter();
        let method = methods.next()?;
        if origins.next().is_some() || origin.len() > MAX_ORIGIN_LEN {
            return Some(Err(Refusal::MalformedOrigin));
        }
        if methods.next().is_some() || !is_token(method.as_bytes()) {
            return Some(Err(Refusal::MalformedMethod));
        }
        Some(self.answer_preflight(headers, origin, method))
    }

    fn answer_preflight(
        &self,
        headers: &HeaderMap,
        origin: &HeaderValue,
        method: &HeaderValue,
    ) -> Result<Response, Refusal> {
        let entry = self.find(method.as_bytes()).ok_or(Refusal::Method)?;
        let policy = entry.policy;
        let allow_origin = allowed_origin(policy, origin).ok_or(Refusal::Origin)?;
        let allow_methods = allow_methods(entry, method)?;
        let requested_headers = check_requested_headers(headers, &policy.headers)?;

        let mut res = Response::new(Body::empty());
        *res.status_mut() = policy.preflight_status;
        // Room for every header below plus the content-length axum adds, so the map never grows.
        *res.headers_mut() = HeaderMap::with_capacity(PREFLIGHT_HEADERS);
        let out = res.headers_mut();
        out.insert(ACCESS_CONTROL_ALLOW_ORIGIN, allow_origin);
        if policy.credentials {
            out.insert(ACCESS_CONTROL_ALLOW_CREDENTIALS, TRUE);
        }
        out.insert(ACCESS_CONTROL_ALLOW_METHODS, allow_methods);
        if requested_headers {
            match &policy.headers {
                crate::policy::Headers::Any { .. } if policy.credentials => {
                    // `*` would mean a header literally named `*`: echo the validated request instead.
                    for line in headers.get_all(ACCESS_CONTROL_REQUEST_HEADERS) {
                        out.append(ACCESS_CONTROL_ALLOW_HEADERS, line.clone());
                    }
                }
                crate::policy::Headers::Any { value, .. }
                | crate::policy::Headers::Listed { value, .. } => {
                    out.insert(ACCESS_CONTROL_ALLOW_HEADERS, value.clone());
                }
            }
        }
        if let Some(max_age) = &policy.max_age {
            out.insert(ACCESS_CONTROL_MAX_AGE, max_age.clone());
        }
        out.insert(VARY, PREFLIGHT_VARY);
        Ok(res)
    }
}

/// The `Access-Control-Allow-Methods` value, after checking the requested method against the policy.
fn allow_methods(entry: &Entry, requested: &HeaderValue) -> Result<HeaderValue, Refusal> {
    let policy = entry.policy;
    match (&policy.methods, &entry.routed) {
        // The compiler checked that a handler is only routed under methods its policy lists.
        (Methods::Listed { value, .. }, Routed::Method(_)) => Ok(value.clone()),
        (Methods::Listed { names, value }, Routed::Any) => {
            if names.iter().any(|n| n.as_bytes() == requested.as_bytes()) {
                Ok(value.clone())
            } else {
                Err(Refusal::Method)
            }
        }
        (Methods::Any, Routed::Any) if !policy.credentials => Ok(STAR),
        // Echo the one validated method token: with credentials, `*` would be a method named `*`.
        (Methods::Routed | Methods::Any, _) => Ok(requested.clone()),
    }
}

/// Says why a preflight was refused, at debug level; nothing is formatted unless a subscriber wants it.
fn log_refused_preflight(req: &Request, reason: Refusal) {
    let header = |name| {
        req.headers()
            .get(name)
            .map(|v: &HeaderValue| String::from_utf8_lossy(v.as_bytes()).into_owned())
    };
    tracing::debug!(
        target: "cors_runtime",
        path = req.uri().path(),
        origin = header(ORIGIN).as_deref(),
        method = header(ACCESS_CONTROL_REQUEST_METHOD).as_deref(),
        headers = header(ACCESS_CONTROL_REQUEST_HEADERS).as_deref(),
        %reason,
        "CORS preflight refused"
    );
}

/// The 403 answer: no CORS headers. No `Vary` either: responses to `OPTIONS` are not cacheable
/// (RFC 9110, 9.3.7), and browsers key their preflight cache by origin and URL, not by `Vary`.
fn forbidden() -> Response {
    let mut res = Response::new(Body::empty());
    *res.status_mut() = StatusCode::FORBIDDEN;
    res
}

/// The `OPTIONS` endpoint of a path with annotated handlers.
pub(crate) struct PreflightEndpoint<S> {
    shared: Arc<Shared<S>>,
}

struct Shared<S> {
    table: Table,
    /// Where every non-preflight `OPTIONS` goes: the application's own routes of this path.
    app: MethodRouter<S>,
}

impl<S> Clone for PreflightEndpoint<S> {
    fn clone(&self) -> Self {
        Self {
            shared: Arc::clone(&self.shared),
        }
    }
}

impl<S> PreflightEndpoint<S> {
    pub(crate) fn new(table: Table, app: MethodRouter<S>) -> Self {
        Self {
            shared: Arc::new(Shared { table, app }),
        }
    }
}

/// The marker type of [`PreflightEndpoint`]'s `Handler` impl.
#[doc(hidden)]
pub enum PreflightMarker {}

impl<S> Handler<PreflightMarker, S> for PreflightEndpoint<S>
where
    S: Clone + Send + Sync + 'static,
{
    type Future = PreflightFuture;

    fn call(self, req: Request, state: S) -> PreflightFuture {
        let answer = match self.shared.table.answer(req.headers()) {
            Some(Ok(answer)) => answer,
            Some(Err(reason)) => {
                log_refused_preflight(&req, reason);
                forbidden()
            }
            None => {
                // Rare path (an application-level OPTIONS): hand it to the application's routes unchanged.
                let app = self.shared.app.clone();
                return PreflightFuture::App(Box::pin(Handler::call(app, req, state)));
            }
        };
        PreflightFuture::Ready(Some(answer))
    }
}

/// The future of the preflight endpoint.
pub enum PreflightFuture {
    /// A preflight answer, ready at once.
    Ready(Option<Response>),
    /// A non-preflight `OPTIONS`, answered by the application.
    App(Pin<Box<dyn Future<Output = Response> + Send>>),
}

impl Future for PreflightFuture {
    type Output = Response;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Response> {
        match self.get_mut() {
            PreflightFuture::Ready(res) => Poll::Ready(res.take().unwrap_or_default()),
            PreflightFuture::App(fut) => fut.as_mut().poll(cx),
        }
    }
}
