//! Observers in front of CORS (`Router::observe`): they see every request, preflights answered by the router
//! included, with the status each got; the app is still served by `axum::serve`, with connect info. Also: the
//! adoption pitfall (a `cors_runtime::Router` nested inside an `axum::Router` whose auth layer stands in front),
//! the adoption that works (the `cors_runtime::Router` outermost), and what a `405` and a `404` carry.

mod common;

use axum::body::Body;
use axum::extract::{ConnectInfo, Request};
use axum::http::StatusCode;
use axum::middleware::{from_fn, Next};
use axum::response::Response;
use common::{body, header, preflight, preflight_with_headers, request};
use cors_runtime::routing::get;
use cors_runtime::{cors, Router};
use http::Method;
use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use tower::ServiceExt;
use tower_http::trace::TraceLayer;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id};
use tracing::{Event, Subscriber};
use tracing_subscriber::layer::{Context, Layer, SubscriberExt};
use tracing_subscriber::registry::LookupSpan;

const APP: &str = "https://app.example.com";

#[cors(origins = ["https://app.example.com"], headers = ["content-type", "authorization"], credentials)]
async fn list_todos() -> &'static str {
    "[]"
}

#[cors(origins = ["https://app.example.com"], headers = ["content-type", "authorization"], credentials)]
async fn create_todo(body: String) -> (StatusCode, String) {
    (StatusCode::CREATED, body)
}

async fn require_bearer(req: Request, next: Next) -> Result<Response, StatusCode> {
    match req.headers().get("authorization") {
        Some(v) if v.as_bytes().starts_with(b"Bearer ") && v.len() > 7 => Ok(next.run(req).await),
        _ => Err(StatusCode::UNAUTHORIZED),
    }
}

fn todos() -> Router {
    Router::new()
        .route("/todos", get(list_todos).post(create_todo))
        .layer(from_fn(require_bearer))
}

async fn call(app: &axum::Router, req: Request) -> Response {
    app.clone().oneshot(req).await.unwrap()
}

// --- what TraceLayer sees --------------------------------------------------------------------------------------

/// An event, with the fields it recorded and the span it happened in.
#[derive(Debug, Clone)]
struct Seen {
    target: String,
    span: Option<String>,
    fields: BTreeMap<String, String>,
}

struct Capture(Arc<Mutex<Vec<Seen>>>);

struct Fields<'a>(&'a mut BTreeMap<String, String>);

impl Visit for Fields<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.0.insert(field.name().to_owned(), format!("{value:?}"));
    }
}

/// The fields a span was created with, kept in its extensions.
struct SpanFields(BTreeMap<String, String>);

impl<S: Subscriber + for<'a> LookupSpan<'a>> Layer<S> for Capture {
    fn on_new_span(&self, attrs: &Attributes<'_>, id: &Id, cx: Context<'_, S>) {
        let mut fields = BTreeMap::new();
        attrs.record(&mut Fields(&mut fields));
        cx.span(id)
            .unwrap()
            .extensions_mut()
            .insert(SpanFields(fields));
    }

    fn on_event(&self, event: &Event<'_>, cx: Context<'_, S>) {
        let mut fields = BTreeMap::new();
        event.record(&mut Fields(&mut fields));
        let span = cx.event_span(event).map(|span| {
            let method = span
                .extensions()
                .get::<SpanFields>()
                .and_then(|f| f.0.get("method").cloned())
                .unwrap_or_default();
            format!("{} {method}", span.name())
        });
        self.0.lock().unwrap().push(Seen {
            target: event.metadata().target().to_owned(),
            span,
            fields,
        });
    }
}

/// Everything `TraceLayer` (at debug level) and `cors_runtime` record while the app answers `req`.
async fn traced(req: Request) -> (StatusCode, Vec<Seen>) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let subscriber = tracing_subscriber::registry().with(Capture(seen.clone()));
    let app = todos().observe(
        TraceLayer::new_for_http()
            .on_response(tower_http::trace::DefaultOnResponse::new().level(tracing::Level::INFO)),
    );
    let _guard = tracing::subscriber::set_default(subscriber);
    let res = call(&app, req).await;
    let seen = seen.lock().unwrap().clone();
    (res.status(), seen)
}

/// The status `TraceLayer` logged when the response was ready.
fn traced_status(seen: &[Seen]) -> Option<String> {
    seen.iter()
        .find(|s| s.target.starts_with("tower_http::trace") && s.fields.contains_key("status"))
        .map(|s| s.fields["status"].clone())
}

#[tokio::test]
async fn trace_layer_in_front_logs_an_answered_preflight_with_its_status() {
    let (status, seen) = traced(preflight_with_headers(
        "/todos",
        APP,
        "POST",
        "authorization,content-type",
    ))
    .await;
    assert_eq!(
        status,
        StatusCode::NO_CONTENT,
        "answered by CORS, the bearer check never ran"
    );
    assert_eq!(traced_status(&seen).as_deref(), Some("204"), "{seen:#?}");
}

#[tokio::test]
async fn trace_layer_in_front_logs_a_refused_preflight_and_the_reason_lands_in_its_span() {
    let (status, seen) = traced(preflight("/todos", "https://evil.example", "POST")).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(traced_status(&seen).as_deref(), Some("403"), "{seen:#?}");
    let refusal = seen
        .iter()
        .find(|s| s.target == "cors_runtime")
        .expect("cors_runtime says why it refused");
    assert_eq!(
        refusal.span.as_deref(),
        Some("request OPTIONS"),
        "the refusal is logged inside TraceLayer's request span: {refusal:?}"
    );
}

#[tokio::test]
async fn trace_layer_added_with_layer_sits_behind_cors_and_misses_preflights() {
    // For contrast: `.layer(TraceLayer)` wraps the routes, behind CORS, as the bearer check is. Preflights are
    // answered before it, so it logs none of them; `observe` is the place for observers.
    let seen = Arc::new(Mutex::new(Vec::new()));
    let subscriber = tracing_subscriber::registry().with(Capture(seen.clone()));
    let app: axum::Router = axum::Router::new().fallback_service(
        todos()
            .layer(TraceLayer::new_for_http().on_response(
                tower_http::trace::DefaultOnResponse::new().level(tracing::Level::INFO),
            ))
            .with_state(()),
    );
    let _guard = tracing::subscriber::set_default(subscriber);
    let res = call(&app, preflight("/todos", APP, "POST")).await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(traced_status(&seen.lock().unwrap()), None);
}

// --- a layer that counts ---------------------------------------------------------------------------------------

#[tokio::test]
async fn a_counting_layer_in_front_sees_every_request_with_its_status() {
    let seen = Arc::new(Mutex::new(Vec::<(String, u16)>::new()));
    let log = seen.clone();
    let app = todos().observe(from_fn(move |req: Request, next: Next| {
        let log = log.clone();
        async move {
            let line = format!("{} {}", req.method(), req.uri().path());
            let res = next.run(req).await;
            log.lock().unwrap().push((line, res.status().as_u16()));
            res
        }
    }));
    call(&app, preflight("/todos", APP, "POST")).await;
    call(&app, preflight("/todos", "https://evil.example", "POST")).await;
    call(&app, request(Method::GET, "/todos", &[("origin", APP)])).await;
    call(
        &app,
        request(
            Method::GET,
            "/todos",
            &[("origin", APP), ("authorization", "Bearer t")],
        ),
    )
    .await;
    call(&app, request(Method::GET, "/nowhere", &[])).await;
    assert_eq!(
        *seen.lock().unwrap(),
        [
            ("OPTIONS /todos".to_owned(), 204),
            ("OPTIONS /todos".to_owned(), 403),
            ("GET /todos".to_owned(), 401),
            ("GET /todos".to_owned(), 200),
            // The bearer check wraps the fallback too, as axum's `Router::layer` does.
            ("GET /nowhere".to_owned(), 401),
        ]
    );
}

#[tokio::test]
async fn an_observed_app_still_puts_cors_in_front_of_the_routes_layers() {
    let app = todos().observe(from_fn(|req: Request, next: Next| next.run(req)));
    let res = call(&app, request(Method::GET, "/todos", &[("origin", APP)])).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(header(&res, "access-control-allow-origin"), Some(APP));
}

// --- served, with connect info ---------------------------------------------------------------------------------

#[cors(origins = ["https://app.example.com"])]
async fn whoami(ConnectInfo(peer): ConnectInfo<SocketAddr>) -> String {
    peer.ip().to_string()
}

#[tokio::test]
async fn an_observed_app_is_served_by_axum_serve_with_connect_info() {
    let peers = Arc::new(Mutex::new(Vec::new()));
    let log = peers.clone();
    let app = Router::new().route("/whoami", get(whoami)).observe(from_fn(
        move |req: Request, next: Next| {
            let log = log.clone();
            async move {
                let peer = req
                    .extensions()
                    .get::<ConnectInfo<SocketAddr>>()
                    .map(|c| c.0.ip());
                log.lock().unwrap().push(peer);
                next.run(req).await
            }
        },
    ));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let server = tokio::spawn(async move {
        axum::serve(
            listener,
            app.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .await
        .unwrap();
    });
    let client = hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new())
        .build_http::<Body>();
    let uri: http::Uri = format!("http://{addr}/whoami").parse().unwrap();
    let mut req = http::Request::get(uri).body(Body::empty()).unwrap();
    req.headers_mut()
        .insert("origin", http::HeaderValue::from_static(APP));
    let res = client.request(req).await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        res.headers().get("access-control-allow-origin").unwrap(),
        APP
    );
    let text = body(res.map(Body::new)).await;
    assert_eq!(text, "127.0.0.1", "the handler read the connect info");
    assert_eq!(
        *peers.lock().unwrap(),
        [Some("127.0.0.1".parse().unwrap())],
        "the observer read it too"
    );
    server.abort();
}

// --- adopting route by route -----------------------------------------------------------------------------------

async fn legacy_list() -> &'static str {
    "legacy"
}

#[tokio::test]
async fn pitfall_a_cors_router_nested_inside_an_axum_router_with_auth_gets_401_preflights() {
    // The existing app keeps its axum::Router outermost, with its auth layer, and nests the new routes: the bearer
    // check stands in front of CORS and answers the preflight with 401, without CORS headers.
    let annotated = Router::new()
        .route("/todos", get(list_todos).post(create_todo))
        .with_state(());
    let app: axum::Router = axum::Router::new()
        .route("/legacy", axum::routing::get(legacy_list))
        .nest_service("/api", annotated)
        .layer(from_fn(require_bearer));
    let res = call(&app, preflight("/api/todos", APP, "POST")).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(header(&res, "access-control-allow-origin"), None);
}

#[tokio::test]
async fn adoption_keeps_the_cors_router_outermost_and_the_legacy_router_behind_it() {
    // The documented way: the cors_runtime::Router is what gets served; the legacy axum::Router, with its own
    // layers, is attached to it with `fallback_service` and keeps answering its routes as before.
    let legacy: axum::Router = axum::Router::new()
        .route("/legacy", axum::routing::get(legacy_list))
        .layer(from_fn(require_bearer));
    let app = Router::new()
        .nest("/api", todos())
        .fallback_service(legacy)
        .with_state(());
    let app: axum::Router = axum::Router::new().fallback_service(app);
    let res = call(&app, preflight("/api/todos", APP, "POST")).await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(header(&res, "access-control-allow-origin"), Some(APP));
    let res = call(&app, request(Method::GET, "/api/todos", &[("origin", APP)])).await;
    assert_eq!(
        res.status(),
        StatusCode::UNAUTHORIZED,
        "the new routes keep their auth"
    );
    assert_eq!(header(&res, "access-control-allow-origin"), Some(APP));
    let res = call(&app, request(Method::GET, "/legacy", &[])).await;
    assert_eq!(
        res.status(),
        StatusCode::UNAUTHORIZED,
        "the legacy routes keep theirs"
    );
    let res = call(
        &app,
        request(Method::GET, "/legacy", &[("authorization", "Bearer t")]),
    )
    .await;
    assert_eq!(body(res).await, "legacy");
}

#[tokio::test]
async fn a_cors_router_nested_in_an_axum_router_is_reported_once_in_debug_builds() {
    let events = Arc::new(Mutex::new(Vec::new()));
    let subscriber = tracing_subscriber::registry().with(Capture(events.clone()));
    let annotated = Router::new()
        .route("/todos", get(list_todos))
        .with_state(());
    let app: axum::Router = axum::Router::new().nest_service("/api", annotated);
    let _guard = tracing::subscriber::set_default(subscriber);
    let warnings = || -> Vec<Seen> {
        events
            .lock()
            .unwrap()
            .iter()
            .filter(|s| s.target == "cors_runtime" && s.fields.contains_key("nested_at"))
            .cloned()
            .collect()
    };
    call(&app, request(Method::GET, "/api/todos", &[("origin", APP)])).await;
    if cfg!(debug_assertions) {
        assert_eq!(warnings().len(), 1, "at the first request already");
    }
    call(&app, request(Method::GET, "/api/todos", &[("origin", APP)])).await;
    let warnings = warnings();
    // Once per router, however many requests arrive nested.
    assert!(warnings.len() <= 1, "{warnings:?}");
    if cfg!(debug_assertions) {
        assert_eq!(warnings.len(), 1, "debug builds warn");
        assert_eq!(warnings[0].fields["nested_at"], "\"/api\"");
        assert!(warnings[0].fields["message"].contains("fallback_service"));
    }
}

// --- 405 and 404 -----------------------------------------------------------------------------------------------

#[cors(origins = ["https://app.example.com"], methods = [GET], expose = ["x-total-count"], credentials)]
async fn items() -> &'static str {
    "[]"
}

fn items_app() -> axum::Router {
    axum::Router::new().fallback_service(Router::new().route("/items", get(items)).with_state(()))
}

#[tokio::test]
async fn a_405_on_a_path_with_annotated_handlers_is_readable_by_an_allowed_origin() {
    let res = call(
        &items_app(),
        request(Method::PUT, "/items", &[("origin", APP)]),
    )
    .await;
    assert_eq!(res.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(header(&res, "access-control-allow-origin"), Some(APP));
    assert_eq!(
        header(&res, "access-control-allow-credentials"),
        Some("true")
    );
    assert_eq!(
        header(&res, "access-control-expose-headers"),
        None,
        "nothing the policy exposes: it is not the handler's response"
    );
    assert_eq!(header(&res, "vary"), Some("Origin"));
}

#[tokio::test]
async fn a_405_tells_another_origin_nothing() {
    let res = call(
        &items_app(),
        request(Method::PUT, "/items", &[("origin", "https://evil.example")]),
    )
    .await;
    assert_eq!(res.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(header(&res, "access-control-allow-origin"), None);
    assert_eq!(header(&res, "vary"), Some("Origin"));
}

#[tokio::test]
async fn a_plain_handler_beside_an_annotated_one_keeps_no_cors_headers() {
    // Only axum's 405 is decorated: a plain handler's own answers stay unreadable by other origins.
    async fn plain_put() -> &'static str {
        "plain"
    }
    let app = axum::Router::new().fallback_service(
        Router::new()
            .route("/items", get(items).put(plain_put))
            .with_state(()),
    );
    let res = call(&app, request(Method::PUT, "/items", &[("origin", APP)])).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(header(&res, "access-control-allow-origin"), None);
}

#[tokio::test]
async fn a_404_for_a_path_no_route_matches_carries_no_cors_headers() {
    // No route, no policy: which handler's policy would answer is unknowable (and a 404 from a handler, for a
    // path that exists, carries its policy's headers like any other answer of the handler).
    let res = call(
        &items_app(),
        request(Method::GET, "/nowhere", &[("origin", APP)]),
    )
    .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    assert_eq!(header(&res, "access-control-allow-origin"), None);
    assert_eq!(header(&res, "vary"), None);
}
