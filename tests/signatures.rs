//! Every signature axum accepts, annotated and served: each route answers its preflight by its own policy and
//! carries the policy's headers on whatever the handler returns, `Ok` or `Err`, opaque or not. (That each shape
//! compiles, and awaits to its own return value in a unit test, is `tests/ui/pass/signatures.rs`.)

mod common;

use axum::extract::{FromRef, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use common::{body, call, header, preflight, request};
use cors_runtime::routing::{any, get, post};
use cors_runtime::{cors, Router};
use http::Method;

const APP: &str = "https://app.example.com";

struct AppError;

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        (StatusCode::CONFLICT, "conflict").into_response()
    }
}

#[derive(Clone)]
struct AppState {
    name: &'static str,
}

#[derive(Clone)]
struct Outer {
    app: AppState,
}

impl FromRef<Outer> for AppState {
    fn from_ref(outer: &Outer) -> AppState {
        outer.app.clone()
    }
}

#[cors(origins = ["https://app.example.com"], methods = [GET], expose = ["x-kind"])]
async fn result_of_opaque(Path(id): Path<u32>) -> Result<impl IntoResponse, AppError> {
    if id == 0 {
        Err(AppError)
    } else {
        Ok(([("x-kind", "opaque")], format!("item {id}")))
    }
}

#[cors(origins = ["https://app.example.com"], methods = [POST], headers = ["content-type"])]
async fn result_of_tuple(
    Json(name): Json<String>,
) -> Result<(StatusCode, impl IntoResponse), AppError> {
    Ok((StatusCode::CREATED, Json(name)))
}

#[cors(origins = ["https://app.example.com"], methods = [GET])]
async fn opaque() -> impl IntoResponse {
    (StatusCode::ACCEPTED, "accepted")
}

#[cors(origins = ["https://app.example.com"], methods = [GET])]
async fn response() -> Response {
    StatusCode::IM_A_TEAPOT.into_response()
}

#[cors(origins = ["https://app.example.com"], methods = [GET])]
async fn unit() {}

#[cors(origins = ["https://app.example.com"], methods = [GET])]
async fn generic<S: Clone + Send + Sync + 'static>(
    State(_): State<S>,
    headers: HeaderMap,
) -> String {
    headers.len().to_string()
}

#[cors(origins = ["https://app.example.com"], methods = [GET])]
async fn from_ref(State(state): State<AppState>) -> &'static str {
    state.name
}

#[cors(origins = ["https://app.example.com"], methods = [GET, "PURGE"])]
async fn purge(method: Method) -> String {
    method.to_string()
}

fn app() -> Router {
    Router::new()
        .route("/items/{id}", get(result_of_opaque))
        .route("/items", post(result_of_tuple))
        .route("/opaque", get(opaque))
        .route("/response", get(response))
        .route("/unit", get(unit))
        .route("/generic", get(generic::<Outer>))
        .route("/from-ref", get(from_ref))
        .route("/purge", any(purge))
        .with_state(Outer {
            app: AppState { name: "app state" },
        })
}

/// Each route, its request, and what it answers: every response carries the policy's origin.
#[tokio::test]
async fn every_shape_is_served_with_its_policy() {
    let app = app();
    let get = |uri| request(Method::GET, uri, &[("origin", APP)]);
    let cases: Vec<(&str, http::Request<axum::body::Body>, StatusCode, &str)> = vec![
        (
            "Ok(impl IntoResponse)",
            get("/items/7"),
            StatusCode::OK,
            "item 7",
        ),
        (
            "Err(AppError)",
            get("/items/0"),
            StatusCode::CONFLICT,
            "conflict",
        ),
        (
            "Ok((StatusCode, impl IntoResponse))",
            request(
                Method::POST,
                "/items",
                &[("origin", APP), ("content-type", "application/json")],
            )
            .map(|_| axum::body::Body::from("\"fig\"")),
            StatusCode::CREATED,
            "\"fig\"",
        ),
        (
            "impl IntoResponse",
            get("/opaque"),
            StatusCode::ACCEPTED,
            "accepted",
        ),
        ("Response", get("/response"), StatusCode::IM_A_TEAPOT, ""),
        ("()", get("/unit"), StatusCode::OK, ""),
        ("generic state", get("/generic"), StatusCode::OK, "1"),
        (
            "FromRef state",
            get("/from-ref"),
            StatusCode::OK,
            "app state",
        ),
        (
            "extension method",
            request(
                Method::from_bytes(b"PURGE").unwrap(),
                "/purge",
                &[("origin", APP)],
            ),
            StatusCode::OK,
            "PURGE",
        ),
    ];
    for (shape, req, status, text) in cases {
        let res = call(&app, req).await;
        assert_eq!(res.status(), status, "{shape}");
        assert_eq!(
            header(&res, "access-control-allow-origin"),
            Some(APP),
            "{shape}"
        );
        assert_eq!(body(res).await, text, "{shape}");
    }
}

#[tokio::test]
async fn the_opaque_response_keeps_its_own_headers_and_the_exposed_list() {
    let res = call(&app(), request(Method::GET, "/items/3", &[("origin", APP)])).await;
    assert_eq!(header(&res, "x-kind"), Some("opaque"));
    assert_eq!(
        header(&res, "access-control-expose-headers"),
        Some("x-kind")
    );
}

#[tokio::test]
async fn each_shape_answers_its_own_preflight() {
    let app = app();
    for (uri, method) in [
        ("/items/1", "GET"),
        ("/items", "POST"),
        ("/opaque", "GET"),
        ("/generic", "GET"),
        ("/purge", "PURGE"),
    ] {
        let res = call(&app, preflight(uri, APP, method)).await;
        assert_eq!(res.status(), StatusCode::NO_CONTENT, "{uri}");
        assert_eq!(
            header(&res, "access-control-allow-origin"),
            Some(APP),
            "{uri}"
        );
    }
    // `POST /items` lists `POST` only: a preflight for `PUT` is refused by its policy.
    let res = call(&app, preflight("/items", APP, "PUT")).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
}
