//! utoipa's OpenAPI document from annotated handlers (`cors_runtime::openapi`, cargo feature `utoipa`): the paths
//! come from each handler's `#[utoipa::path]`, the document lists exactly the routes the router serves, each
//! route answers its preflights by its handler's policy, and what cannot work panics when the router is built.

mod common;

use axum::extract::Path;
use axum::http::StatusCode;
use axum::Json;
use common::{call, header, preflight, request};
use cors_runtime::openapi::OpenApiRouter;
use cors_runtime::{cors, routes, Router};
use http::Method;
use utoipa::openapi::OpenApi;

#[utoipa::path(get, path = "/todos", responses((status = 200, description = "Every todo")))]
#[cors(origins = ["https://app.example.com"])]
async fn list_todos() -> Json<Vec<String>> {
    Json(vec!["a".into()])
}

#[utoipa::path(post, path = "/todos", request_body = String, responses((status = 201, description = "Created")))]
#[cors(origins = ["https://app.example.com"], headers = ["content-type"])]
async fn create_todo(body: String) -> (StatusCode, String) {
    (StatusCode::CREATED, body)
}

#[utoipa::path(delete, path = "/todos/{id}", params(("id" = u32, Path)), responses((status = 204, description = "Deleted")))]
#[cors(origins = ["https://admin.example.com"])]
async fn delete_todo(Path(id): Path<u32>) -> StatusCode {
    let _ = id;
    StatusCode::NO_CONTENT
}

/// A plain handler documented too: `routes!` takes it, without a policy.
#[utoipa::path(get, path = "/health", responses((status = 200, description = "Alive")))]
async fn health() -> &'static str {
    "ok"
}

fn parts() -> (Router, OpenApi) {
    OpenApiRouter::new()
        .routes(routes!(list_todos, create_todo))
        .routes(routes!(delete_todo))
        .routes(routes!(health))
        .split_for_parts()
}

/// Every `(method, path)` the document lists, with `{id}` filled in to request it.
fn documented(api: &OpenApi) -> Vec<(Method, String)> {
    let mut all = Vec::new();
    for (path, item) in &api.paths.paths {
        let concrete = path.replace("{id}", "3");
        for (method, operation) in [
            (Method::GET, &item.get),
            (Method::POST, &item.post),
            (Method::PUT, &item.put),
            (Method::DELETE, &item.delete),
            (Method::PATCH, &item.patch),
        ] {
            if operation.is_some() {
                all.push((method, concrete.clone()));
            }
        }
    }
    all.sort_by_key(|(method, path)| (path.clone(), method.to_string()));
    all
}

#[test]
fn the_document_lists_each_handler_at_its_own_path_and_method() {
    let (_, api) = parts();
    assert_eq!(
        documented(&api),
        [
            (Method::GET, "/health".to_owned()),
            (Method::GET, "/todos".to_owned()),
            (Method::POST, "/todos".to_owned()),
            (Method::DELETE, "/todos/3".to_owned()),
        ]
    );
    let delete = api.paths.paths["/todos/{id}"].delete.as_ref().unwrap();
    assert_eq!(delete.operation_id.as_deref(), Some("delete_todo"));
}

#[tokio::test]
async fn the_document_paths_equal_the_routes_served() {
    let (app, api) = parts();
    // Every documented route is served (not 404, not 405)…
    for (method, path) in documented(&api) {
        let uri: &'static str = Box::leak(path.clone().into_boxed_str());
        let res = call(&app, request(method.clone(), uri, &[])).await;
        assert!(
            res.status() != StatusCode::NOT_FOUND && res.status() != StatusCode::METHOD_NOT_ALLOWED,
            "{method} {path}: {}",
            res.status()
        );
    }
    // …and every other method of those paths, and any other path, is not.
    for (method, path) in [
        (Method::PUT, "/todos"),
        (Method::GET, "/todos/3"),
        (Method::POST, "/health"),
    ] {
        let res = call(&app, request(method.clone(), path, &[])).await;
        assert_eq!(
            res.status(),
            StatusCode::METHOD_NOT_ALLOWED,
            "{method} {path}"
        );
    }
    let res = call(&app, request(Method::GET, "/undocumented", &[])).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn each_documented_route_answers_its_preflights_by_its_own_policy() {
    let (app, _) = parts();
    let res = call(
        &app,
        preflight("/todos/3", "https://admin.example.com", "DELETE"),
    )
    .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        header(&res, "access-control-allow-origin"),
        Some("https://admin.example.com")
    );
    let res = call(
        &app,
        preflight("/todos/3", "https://app.example.com", "DELETE"),
    )
    .await;
    assert_eq!(
        res.status(),
        StatusCode::FORBIDDEN,
        "DELETE's policy is the admin's"
    );
    let res = call(&app, preflight("/todos", "https://app.example.com", "POST")).await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    // A path with plain handlers only is not CORS's: its OPTIONS gets axum's usual 405, without CORS headers.
    let res = call(&app, preflight("/health", "https://app.example.com", "GET")).await;
    assert_eq!(res.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(header(&res, "access-control-allow-origin"), None);
}

#[test]
fn nested_and_merged_routers_prefix_and_join_their_documents() {
    let todos = OpenApiRouter::<()>::new().routes(routes!(list_todos, create_todo));
    let admin = OpenApiRouter::new().routes(routes!(delete_todo));
    let (_, api) = OpenApiRouter::new()
        .nest("/api/v1", todos.merge(admin))
        .split_for_parts();
    let mut paths: Vec<&String> = api.paths.paths.keys().collect();
    paths.sort();
    assert_eq!(paths, ["/api/v1/todos", "/api/v1/todos/{id}"]);
}

#[tokio::test]
async fn a_nested_route_answers_its_preflight_under_the_prefix() {
    let (app, _) = OpenApiRouter::new()
        .nest("/api", OpenApiRouter::new().routes(routes!(delete_todo)))
        .split_for_parts();
    let res = call(
        &app,
        preflight("/api/todos/3", "https://admin.example.com", "DELETE"),
    )
    .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
}

#[test]
#[should_panic(
    expected = "routes!(...) takes the handlers of one path: `delete_todo` is at `/todos/{id}`"
)]
fn handlers_of_two_paths_in_one_routes_panic_with_the_fix() {
    let _ = OpenApiRouter::<()>::new().routes(routes!(list_todos, delete_todo));
}

#[utoipa::path(put, path = "/todos", responses((status = 200, description = "Replaced")))]
#[cors(origins = ["https://app.example.com"], methods = [GET])]
async fn replace_todos() {}

#[test]
#[should_panic(
    expected = "`replace_todos` is routed under `PUT` by its #[utoipa::path], which its #[cors] `methods = [...]` does not list (GET)"
)]
fn a_documented_method_the_policy_does_not_list_panics_with_the_fix() {
    let _ = OpenApiRouter::<()>::new().routes(routes!(replace_todos));
}

#[utoipa::path(get, path = "/", responses((status = 200, description = "The index")))]
#[cors(origins = ["https://app.example.com"])]
async fn index() -> &'static str {
    "index"
}

/// A route at `/` nested under a prefix is documented at the prefix itself, where axum serves it.
#[tokio::test]
async fn a_nested_index_is_documented_at_the_prefix() {
    let (app, api) = OpenApiRouter::new()
        .nest("/api", OpenApiRouter::new().routes(routes!(index)))
        .split_for_parts();
    let paths: Vec<&String> = api.paths.paths.keys().collect();
    assert_eq!(paths, ["/api"]);
    let res = call(
        &app,
        request(
            Method::GET,
            "/api",
            &[("origin", "https://app.example.com")],
        ),
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        header(&res, "access-control-allow-origin"),
        Some("https://app.example.com")
    );
}

/// `route`, `route_layer`, `layer` and `fallback` act on the router `split_for_parts` returns, as their
/// namesakes on `Router` do, and only `routes` documents (`get_openapi` shows the document so far).
#[tokio::test]
async fn the_routers_own_methods_reach_the_router_it_builds() {
    use axum::response::Response;
    fn mark(name: &'static str) -> impl Fn(Response) -> std::future::Ready<Response> + Clone {
        move |mut res: Response| {
            res.headers_mut()
                .insert(name, http::HeaderValue::from_static("1"));
            std::future::ready(res)
        }
    }
    let router = OpenApiRouter::new()
        .routes(routes!(list_todos))
        .route("/plain", cors_runtime::routing::get(|| async { "plain" }))
        .fallback(|| async { (StatusCode::IM_A_TEAPOT, "fallback") })
        .route_layer(axum::middleware::map_response(mark("x-route-layer")))
        .layer(axum::middleware::map_response(mark("x-layer")));
    let paths: Vec<&String> = router.get_openapi().paths.paths.keys().collect();
    assert_eq!(paths, ["/todos"], "`route` does not document");
    let (app, api) = router.split_for_parts();
    assert_eq!(api.paths.paths.len(), 1);

    let res = call(
        &app,
        request(
            Method::GET,
            "/todos",
            &[("origin", "https://app.example.com")],
        ),
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        header(&res, "access-control-allow-origin"),
        Some("https://app.example.com")
    );
    assert_eq!(header(&res, "x-route-layer"), Some("1"));
    assert_eq!(header(&res, "x-layer"), Some("1"));

    let res = call(&app, request(Method::GET, "/plain", &[])).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(header(&res, "x-route-layer"), Some("1"));

    // The fallback, set before the layers: `layer` wraps it, `route_layer` does not.
    let res = call(&app, request(Method::GET, "/nowhere", &[])).await;
    assert_eq!(res.status(), StatusCode::IM_A_TEAPOT);
    assert_eq!(header(&res, "x-layer"), Some("1"));
    assert_eq!(header(&res, "x-route-layer"), None);
}
