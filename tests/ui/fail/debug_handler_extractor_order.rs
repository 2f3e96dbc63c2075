// `#[axum::debug_handler]` under `#[cors]` still checks the handler: `Json` consumes the body, so it goes last.
use axum::extract::Path;
use axum::Json;
use cors_runtime::cors;

#[cors(origins = ["https://app.example.com"], headers = ["content-type"])]
#[axum::debug_handler]
async fn create(Json(body): Json<String>, Path(id): Path<u32>) -> String {
    format!("{id}: {body}")
}

fn main() {}
