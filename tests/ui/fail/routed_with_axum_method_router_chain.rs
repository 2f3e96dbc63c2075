// Chained onto an axum `MethodRouter` of a plain handler. Fix: start the chain with
// `cors_runtime::routing` (`get(plain).post(list_items)`, both from `cors_runtime::routing`).
use axum::Router;
use cors_runtime::cors;

async fn plain() {}

#[cors(origins = ["https://app.example.com"], methods = [POST])]
async fn create_item() {}

fn main() {
    let _app: Router = Router::new().route("/items", axum::routing::get(plain).post(create_item));
}
