// `*handler`: a function cannot be dereferenced (the unit struct of 0.2 dereferenced to a plain function
// pointer that axum accepted). Fix: `cors_runtime::routing::get(list_items)`.
use axum::Router;
use cors_runtime::cors;

#[cors(origins = ["https://app.example.com"], methods = [GET])]
async fn list_items() {}

fn main() {
    let _app: Router = Router::new().route("/items", axum::routing::get(*list_items));
}
