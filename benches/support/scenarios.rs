//! The request scenarios measured by the benchmarks (`benches/cors.rs`), the allocation test
//! (`tests/allocations.rs`) and the instruction counts (`benches/instructions.rs`): one definition for all three.
//!
//! Every router is finalized (`with_state`) and called as `axum::serve` does, `router.clone().oneshot(req)`;
//! requests are built with `HeaderValue::from_static`, outside any measured region.
#![allow(dead_code)]

use axum::body::Body;
use axum::routing::get as axum_get;
use axum::Router;
use cors_runtime::cors;
use cors_runtime::routing::get;
use http::{HeaderName, HeaderValue, Method, Request, Response};
use std::future::Future;
use std::task::{Context, Poll, Waker};
use tower::ServiceExt;
use tower_http::cors::{AllowOrigin, CorsLayer};

include!("origins500.rs");

const ORIGINS: [&str; 3] = [
    "https://app.example.com",
    "https://admin.example.com",
    "https://docs.example.com",
];

/// The policy, three origins.
#[cors(
    origins = ["https://app.example.com", "https://admin.example.com", "https://docs.example.com"],
    methods = [GET],
    headers = ["content-type", "x-request-id"],
    credentials,
    max_age = 600
)]
pub async fn list_items() -> &'static str {
    "[]"
}

/// The same handler without a policy: the floor.
pub async fn bare_list_items() -> &'static str {
    "[]"
}

/// A finished router: ours, or axum's (the bare handler and tower-http's `CorsLayer`).
#[derive(Clone)]
pub enum App {
    Ours(cors_runtime::Router),
    Axum(Router),
}

pub fn bare() -> App {
    App::Axum(
        Router::new()
            .route("/items", axum_get(bare_list_items))
            .with_state(()),
    )
}

pub fn ours() -> App {
    App::Ours(
        cors_runtime::Router::new()
            .route("/items", get(list_items))
            .with_state(()),
    )
}

pub fn ours_500() -> App {
    App::Ours(
        cors_runtime::Router::new()
            .route("/items", get(list_items_500))
            .with_state(()),
    )
}

/// A middleware that only passes requests on: the cost of the application's own layers, the same on both sides.
async fn pass(
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    next.run(req).await
}

/// The bare handler behind an application middleware (`from_fn`).
pub fn bare_behind_middleware() -> App {
    App::Axum(
        Router::new()
            .route("/items", axum_get(bare_list_items))
            .layer(axum::middleware::from_fn(pass))
            .with_state(()),
    )
}

/// The annotated handler behind the same middleware: CORS stands in front of it.
pub fn ours_behind_middleware() -> App {
    App::Ours(
        cors_runtime::Router::new()
            .route("/items", get(list_items))
            .layer(axum::middleware::from_fn(pass))
            .with_state(()),
    )
}

/// tower-http's `CorsLayer` configured with the same policy as `list_items`.
fn tower_layer() -> CorsLayer {
    CorsLayer::new()
        .allow_origin(AllowOrigin::list(ORIGINS.map(HeaderValue::from_static)))
        .allow_methods([Method::GET])
        .allow_headers([
            HeaderName::from_static("content-type"),
            HeaderName::from_static("x-request-id"),
        ])
        .allow_credentials(true)
        .max_age(std::time::Duration::from_secs(600))
}

/// tower-http's `CorsLayer` on the whole router, so that it sees preflights.
pub fn tower() -> App {
    App::Axum(
        Router::new()
            .route("/items", axum_get(bare_list_items))
            .layer(tower_layer())
            .with_state(()),
    )
}

/// The request kinds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Allowed,
    Disallowed,
    NoOrigin,
    Preflight,
    PreflightRefused,
    /// An allowed origin in the middle of the 500-origin list.
    Allowed500,
    /// An origin matched by the pattern of the 500-origin policy.
    Pattern500,
    /// A preflight whose `Access-Control-Request-Headers` is a megabyte of names and commas.
    PreflightHostile,
}

pub fn request(kind: Kind) -> Request<Body> {
    let (method, origin, preflight) = match kind {
        Kind::Allowed => (Method::GET, Some("https://admin.example.com"), false),
        Kind::Disallowed => (Method::GET, Some("https://evil.example.net"), false),
        Kind::NoOrigin => (Method::GET, None, false),
        Kind::Preflight => (Method::OPTIONS, Some("https://admin.example.com"), true),
        Kind::PreflightRefused => (Method::OPTIONS, Some("https://evil.example.net"), true),
        Kind::Allowed500 => (Method::GET, Some("https://app250.example.com"), false),
        Kind::Pattern500 => (Method::GET, Some("https://acme.tenants.example.com"), false),
        Kind::PreflightHostile => (Method::OPTIONS, Some("https://admin.example.com"), true),
    };
    let mut req = Request::builder()
        .method(method)
        .uri("/items")
        .body(Body::empty())
        .unwrap();
    let headers = req.headers_mut();
    if let Some(origin) = origin {
        headers.insert("origin", HeaderValue::from_static(origin));
    }
    if preflight {
        headers.insert(
            "access-control-request-method",
            HeaderValue::from_static("GET"),
        );
        headers.insert(
            "access-control-request-headers",
            HeaderValue::from_static("content-type,x-request-id"),
        );
    }
    if let Kind::PreflightHostile = kind {
        static HOSTILE: std::sync::OnceLock<HeaderValue> = std::sync::OnceLock::new();
        let value = HOSTILE.get_or_init(|| {
            let names = (0..100_000).map(|i| format!("x-h{i}")).collect::<Vec<_>>();
            HeaderValue::from_str(&names.join(",")).unwrap()
        });
        headers.insert("access-control-request-headers", value.clone());
    }
    req
}

/// One request, as `axum::serve` makes it. The handlers never wait, so one poll completes the future.
#[inline(never)]
pub fn measured_request(app: &App, req: Request<Body>) -> Response<Body> {
    match app {
        App::Ours(router) => block_on(router.clone().oneshot(req)).unwrap(),
        App::Axum(router) => block_on(router.clone().oneshot(req)).unwrap(),
    }
}

pub fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = std::pin::pin!(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(out) = fut.as_mut().poll(&mut cx) {
            return out;
        }
    }
}

/// Every scenario: a name, the router, and the request kind.
pub fn all() -> Vec<(&'static str, App, Kind)> {
    vec![
        ("bare", bare(), Kind::Allowed),
        ("ours/allowed", ours(), Kind::Allowed),
        ("ours/disallowed", ours(), Kind::Disallowed),
        ("ours/no_origin", ours(), Kind::NoOrigin),
        ("ours/preflight", ours(), Kind::Preflight),
        ("ours/preflight_refused", ours(), Kind::PreflightRefused),
        ("tower/allowed", tower(), Kind::Allowed),
        ("tower/disallowed", tower(), Kind::Disallowed),
        ("tower/no_origin", tower(), Kind::NoOrigin),
        ("tower/preflight", tower(), Kind::Preflight),
        ("tower/preflight_refused", tower(), Kind::PreflightRefused),
        ("ours_500/allowed", ours_500(), Kind::Allowed500),
        ("ours_500/pattern", ours_500(), Kind::Pattern500),
        ("ours_500/disallowed", ours_500(), Kind::Disallowed),
        ("bare_mw", bare_behind_middleware(), Kind::Allowed),
        ("ours_mw/allowed", ours_behind_middleware(), Kind::Allowed),
        (
            "ours_mw/preflight",
            ours_behind_middleware(),
            Kind::Preflight,
        ),
    ]
}

/// The route-count scenarios: `routes` routes on one router, literal (`/r17`) or with a parameter
/// (`/r17/{id}`), every one annotated (ours), bare, or under tower-http's `CorsLayer`; the request goes to the
/// middle one from an allowed origin.
pub const ROUTE_COUNTS: [usize; 4] = [1, 20, 200, 1000];

/// Which router a route-count scenario builds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    Bare,
    Ours,
    Tower,
}

pub fn route_count_app(routes: usize, param: bool, side: Side) -> App {
    let path = |i: usize| {
        if param {
            format!("/r{i}/{{id}}")
        } else {
            format!("/r{i}")
        }
    };
    match side {
        Side::Ours => {
            let mut r = cors_runtime::Router::new();
            for i in 0..routes {
                r = r.route(&path(i), get(list_items));
            }
            App::Ours(r.with_state(()))
        }
        Side::Bare | Side::Tower => {
            let mut r = Router::new();
            for i in 0..routes {
                r = r.route(&path(i), axum_get(bare_list_items));
            }
            if side == Side::Tower {
                r = r.layer(tower_layer());
            }
            App::Axum(r.with_state(()))
        }
    }
}

/// A GET from an allowed origin to the middle route of a route-count scenario.
pub fn route_count_request(routes: usize, param: bool) -> Request<Body> {
    let i = routes / 2;
    let uri = if param {
        format!("/r{i}/42")
    } else {
        format!("/r{i}")
    };
    let mut req = Request::builder()
        .method(Method::GET)
        .uri(uri)
        .body(Body::empty())
        .unwrap();
    req.headers_mut().insert(
        "origin",
        HeaderValue::from_static("https://admin.example.com"),
    );
    req
}

/// Every route-count scenario, named `routes/<n>/<literal|param>/<bare|ours|tower>`.
pub fn route_counts() -> Vec<(String, usize, bool, Side)> {
    let mut all = Vec::new();
    for routes in ROUTE_COUNTS {
        for param in [false, true] {
            for side in [Side::Bare, Side::Ours, Side::Tower] {
                let name = format!(
                    "routes/{routes}/{}/{}",
                    if param { "param" } else { "literal" },
                    format!("{side:?}").to_lowercase()
                );
                all.push((name, routes, param, side));
            }
        }
    }
    all
}
