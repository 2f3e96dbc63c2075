// An `axum::Router` merged into a `cors_runtime::Router`: its paths are hidden, so CORS could not match them.
use cors_runtime::{cors, routing::get, Router};

#[cors(origins = ["https://app.example.com"])]
async fn list_items() {}

async fn legacy() {}

fn main() {
    let old: axum::Router = axum::Router::new().route("/legacy", axum::routing::get(legacy));
    let _app: Router = Router::new().route("/items", get(list_items)).merge(old);
}
