//! `Router::cors_report()`: every route and method with its policy, and the routes without one, with full paths
//! through `nest` and `merge`. Snapshot tests: when a policy or a route changes, the expected text here changes
//! with it, in review.

use axum::routing::MethodRouter;
use cors_runtime::report::Handler;
use cors_runtime::routing::{any, get, post};
use cors_runtime::{cors, Router, RuntimeOrigins};

/// The todo API of `examples/behind_middleware.rs`, as `cargo run --example behind_middleware -- --cors-report`
/// prints it.
#[path = "../examples/behind_middleware.rs"]
#[allow(dead_code)]
mod behind_middleware;

#[test]
fn the_behind_middleware_example_reports_every_route() {
    assert_eq!(
        behind_middleware::app().cors_report().to_string(),
        "\
GET     /api/todos       origins https://app.example.com; credentials; methods as routed; expose x-total-count; max_age 600
POST    /api/todos       origins https://app.example.com; credentials; methods as routed; headers content-type, authorization
PUT     /api/todos       origins https://admin.example.com; credentials; methods as routed; headers content-type, authorization
DELETE  /api/todos/{id}  origins https://admin.example.com; credentials; methods as routed; headers authorization
*       /health          no policy (an axum MethodRouter)
"
    );
}

static PARTNERS: RuntimeOrigins = RuntimeOrigins::new();

#[cors(origins = ["https://app.example.com", "https://*.staging.example.com", "http://localhost:*", PARTNERS],
       methods = [GET, "PURGE"], headers = ["*", "authorization"], credentials, max_age = -1, preflight_status = 200,
       refuse_disallowed)]
async fn everything() {}

#[cors(origins = "*", methods = "*", headers = "*")]
async fn public() {}

async fn plain() {}

async fn service() -> &'static str {
    "a service"
}

#[test]
fn every_kind_of_route_is_reported_at_its_full_path() {
    let admin = Router::new().route("/items", post(plain));
    let api = Router::new()
        .route("/items", get(everything))
        .route("/public", any(public))
        .merge(admin);
    let app: Router = Router::new()
        .nest("/api/v1", api)
        .route("/legacy", MethodRouter::new().get(plain))
        .route_service(
            "/svc",
            axum::routing::get_service(tower::service_fn(|_| async {
                Ok::<_, std::convert::Infallible>(axum::response::Response::new(
                    axum::body::Body::empty(),
                ))
            })),
        )
        .nest_service(
            "/static",
            axum::Router::new().route("/x", axum::routing::get(service)),
        )
        .fallback(service);
    assert_eq!(
        app.cors_report().to_string(),
        "\
GET   /api/v1/items   origins https://app.example.com, https://*.staging.example.com, http://localhost:*, PARTNERS (set at run time); credentials; methods GET, PURGE; headers *, authorization; max_age 0; preflight_status 200; refuse_disallowed
POST  /api/v1/items   no policy
*     /api/v1/public  origins *; methods *; headers *
*     /legacy         no policy (an axum MethodRouter)
*     /static         no policy (a nested service, with whatever it routes)
*     /svc            no policy (a service)
*     (fallback)      no policy
"
    );
}

#[test]
fn the_report_is_a_value_tests_can_read() {
    let app: Router = Router::new().route("/items", get(everything).post(plain));
    let routes = app.cors_report();
    let routes = routes.routes();
    assert_eq!(routes.len(), 2);
    assert_eq!(
        (routes[0].method.as_str(), routes[0].path.as_str()),
        ("GET", "/items")
    );
    let Handler::Annotated(policy) = routes[0].handler else {
        panic!("{:?}", routes[0].handler)
    };
    assert!(policy.credentials() && policy.refuse_disallowed());
    assert_eq!(policy.name(), "everything");
    assert!(matches!(routes[1].handler, Handler::Plain));
}

#[test]
fn a_path_routed_twice_keeps_the_axum_method_router_of_its_second_call() {
    // One path in two `.route` calls: the second call's handlers join the first's, the axum `MethodRouter` included.
    let app: Router = Router::new()
        .route("/items", get(public))
        .route("/items", MethodRouter::new().post(plain));
    assert_eq!(
        app.cors_report().to_string(),
        "\
*    /items  no policy (an axum MethodRouter)
GET  /items  origins *; methods *; headers *
"
    );
}

#[test]
fn a_merged_router_brings_its_fallback_into_the_report() {
    let with_fallback: Router = Router::new().fallback(plain);
    let app: Router = Router::new()
        .route("/items", get(public))
        .merge(with_fallback);
    assert_eq!(
        app.cors_report().to_string(),
        "\
GET  /items      origins *; methods *; headers *
*    (fallback)  no policy
"
    );
}
