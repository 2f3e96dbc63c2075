// axum's `on(filter, handler)`. Fix: `cors_runtime::routing::{get, post, ...}`, or `any` for several methods.
use axum::routing::{on, MethodFilter};
use axum::Router;
use cors_runtime::cors;

#[cors(origins = ["https://app.example.com"])]
async fn list_items() {}

fn main() {
    let _app: Router = Router::new().route("/items", on(MethodFilter::GET, list_items));
}
