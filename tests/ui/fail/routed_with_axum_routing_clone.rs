// A clone of the handler is the same function: refused by axum's routing like the handler itself.
// Fix: `cors_runtime::routing::get(list_items)`.
use axum::Router;
use cors_runtime::cors;

#[cors(origins = ["https://app.example.com"], methods = [GET])]
async fn list_items() {}

fn main() {
    #[allow(clippy::clone_on_copy)]
    let _app: Router = Router::new().route("/items", axum::routing::get(list_items.clone()));
}
