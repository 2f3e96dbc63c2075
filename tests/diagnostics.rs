//! Diagnostics: a debug-level `tracing` event (target `cors_runtime`) for every refused request, saying why,
//! and none for allowed or non-CORS requests.

mod common;

use common::*;
use cors_runtime::cors;
use cors_runtime::routing::get;
use cors_runtime::Router;
use http::Method;
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use tracing::field::{Field, Visit};
use tracing::{Event, Subscriber};
use tracing_subscriber::layer::{Context, Layer, SubscriberExt};

type Events = Arc<Mutex<Vec<BTreeMap<String, String>>>>;

/// Records every `cors_runtime` event's fields.
struct Capture(Events);

struct Fields<'a>(&'a mut BTreeMap<String, String>);

impl Visit for Fields<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.0.insert(field.name().to_owned(), format!("{value:?}"));
    }
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.insert(field.name().to_owned(), value.to_owned());
    }
}

impl<S: Subscriber> Layer<S> for Capture {
    fn on_event(&self, event: &Event<'_>, _: Context<'_, S>) {
        if event.metadata().target() == "cors_runtime" {
            let mut fields = BTreeMap::new();
            event.record(&mut Fields(&mut fields));
            fields.insert("level".into(), event.metadata().level().to_string());
            self.0.lock().unwrap().push(fields);
        }
    }
}

#[cors(origins = ["https://app.example.com"], methods = [GET], headers = ["x-request-id"], credentials)]
async fn guarded() -> &'static str {
    "ok"
}

fn app() -> Router {
    Router::new().route("/guarded", get(guarded))
}

/// The events one request produces.
async fn events_of(req: http::Request<axum::body::Body>) -> Vec<BTreeMap<String, String>> {
    events_in(&app(), req).await
}

async fn events_in(
    app: &Router,
    req: http::Request<axum::body::Body>,
) -> Vec<BTreeMap<String, String>> {
    let events = Events::default();
    let subscriber = tracing_subscriber::registry().with(Capture(events.clone()));
    let _guard = tracing::subscriber::set_default(subscriber);
    call(app, req).await;
    let captured = events.lock().unwrap().clone();
    captured
}

#[tokio::test]
async fn every_refusal_says_why_at_debug_level() {
    let cases = [
        (
            preflight("/guarded", "https://evil.example", "GET"),
            "origin not allowed",
        ),
        (
            preflight("/guarded", "https://app.example.com", "DELETE"),
            "method not allowed",
        ),
        (
            preflight("/guarded", "https://app.example.com", "GET, DELETE"),
            "malformed Access-Control-Request-Method header",
        ),
        (
            preflight_with_headers("/guarded", "https://app.example.com", "GET", "x-other"),
            "request header not allowed",
        ),
        (
            request(
                Method::GET,
                "/guarded",
                &[("origin", "https://evil.example")],
            ),
            "origin not allowed",
        ),
        (
            request(
                Method::GET,
                "/guarded",
                &[
                    ("origin", "https://app.example.com"),
                    ("origin", "https://evil.example"),
                ],
            ),
            "malformed Origin header",
        ),
    ];
    for (req, reason) in cases {
        let events = events_of(req).await;
        assert_eq!(events.len(), 1, "{reason}: {events:?}");
        assert_eq!(events[0]["reason"], reason);
        assert_eq!(events[0]["level"], "DEBUG");
        assert_eq!(events[0]["path"], "/guarded");
    }
    let events = events_of(request(
        Method::GET,
        "/guarded",
        &[("origin", "https://evil.example")],
    ))
    .await;
    assert_eq!(events[0]["policy"], "guarded");
}

#[tokio::test]
async fn refused_preflights_name_the_policy_that_refused_them() {
    let events = events_of(preflight("/guarded", "https://evil.example", "GET")).await;
    assert_eq!(events[0]["policy"], "guarded");
    // No handler serves DELETE: no policy to name.
    let events = events_of(preflight("/guarded", "https://app.example.com", "DELETE")).await;
    assert_eq!(events[0]["policy"], "none");
}

#[tokio::test]
async fn under_nest_the_refusal_names_the_full_path() {
    let app = Router::new().nest("/api/v1", app());
    let events = events_in(
        &app,
        preflight("/api/v1/guarded", "https://evil.example", "GET"),
    )
    .await;
    assert_eq!(events.len(), 1, "{events:?}");
    assert_eq!(events[0]["path"], "/api/v1/guarded");
    let events = events_in(
        &app,
        request(
            Method::GET,
            "/api/v1/guarded",
            &[("origin", "https://evil.example")],
        ),
    )
    .await;
    assert_eq!(events[0]["path"], "/api/v1/guarded");
}

#[tokio::test]
async fn allowed_and_non_cors_requests_log_nothing() {
    for req in [
        request(
            Method::GET,
            "/guarded",
            &[("origin", "https://app.example.com")],
        ),
        request(Method::GET, "/guarded", &[]),
        preflight_with_headers("/guarded", "https://app.example.com", "GET", "x-request-id"),
        request(Method::OPTIONS, "/guarded", &[]),
    ] {
        assert_eq!(events_of(req).await, Vec::<BTreeMap<String, String>>::new());
    }
}

/// Records the names of the spans opened.
struct SpanNames(Arc<Mutex<Vec<String>>>);

impl<S: Subscriber> Layer<S> for SpanNames {
    fn on_new_span(
        &self,
        attrs: &tracing::span::Attributes<'_>,
        _: &tracing::span::Id,
        _: Context<'_, S>,
    ) {
        self.0
            .lock()
            .unwrap()
            .push(attrs.metadata().name().to_owned());
    }
}

#[cors(origins = ["https://app.example.com"])]
#[tracing::instrument(skip_all)]
async fn traced_below() -> &'static str {
    "below"
}

#[tracing::instrument(skip_all)]
#[cors(origins = ["https://app.example.com"])]
async fn traced_above() -> &'static str {
    "above"
}

/// `#[tracing::instrument]` names its span after the handler, written above `#[cors]` or below it.
#[tokio::test]
async fn instrumented_handlers_name_their_spans_after_the_function() {
    let app = Router::new()
        .route("/below", get(traced_below))
        .route("/above", get(traced_above));
    let names = Arc::new(Mutex::new(Vec::new()));
    let subscriber = tracing_subscriber::registry().with(SpanNames(names.clone()));
    let _guard = tracing::subscriber::set_default(subscriber);
    for uri in ["/below", "/above"] {
        let res = call(
            &app,
            request(Method::GET, uri, &[("origin", "https://app.example.com")]),
        )
        .await;
        assert_eq!(
            header(&res, "access-control-allow-origin"),
            Some("https://app.example.com")
        );
    }
    assert_eq!(*names.lock().unwrap(), ["traced_below", "traced_above"]);
}

#[tokio::test]
async fn a_refused_preflight_logs_what_it_asked_for_even_in_bytes_that_are_not_utf8() {
    let req = http::Request::builder()
        .method(Method::OPTIONS)
        .uri("/guarded")
        .header(
            "origin",
            http::HeaderValue::from_bytes(b"https://\xffevil.example").unwrap(),
        )
        .header("access-control-request-method", "GET")
        .header("access-control-request-headers", "x-request-id, x-other")
        .body(axum::body::Body::empty())
        .unwrap();
    let events = events_of(req).await;
    assert_eq!(events.len(), 1, "{events:?}");
    assert_eq!(events[0]["origin"], "https://\u{fffd}evil.example");
    assert_eq!(events[0]["method"], "GET");
    assert_eq!(events[0]["headers"], "x-request-id, x-other");
}

#[tokio::test]
async fn a_refused_websocket_handshake_says_why_at_debug_level() {
    let events = events_of(request(
        Method::GET,
        "/guarded",
        &[("origin", "https://evil.example"), ("upgrade", "websocket")],
    ))
    .await;
    assert_eq!(events.len(), 1, "{events:?}");
    assert_eq!(events[0]["message"], "WebSocket handshake refused");
    assert_eq!(events[0]["reason"], "origin not allowed");
    assert_eq!(events[0]["policy"], "guarded");
    assert_eq!(events[0]["level"], "DEBUG");
}
