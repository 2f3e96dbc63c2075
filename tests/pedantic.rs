//! The expansion adds no `clippy::pedantic` warning to a user's crate: this test target denies the whole group,
//! and `scripts/test` runs `cargo clippy --all-targets -- -D warnings` over it. It holds handlers of every shape
//! the attribute accepts; the test below routes them, so that what clippy checks is also what runs.
#![deny(clippy::pedantic)]

mod common;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::Json;
use common::{call, header, preflight};
use cors_runtime::RuntimeOrigins;
use cors_runtime::{cors, cors_policy, routing::get, runtime_origins::NoCredentials, Router};

#[derive(Clone)]
struct AppState;

static PARTNERS: RuntimeOrigins<NoCredentials> = RuntimeOrigins::new();

cors_policy! {
    /// The web app, with cookies.
    WEB(origins = ["https://app.example.com", "https://*.staging.example.com"], credentials, max_age = 600);
}

/// Lists items.
#[cors(policy = WEB, methods = [GET, POST], headers = ["content-type"], expose = ["x-total-count"])]
async fn items(State(_): State<AppState>, Path(id): Path<u32>, Json(body): Json<String>) -> String {
    format!("{id}: {body}")
}

#[cors(origins = "*", methods = "*", headers = "*", expose = "*", max_age = -1, preflight_status = 200)]
async fn public() -> impl IntoResponse {
    "public"
}

#[cors(origins = ["http://localhost:*", PARTNERS], refuse_disallowed)]
async fn partner(Path(id): Path<u32>) -> Result<String, StatusCode> {
    if id == 0 {
        Err(StatusCode::NOT_FOUND)
    } else {
        Ok(id.to_string())
    }
}

#[cors(origins = ["https://app.example.com"])]
#[deprecated(note = "use `items`")]
async fn old() {}

/// Patterns of every kind: an unread `_binding` and `_`, `mut`, nested and struct patterns, a generic state.
#[cors(origins = ["https://app.example.com"], methods = [PUT])]
async fn patterns<S: Clone + Send + Sync + 'static>(
    State(_state): State<S>,
    _: axum::http::HeaderMap,
    Path((list, item)): Path<(u32, u32)>,
    Json(Body { name, mut tags }): Json<Body>,
) -> Result<impl IntoResponse, StatusCode> {
    tags.push(name);
    Ok(format!("{list}/{item}: {tags:?}"))
}

#[derive(serde::Deserialize)]
struct Body {
    name: String,
    tags: Vec<String>,
}

#[allow(deprecated)]
fn app() -> Router {
    Router::new()
        .route("/items/{id}", get(items).post(items))
        .route("/public", get(public))
        .route("/partners/{id}", get(partner))
        .route("/old", get(old))
        .route(
            "/lists/{list}/items/{item}",
            cors_runtime::routing::put(patterns::<AppState>),
        )
        .with_state(AppState)
}

#[tokio::test]
async fn handlers_of_every_shape_answer_their_preflights() {
    let app = app();
    for (uri, origin) in [
        ("/items/1", "https://app.example.com"),
        ("/public", "https://any.example.net"),
        ("/partners/1", "http://localhost:5173"),
        ("/old", "https://app.example.com"),
        ("/lists/1/items/2", "https://app.example.com"),
    ] {
        let method = if uri.starts_with("/lists") {
            "PUT"
        } else {
            "GET"
        };
        let res = call(&app, preflight(uri, origin, method)).await;
        assert!(res.status().is_success(), "{uri}: {}", res.status());
        let allowed = header(&res, "access-control-allow-origin");
        assert!(
            allowed == Some(origin) || allowed == Some("*"),
            "{uri}: {allowed:?}"
        );
    }
}
