//! CORS in front of the application's middleware: every kind of layer, in every place axum lets an application put
//! one, never sees a preflight, and whatever it answers by itself carries the route's CORS headers.
//!
//! The app is the one a new user writes: a JSON todo API (`State`, `Path`, `Json`, `Result<_, AppError>`) behind a
//! bearer check written with `axum::middleware::from_fn`. Routers are finished (`with_state`) and called as
//! `axum::serve` calls them.

mod common;

use axum::extract::{Path, Request, State};
use axum::middleware::{from_fn, Next};
use axum::response::{IntoResponse, Response};
use axum::Json;
use common::*;
use cors_runtime::routing::{get, CorsMethodRouter};
use cors_runtime::{cors, Router};
use http::{Method, StatusCode};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;

const APP: &str = "https://app.example.com";

#[derive(Clone, Default)]
struct AppState {
    /// How many times a handler ran.
    runs: Arc<AtomicUsize>,
}

impl AppState {
    fn runs(&self) -> usize {
        self.runs.load(Ordering::SeqCst)
    }
}

struct AppError;

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        (StatusCode::NOT_FOUND, "no such todo").into_response()
    }
}

#[cors(origins = ["https://app.example.com"], credentials, expose = ["x-total-count"], max_age = 600)]
async fn list_todos(State(state): State<AppState>) -> impl IntoResponse {
    state.runs.fetch_add(1, Ordering::SeqCst);
    ([("x-total-count", "2")], Json(["a", "b"]))
}

#[cors(origins = ["https://app.example.com"], headers = ["content-type", "authorization"], credentials)]
async fn create_todo(
    State(state): State<AppState>,
    Json(todo): Json<serde_json::Value>,
) -> (StatusCode, Json<serde_json::Value>) {
    state.runs.fetch_add(1, Ordering::SeqCst);
    (StatusCode::CREATED, Json(todo))
}

#[cors(origins = ["https://app.example.com"], headers = ["authorization"], credentials)]
async fn show_todo(State(state): State<AppState>, Path(id): Path<u32>) -> Result<String, AppError> {
    state.runs.fetch_add(1, Ordering::SeqCst);
    if id == 1 {
        Ok("todo 1".into())
    } else {
        Err(AppError)
    }
}

#[cors(origins = ["https://app.example.com"], headers = ["authorization"], credentials)]
async fn slow(State(state): State<AppState>) -> &'static str {
    state.runs.fetch_add(1, Ordering::SeqCst);
    tokio::time::sleep(Duration::from_secs(5)).await;
    "too late"
}

#[cors(origins = ["https://app.example.com"], headers = ["authorization"], credentials)]
#[allow(unreachable_code)]
async fn broken(State(state): State<AppState>) -> &'static str {
    state.runs.fetch_add(1, Ordering::SeqCst);
    panic!("a bug in the handler");
}

/// The usual bearer check: 401 without `Authorization: Bearer <non-empty>`. It counts the requests it sees.
fn bearer(seen: Arc<AtomicUsize>) -> impl Fn(Request, Next) -> BoxedResponse + Clone + Send + Sync {
    move |req: Request, next: Next| {
        seen.fetch_add(1, Ordering::SeqCst);
        let ok = req
            .headers()
            .get("authorization")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .is_some_and(|t| !t.is_empty());
        Box::pin(async move {
            if ok {
                next.run(req).await
            } else {
                StatusCode::UNAUTHORIZED.into_response()
            }
        })
    }
}

type BoxedResponse = std::pin::Pin<Box<dyn std::future::Future<Output = Response> + Send>>;

/// A middleware that answers by itself with `status` (a rate limiter's 429, an authorizer's 403).
async fn answer_with(status: StatusCode, req: Request, next: Next) -> Response {
    if req.headers().contains_key("x-let-through") {
        next.run(req).await
    } else {
        status.into_response()
    }
}

fn todos(state: &AppState) -> Router<AppState> {
    let _ = state;
    Router::new()
        .route("/todos", get(list_todos).post(create_todo))
        .route("/todos/{id}", get(show_todo))
}

/// Asserts the preflight is answered by the policy of the handler routed for `method`, before any layer: 204,
/// asking for the request headers that policy lists.
async fn assert_preflight_answered(app: &Router, uri: &'static str, method: &'static str) {
    let req = match (uri, method) {
        ("/todos", "GET") => preflight(uri, APP, method),
        ("/todos", "POST") => {
            preflight_with_headers(uri, APP, method, "authorization,content-type")
        }
        _ => preflight_with_headers(uri, APP, method, "authorization"),
    };
    let res = call(app, req).await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT, "{method} {uri}");
    assert_eq!(header(&res, "access-control-allow-origin"), Some(APP));
    assert_eq!(
        header(&res, "access-control-allow-credentials"),
        Some("true")
    );
    assert_eq!(header(&res, "access-control-allow-methods"), Some(method));
}

/// Asserts a response the middleware produced carries the route's headers, so script can read its status.
fn assert_readable(res: &http::Response<axum::body::Body>, status: StatusCode) {
    assert_eq!(res.status(), status);
    assert_eq!(header(res, "access-control-allow-origin"), Some(APP));
    assert_eq!(
        header(res, "access-control-allow-credentials"),
        Some("true")
    );
    assert_eq!(headers(res, "vary"), ["Origin"]);
}

#[tokio::test]
async fn a_bearer_check_on_router_layer_never_sees_a_preflight_and_its_401_is_readable() {
    let (state, seen) = (AppState::default(), Arc::new(AtomicUsize::new(0)));
    let app = todos(&state)
        .layer(from_fn(bearer(seen.clone())))
        .with_state(state.clone());

    assert_preflight_answered(&app, "/todos", "POST").await;
    assert_preflight_answered(&app, "/todos/7", "GET").await;
    assert_eq!(
        seen.load(Ordering::SeqCst),
        0,
        "the middleware saw a preflight"
    );

    let res = call(&app, request(Method::GET, "/todos", &[("origin", APP)])).await;
    assert_readable(&res, StatusCode::UNAUTHORIZED);
    assert_eq!(
        header(&res, "access-control-expose-headers"),
        Some("x-total-count"),
        "the GET policy's own headers, on the middleware's answer"
    );
    assert_eq!(state.runs(), 0);

    let res = call(
        &app,
        request(
            Method::GET,
            "/todos",
            &[("origin", APP), ("authorization", "Bearer t")],
        ),
    )
    .await;
    assert_readable(&res, StatusCode::OK);
    assert_eq!(header(&res, "x-total-count"), Some("2"));
    assert_eq!(state.runs(), 1);
}

#[tokio::test]
async fn a_bearer_check_on_route_layer_never_sees_a_preflight_and_its_401_is_readable() {
    let (state, seen) = (AppState::default(), Arc::new(AtomicUsize::new(0)));
    let app = todos(&state)
        .route_layer(from_fn(bearer(seen.clone())))
        .with_state(state.clone());
    assert_preflight_answered(&app, "/todos", "POST").await;
    assert_eq!(seen.load(Ordering::SeqCst), 0);
    let res = call(&app, request(Method::POST, "/todos", &[("origin", APP)])).await;
    assert_readable(&res, StatusCode::UNAUTHORIZED);
    assert_eq!(state.runs(), 0);
}

#[tokio::test]
async fn a_bearer_check_on_the_method_router_never_sees_a_preflight_and_its_401_is_readable() {
    let (state, seen) = (AppState::default(), Arc::new(AtomicUsize::new(0)));
    let app = Router::new()
        .route(
            "/todos",
            get(list_todos)
                .post(create_todo)
                .layer(from_fn(bearer(seen.clone()))),
        )
        .with_state(state.clone());
    assert_preflight_answered(&app, "/todos", "POST").await;
    assert_eq!(seen.load(Ordering::SeqCst), 0);
    let res = call(&app, request(Method::GET, "/todos", &[("origin", APP)])).await;
    assert_readable(&res, StatusCode::UNAUTHORIZED);

    // `route_layer` on the method router, too.
    let seen = Arc::new(AtomicUsize::new(0));
    let app = Router::new()
        .route(
            "/todos",
            CorsMethodRouter::new()
                .get(list_todos)
                .route_layer(from_fn(bearer(seen.clone()))),
        )
        .with_state(state);
    assert_preflight_answered(&app, "/todos", "GET").await;
    assert_eq!(seen.load(Ordering::SeqCst), 0);
    let res = call(&app, request(Method::GET, "/todos", &[("origin", APP)])).await;
    assert_readable(&res, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn answers_of_other_middleware_carry_the_headers_403_and_429() {
    for status in [StatusCode::FORBIDDEN, StatusCode::TOO_MANY_REQUESTS] {
        let state = AppState::default();
        let app = todos(&state)
            .layer(from_fn(move |req, next| answer_with(status, req, next)))
            .with_state(state.clone());
        assert_preflight_answered(&app, "/todos", "POST").await;
        let res = call(&app, request(Method::GET, "/todos", &[("origin", APP)])).await;
        assert_readable(&res, status);
        let through = call(
            &app,
            request(
                Method::GET,
                "/todos",
                &[("origin", APP), ("x-let-through", "1")],
            ),
        )
        .await;
        assert_readable(&through, StatusCode::OK);
        assert_eq!(state.runs(), 1);
    }
}

#[tokio::test]
async fn a_body_limits_413_carries_the_headers() {
    let state = AppState::default();
    let app = todos(&state)
        .layer(RequestBodyLimitLayer::new(16))
        .with_state(state.clone());
    let mut req = request(
        Method::POST,
        "/todos",
        &[
            ("origin", APP),
            ("content-type", "application/json"),
            ("content-length", "40"),
        ],
    );
    *req.body_mut() = axum::body::Body::from(r#"{"title": "far more than sixteen bytes"}"#);
    let res = call(&app, req).await;
    assert_readable(&res, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(state.runs(), 0);
}

#[tokio::test(start_paused = true)]
async fn a_timeouts_408_carries_the_headers() {
    let state = AppState::default();
    let app = Router::new()
        .route("/slow", get(slow))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            Duration::from_millis(50),
        ))
        .with_state(state.clone());
    let res = call(&app, request(Method::GET, "/slow", &[("origin", APP)])).await;
    assert_readable(&res, StatusCode::REQUEST_TIMEOUT);
    assert_eq!(state.runs(), 1, "the handler started, and was cut off");
}

#[tokio::test]
async fn a_caught_panics_500_carries_the_headers() {
    let state = AppState::default();
    let app = Router::new()
        .route("/broken", get(broken))
        .layer(CatchPanicLayer::new())
        .with_state(state);
    let res = call(&app, request(Method::GET, "/broken", &[("origin", APP)])).await;
    assert_readable(&res, StatusCode::INTERNAL_SERVER_ERROR);
}

#[tokio::test]
async fn err_returns_and_extractor_rejections_behind_middleware_carry_the_headers() {
    let (state, seen) = (AppState::default(), Arc::new(AtomicUsize::new(0)));
    let app = todos(&state).layer(from_fn(bearer(seen))).with_state(state);
    let token = ("authorization", "Bearer t");
    let res = call(
        &app,
        request(Method::GET, "/todos/2", &[("origin", APP), token]),
    )
    .await;
    assert_readable(&res, StatusCode::NOT_FOUND);
    let res = call(
        &app,
        request(Method::GET, "/todos/x", &[("origin", APP), token]),
    )
    .await;
    assert_readable(&res, StatusCode::BAD_REQUEST);
    let res = call(
        &app,
        request(
            Method::POST,
            "/todos",
            &[("origin", APP), token, ("content-type", "text/plain")],
        ),
    )
    .await;
    assert_readable(&res, StatusCode::UNSUPPORTED_MEDIA_TYPE);
}

#[tokio::test]
async fn a_disallowed_origin_gets_the_middlewares_answer_without_cors_headers() {
    let (state, seen) = (AppState::default(), Arc::new(AtomicUsize::new(0)));
    let app = todos(&state)
        .layer(from_fn(bearer(seen.clone())))
        .with_state(state);
    let res = call(
        &app,
        request(Method::GET, "/todos", &[("origin", "https://evil.example")]),
    )
    .await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(header(&res, "access-control-allow-origin"), None);
    assert_eq!(headers(&res, "vary"), ["Origin"]);

    // A refused preflight is refused before the middleware too.
    let res = call(&app, preflight("/todos", "https://evil.example", "POST")).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert_eq!(seen.load(Ordering::SeqCst), 1, "only the GET reached it");
}

/// The one order rule: a layer wrapped around the finished router from outside stands in front of CORS, as it
/// would in front of tower-http's `CorsLayer`. This test shows what happens then, so the README's rule stays true.
#[tokio::test]
async fn a_layer_wrapped_around_the_finished_router_stands_in_front_of_cors() {
    use tower::{Layer, ServiceExt};
    let (state, seen) = (AppState::default(), Arc::new(AtomicUsize::new(0)));
    let app = todos(&state).with_state(state);
    let outside = from_fn(bearer(seen.clone())).layer(app);
    let res = outside
        .oneshot(preflight("/todos", APP, "POST"))
        .await
        .unwrap();
    assert_eq!(
        res.status(),
        StatusCode::UNAUTHORIZED,
        "the preflight fails"
    );
    assert_eq!(header(&res, "access-control-allow-origin"), None);
    assert_eq!(seen.load(Ordering::SeqCst), 1);
}

#[cors(origins = ["https://app.example.com"])]
async fn no_credentials() -> &'static str {
    "{}"
}

/// A tower-http `CorsLayer` left over from before the migration: the handler's policy is the one that counts on
/// its route. The layer never sees a preflight, and the CORS headers it adds to responses are replaced by the
/// policy's, or removed where the policy sends none.
#[tokio::test]
async fn a_leftover_cors_layer_does_not_override_the_handlers_policy() {
    use tower_http::cors::CorsLayer;
    let app: Router = Router::new()
        .route("/todos", get(no_credentials))
        .route("/plain", axum::routing::get(|| async { "plain" }))
        .layer(CorsLayer::very_permissive());

    let res = call(&app, preflight("/todos", "https://evil.example", "GET")).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN, "the policy refuses it");
    assert_eq!(header(&res, "access-control-allow-origin"), None);

    let res = call(
        &app,
        request(Method::GET, "/todos", &[("origin", "https://evil.example")]),
    )
    .await;
    assert_eq!(header(&res, "access-control-allow-origin"), None);
    assert_eq!(header(&res, "access-control-allow-credentials"), None);

    let res = call(&app, request(Method::GET, "/todos", &[("origin", APP)])).await;
    assert_eq!(header(&res, "access-control-allow-origin"), Some(APP));
    assert_eq!(
        header(&res, "access-control-allow-credentials"),
        None,
        "the policy has no credentials"
    );
    assert_eq!(header(&res, "access-control-expose-headers"), None);

    // On a route without `#[cors]`, the layer is the only CORS there is.
    let res = call(
        &app,
        request(Method::GET, "/plain", &[("origin", "https://evil.example")]),
    )
    .await;
    assert_eq!(
        header(&res, "access-control-allow-origin"),
        Some("https://evil.example")
    );
}
