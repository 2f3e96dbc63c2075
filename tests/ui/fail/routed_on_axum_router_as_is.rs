// An annotated chain passed as it is to `axum::Router::route`: it is not axum's `MethodRouter` (a type mismatch
// rustc cannot explain further). Fix: route it on a `cors_runtime::Router` (axum's API, a change of import).
use cors_runtime::{cors, routing::get};

#[cors(origins = ["https://app.example.com"])]
async fn list_items() -> &'static str {
    "[]"
}

fn main() {
    let _app: axum::Router = axum::Router::new().route("/items", get(list_items));
}
