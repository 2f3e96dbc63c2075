// `Json` consumes the body, so it must be the last argument: reported at the handler.
use axum::extract::Path;
use axum::Json;
use cors_runtime::{cors, routing::post, Router};

#[cors(origins = ["https://app.example.com"], headers = ["content-type"])]
async fn create(Json(body): Json<String>, Path(id): Path<u32>) -> String {
    format!("{id}: {body}")
}

fn main() {
    let _app: Router = Router::new().route("/items/{id}", post(create));
}
