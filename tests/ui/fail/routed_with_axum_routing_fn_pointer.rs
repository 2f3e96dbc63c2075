// A function pointer taken from the handler returns what the handler returns, an `impl Cors` that is not a
// future: axum refuses it. Fix: `cors_runtime::routing::get(list_items)`.
use axum::Router;
use cors_runtime::cors;

#[cors(origins = ["https://app.example.com"], methods = [GET])]
async fn list_items() {}

fn main() {
    let pointer: fn() -> _ = list_items;
    let _app: Router = Router::new().route("/items", axum::routing::get(pointer));
}
