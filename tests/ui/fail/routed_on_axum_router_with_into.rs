// An annotated chain converted into axum's `MethodRouter`: an `axum::Router` would never answer its preflights.
use cors_runtime::{cors, routing::get};

#[cors(origins = ["https://app.example.com"])]
async fn list_items() -> &'static str {
    "[]"
}

fn main() {
    let _app: axum::Router = axum::Router::new().route("/items", get(list_items).into());
}
