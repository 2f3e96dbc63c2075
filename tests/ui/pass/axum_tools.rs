// `#[cors]` among axum's own tools: `#[axum::debug_handler]` under `#[cors]` and `#[tracing::instrument]` in
// either order, on handlers with several extractors and state; and the handler called as a function, as unit
// tests do, awaiting its own return value.
use axum::extract::{Path, State};
use axum::Json;
use cors_runtime::routing::{get, post};
use cors_runtime::{cors, Router};

#[derive(Clone)]
struct AppState;

// The documented order: `#[cors]` first, so that the other attributes see the function.
#[cors(origins = ["https://app.example.com"], headers = ["content-type"])]
#[axum::debug_handler]
async fn create(State(_): State<AppState>, Path(id): Path<u32>, Json(body): Json<String>) -> String {
    format!("{id}: {body}")
}

#[cors(origins = ["https://app.example.com"])]
#[tracing::instrument(skip_all)]
async fn show(State(_): State<AppState>, Path(id): Path<u32>) -> String {
    id.to_string()
}

#[cors(origins = ["https://app.example.com"], headers = ["content-type"])]
#[axum::debug_handler]
#[tracing::instrument(skip_all)]
async fn replace(State(_): State<AppState>, Json(body): Json<String>) -> Json<String> {
    Json(body)
}

// `#[tracing::instrument]` above `#[cors]` works too.
#[tracing::instrument(skip_all)]
#[cors(origins = ["https://app.example.com"])]
async fn list(State(_): State<AppState>) -> impl axum::response::IntoResponse {
    "[]"
}

// A parameter named like the function is a plain binding.
#[cors(origins = ["https://app.example.com"])]
async fn tag(Path(tag): Path<String>) -> String {
    tag
}

fn main() {
    let _app: Router = Router::new()
        .route("/items", get(list).put(replace))
        .route("/items/{id}", post(create).get(show))
        .route("/tags/{tag}", get(tag))
        .with_state(AppState);

    // Called as functions, as in a unit test.
    let _ = async {
        let created: String = create(State(AppState), Path(1), Json("a".into())).await;
        let shown: String = show(State(AppState), Path(1)).await;
        let listed: axum::response::Response =
            axum::response::IntoResponse::into_response(list(State(AppState)).await);
        let _ = (created, shown, listed, tag(Path("a".into())).await);
    };
}
