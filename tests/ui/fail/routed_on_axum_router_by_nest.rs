// A `cors_runtime::Router` nested in an `axum::Router`: axum's `nest` takes its own router type (a type
// mismatch rustc cannot explain further). Fix: make the outer router a `cors_runtime::Router` (a change of
// import), or attach the app to an `axum::Router` with `fallback_service(app)` to keep observers in front.
use cors_runtime::{cors, routing::get, Router};

#[cors(origins = ["https://app.example.com"])]
async fn list_items() {}

fn main() {
    let api: Router = Router::new().route("/items", get(list_items));
    let _app: axum::Router = axum::Router::new().nest("/api", api);
}
