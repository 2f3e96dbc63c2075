// `axum::Router::route_service` takes a tower service; an annotated handler is not one. Fix: route it with
// `cors_runtime::routing` on a `cors_runtime::Router`.
use cors_runtime::cors;

#[cors(origins = ["https://app.example.com"])]
async fn list_items() {}

fn main() {
    let _app: axum::Router = axum::Router::new().route_service("/items", list_items);
}
