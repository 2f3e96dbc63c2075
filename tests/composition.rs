//! Composition as axum users compose routes: one path in several `.route` calls, `merge` of routers that share a
//! path, `nest`, `nest_service`, `fallback`, the application's own `OPTIONS` handler, any state type. No panic,
//! and every method answered by its own handler's policy, at the path where it ends up.

mod common;

use axum::extract::State;
use common::*;
use cors_runtime::routing::{delete, get, options, post, put};
use cors_runtime::{cors, Router};
use http::{Method, StatusCode};
use std::sync::Arc;

const APP: &str = "https://app.example.com";
const ADMIN: &str = "https://admin.example.com";

#[cors(origins = ["https://app.example.com"], max_age = 600)]
async fn list() -> &'static str {
    "[]"
}

#[cors(origins = ["https://app.example.com"], headers = ["content-type"])]
async fn create() -> StatusCode {
    StatusCode::CREATED
}

#[cors(origins = ["https://admin.example.com"], headers = ["content-type"])]
async fn replace() -> &'static str {
    "replaced"
}

#[cors(origins = ["https://admin.example.com"])]
async fn remove() -> StatusCode {
    StatusCode::NO_CONTENT
}

async fn own_options() -> (StatusCode, [(&'static str, &'static str); 1]) {
    (StatusCode::OK, [("allow", "GET, POST, OPTIONS")])
}

async fn plain() -> &'static str {
    "plain"
}

/// The origin a preflight for `method` on `uri` is answered for, or its status when refused.
async fn preflight_answer(
    app: &Router,
    uri: &'static str,
    origin: &'static str,
    method: &'static str,
) -> Result<String, StatusCode> {
    let res = call(app, preflight(uri, origin, method)).await;
    match res.status() {
        StatusCode::NO_CONTENT => Ok(header(&res, "access-control-allow-origin")
            .unwrap()
            .to_owned()),
        status => Err(status),
    }
}

#[tokio::test]
async fn one_path_in_several_route_calls_each_with_annotated_handlers() {
    let app = Router::new()
        .route("/items", get(list))
        .route("/items", post(create))
        .route("/items", put(replace).delete(remove));
    assert_eq!(
        preflight_answer(&app, "/items", APP, "GET").await,
        Ok(APP.into())
    );
    assert_eq!(
        preflight_answer(&app, "/items", APP, "POST").await,
        Ok(APP.into())
    );
    assert_eq!(
        preflight_answer(&app, "/items", ADMIN, "PUT").await,
        Ok(ADMIN.into())
    );
    assert_eq!(
        preflight_answer(&app, "/items", ADMIN, "DELETE").await,
        Ok(ADMIN.into())
    );
    assert_eq!(
        preflight_answer(&app, "/items", APP, "PUT").await,
        Err(StatusCode::FORBIDDEN),
        "PUT is answered by PUT's policy, which does not list the app's origin"
    );
    let res = call(&app, request(Method::PUT, "/items", &[("origin", ADMIN)])).await;
    assert_eq!(header(&res, "access-control-allow-origin"), Some(ADMIN));
}

#[tokio::test]
async fn merged_routers_that_share_a_path_keep_each_methods_policy() {
    let a = Router::new().route("/todos", get(list).post(create));
    let b = Router::new()
        .route("/todos", put(replace))
        .route("/todos/{id}", delete(remove));
    let app = a.merge(b);
    assert_eq!(
        preflight_answer(&app, "/todos", APP, "POST").await,
        Ok(APP.into())
    );
    assert_eq!(
        preflight_answer(&app, "/todos", ADMIN, "PUT").await,
        Ok(ADMIN.into())
    );
    assert_eq!(
        preflight_answer(&app, "/todos/9", ADMIN, "DELETE").await,
        Ok(ADMIN.into())
    );
    assert_eq!(
        preflight_answer(&app, "/todos", ADMIN, "POST").await,
        Err(StatusCode::FORBIDDEN)
    );
}

#[tokio::test]
async fn nested_routes_answer_under_the_prefix_only() {
    let api = Router::new()
        .route("/todos", get(list).post(create))
        .route("/", get(list));
    let app = Router::new().nest("/api", api);
    assert_eq!(
        preflight_answer(&app, "/api/todos", APP, "POST").await,
        Ok(APP.into())
    );
    assert_eq!(
        preflight_answer(&app, "/api", APP, "GET").await,
        Ok(APP.into())
    );
    let res = call(&app, request(Method::GET, "/api/todos", &[("origin", APP)])).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(header(&res, "access-control-allow-origin"), Some(APP));
    // Outside the prefix, the path does not exist: axum's 404, and nothing of CORS.
    let res = call(&app, preflight("/todos", APP, "GET")).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    assert_eq!(header(&res, "access-control-allow-origin"), None);
}

#[tokio::test]
async fn nest_service_with_a_cors_router_enforces_its_policies_and_plain_services_stay_plain() {
    let inner = Router::new().route("/todos", get(list).post(create));
    let plain_app = axum::Router::new().route("/files", axum::routing::get(plain));
    let app = Router::new()
        .nest_service("/api", inner)
        .nest_service("/static", plain_app);
    assert_eq!(
        preflight_answer(&app, "/api/todos", APP, "POST").await,
        Ok(APP.into())
    );
    let res = call(&app, request(Method::GET, "/api/todos", &[("origin", APP)])).await;
    assert_eq!(header(&res, "access-control-allow-origin"), Some(APP));
    // The nested router's policies refuse what they do not allow, too.
    assert_eq!(
        preflight_answer(&app, "/api/todos", ADMIN, "POST").await,
        Err(StatusCode::FORBIDDEN)
    );
    let res = call(
        &app,
        request(Method::GET, "/api/todos", &[("origin", ADMIN)]),
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(header(&res, "access-control-allow-origin"), None);
    assert_eq!(header(&res, "vary"), Some("Origin"));
    let res = call(
        &app,
        request(Method::GET, "/static/files", &[("origin", APP)]),
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(header(&res, "access-control-allow-origin"), None);
}

#[tokio::test]
async fn a_static_route_of_another_router_is_not_answered_by_a_parameter_routes_policy() {
    // axum routes `/users/me` to the plain route, not to `/users/{id}`: so must CORS.
    let annotated = Router::new().route("/users/{id}", get(list));
    let other = Router::new().route("/users/me", axum::routing::get(plain));
    let app = annotated.merge(other);
    assert_eq!(
        preflight_answer(&app, "/users/7", APP, "GET").await,
        Ok(APP.into())
    );
    let res = call(&app, preflight("/users/me", APP, "GET")).await;
    assert_eq!(
        res.status(),
        StatusCode::METHOD_NOT_ALLOWED,
        "axum's own answer"
    );
    assert_eq!(header(&res, "access-control-allow-origin"), None);
    let res = call(&app, request(Method::GET, "/users/me", &[("origin", APP)])).await;
    assert_eq!(body(res).await, "plain");
}

#[tokio::test]
async fn fallback_answers_unknown_paths_without_cors() {
    let app = Router::new()
        .route("/items", get(list))
        .fallback(|| async { (StatusCode::NOT_FOUND, "nothing here") });
    let res = call(&app, request(Method::GET, "/elsewhere", &[("origin", APP)])).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    assert_eq!(body(res).await, "nothing here");
    assert_eq!(
        preflight_answer(&app, "/items", APP, "GET").await,
        Ok(APP.into())
    );
}

#[tokio::test]
async fn the_applications_own_options_handler_gets_every_other_options_request() {
    for app in [
        // In the same chain, and in a second `.route` call next to an annotated chain (it used to panic).
        Router::new().route("/items", get(list).options(own_options)),
        Router::new()
            .route("/items", get(list))
            .route("/items", options(own_options)),
        Router::new()
            .route("/items", axum::routing::options(own_options))
            .route("/items", get(list)),
    ] {
        let res = call(&app, request(Method::OPTIONS, "/items", &[])).await;
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(header(&res, "allow"), Some("GET, POST, OPTIONS"));
        let res = call(&app, request(Method::OPTIONS, "/items", &[("origin", APP)])).await;
        assert_eq!(
            header(&res, "allow"),
            Some("GET, POST, OPTIONS"),
            "Origin alone is no preflight"
        );
        assert_eq!(
            preflight_answer(&app, "/items", APP, "GET").await,
            Ok(APP.into())
        );
    }
}

#[derive(Clone)]
struct Config {
    greeting: Arc<str>,
}

#[cors(origins = ["https://app.example.com"])]
async fn greet(State(config): State<Config>) -> String {
    config.greeting.to_string()
}

#[tokio::test]
async fn any_state_type() {
    let app = Router::new()
        .route("/greet", get(greet))
        .with_state(Config {
            greeting: "hello".into(),
        });
    let res = call(&app, request(Method::GET, "/greet", &[("origin", APP)])).await;
    assert_eq!(header(&res, "access-control-allow-origin"), Some(APP));
    assert_eq!(body(res).await, "hello");

    // A finished router (its state provided) nested into a router of another state type.
    let inner: Router = Router::new()
        .route("/greet", get(greet))
        .with_state(Config {
            greeting: "nested".into(),
        });
    let app: Router<Arc<u8>> = Router::new().nest_service("/v1", inner);
    let app = app.with_state(Arc::new(0));
    assert_eq!(
        preflight_answer(&app, "/v1/greet", APP, "GET").await,
        Ok(APP.into())
    );
}

#[test]
#[should_panic(expected = "Overlapping method route")]
fn the_same_method_twice_on_one_path_is_axums_own_panic() {
    let _ = Router::<()>::new()
        .route("/items", get(list))
        .route("/items", get(list));
}

#[tokio::test]
async fn a_path_spelled_like_a_template_goes_to_the_route_axum_calls() {
    // `{{id}}` is axum's escape for a literal `{id}`: a request for the path `/items/{id}` is that route's, not
    // the parameter route's whose template it spells.
    let app = Router::new()
        .route("/items/{id}", get(list))
        .route("/items/{{id}}", put(replace));
    assert_eq!(
        preflight_answer(&app, "/items/{id}", ADMIN, "PUT").await,
        Ok(ADMIN.into())
    );
    assert_eq!(
        preflight_answer(&app, "/items/{id}", APP, "GET").await,
        Err(StatusCode::FORBIDDEN),
        "GET is not routed at the literal path"
    );
    assert_eq!(
        preflight_answer(&app, "/items/7", APP, "GET").await,
        Ok(APP.into())
    );
}

#[test]
fn has_routes_says_whether_a_route_was_added() {
    assert!(!Router::<()>::new().has_routes());
    assert!(Router::<()>::new().route("/items", get(list)).has_routes());
}

#[tokio::test]
async fn the_applications_fallbacks_for_other_methods_answer_and_preflights_never_reach_them() {
    let teapot = || async { (StatusCode::IM_A_TEAPOT, "not here") };
    for app in [
        Router::new().route("/items", get(list).fallback(teapot)),
        Router::new()
            .route("/items", get(list))
            .method_not_allowed_fallback(teapot),
    ] {
        let res = call(&app, request(Method::DELETE, "/items", &[("origin", APP)])).await;
        assert_eq!(res.status(), StatusCode::IM_A_TEAPOT);
        assert_eq!(body(res).await, "not here");
        assert_eq!(
            preflight_answer(&app, "/items", APP, "GET").await,
            Ok(APP.into())
        );
    }
}
