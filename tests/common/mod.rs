//! Helpers shared by the integration tests: requests built with static header values, and a one-shot call.
#![allow(dead_code)]

use axum::body::Body;
use cors_runtime::Router;
use http::{HeaderName, HeaderValue, Method, Request, Response};
use http_body_util::BodyExt;
use tower::ServiceExt;

pub fn request(
    method: Method,
    uri: &'static str,
    headers: &[(&'static str, &'static str)],
) -> Request<Body> {
    let mut req = Request::builder()
        .method(method)
        .uri(uri)
        .body(Body::empty())
        .unwrap();
    for (name, value) in headers {
        req.headers_mut().append(
            HeaderName::from_static(name),
            HeaderValue::from_static(value),
        );
    }
    req
}

pub fn preflight(uri: &'static str, origin: &'static str, method: &'static str) -> Request<Body> {
    request(
        Method::OPTIONS,
        uri,
        &[
            ("origin", origin),
            ("access-control-request-method", method),
        ],
    )
}

/// A preflight that also asks for request headers (`Access-Control-Request-Headers`).
pub fn preflight_with_headers(
    uri: &'static str,
    origin: &'static str,
    method: &'static str,
    headers: &'static str,
) -> Request<Body> {
    let mut req = preflight(uri, origin, method);
    req.headers_mut().insert(
        "access-control-request-headers",
        HeaderValue::from_static(headers),
    );
    req
}

pub async fn call(app: &Router, req: Request<Body>) -> Response<Body> {
    app.clone().oneshot(req).await.unwrap()
}

pub async fn body(res: Response<Body>) -> String {
    String::from_utf8(res.into_body().collect().await.unwrap().to_bytes().to_vec()).unwrap()
}

/// A response header as a string, or `None`.
pub fn header<'a>(res: &'a Response<Body>, name: &str) -> Option<&'a str> {
    res.headers().get(name).map(|v| v.to_str().unwrap())
}

/// Every value of a header, in order.
pub fn headers<'a>(res: &'a Response<Body>, name: &str) -> Vec<&'a str> {
    res.headers()
        .get_all(name)
        .iter()
        .map(|v| v.to_str().unwrap())
        .collect()
}

/// The status of the answer to `req`, and the `reason` of the `cors_runtime` event that refused it, if any.
pub async fn refused_because(
    app: &Router,
    req: Request<Body>,
) -> (http::StatusCode, Option<String>) {
    use std::sync::{Arc, Mutex};
    use tracing_subscriber::layer::SubscriberExt;

    struct Reason(Arc<Mutex<Option<String>>>);
    struct Visit<'a>(&'a mut Option<String>);
    impl tracing::field::Visit for Visit<'_> {
        fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
            if field.name() == "reason" {
                *self.0 = Some(format!("{value:?}"));
            }
        }
    }
    impl<S: tracing::Subscriber> tracing_subscriber::Layer<S> for Reason {
        fn on_event(
            &self,
            event: &tracing::Event<'_>,
            _: tracing_subscriber::layer::Context<'_, S>,
        ) {
            if event.metadata().target() == "cors_runtime" {
                event.record(&mut Visit(&mut self.0.lock().unwrap()));
            }
        }
    }
    let reason = Arc::new(Mutex::new(None));
    let subscriber = tracing_subscriber::registry().with(Reason(reason.clone()));
    let status = {
        let _guard = tracing::subscriber::set_default(subscriber);
        call(app, req).await.status()
    };
    let reason = reason.lock().unwrap().take();
    (status, reason)
}
