use axum::extract::{Path, Query, Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use axum::{Json};
use cors_runtime::Router;
use cors_runtime::{cors, routing::{get, post}};
use serde::Deserialize;
use std::collections::HashMap;

#[derive(Clone)]
struct AppState {
    name: String,
}

#[derive(Deserialize)]
struct Item {
    name: String,
}

#[cors(origins = ["https://app.example.com"], methods = [GET])]
async fn with_state(State(state): State<AppState>, Path(id): Path<u32>) -> String {
    format!("{} {id}", state.name)
}

#[cors(origins = ["https://app.example.com"], methods = [POST], headers = ["content-type"], credentials)]
async fn with_json(State(_): State<AppState>, Json(item): Json<Item>) -> Result<Json<String>, (StatusCode, String)> {
    if item.name.is_empty() { Err((StatusCode::UNPROCESSABLE_ENTITY, "empty".into())) } else { Ok(Json(item.name)) }
}

#[cors(origins = ["https://app.example.com"], methods = [PUT])]
async fn with_everything(
    headers: HeaderMap,
    Query(query): Query<HashMap<String, String>>,
    request: Request,
) -> impl IntoResponse {
    (StatusCode::OK, format!("{} {} {}", headers.len(), query.len(), request.uri()))
}

#[cors(origins = ["https://app.example.com"], methods = [DELETE])]
pub(crate) async fn visible_in_crate(mut body: String) -> String {
    body.push('!');
    body
}

async fn plain() -> &'static str {
    "no policy"
}

fn main() {
    let _app: Router = Router::new()
        .route("/items/{id}", get(with_state))
        .route("/items", post(with_json).put(with_everything).delete(visible_in_crate))
        .route("/plain", get(plain))
        .with_state(AppState { name: "items".into() });
}
