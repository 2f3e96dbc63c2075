// A `cors_runtime::Router` merged into an `axum::Router`: the merged routes would lose their preflight answers,
// and layers added to the axum router would stand in front of CORS.
use cors_runtime::{cors, routing::get, Router};

#[cors(origins = ["https://app.example.com"])]
async fn list_items() -> &'static str {
    "[]"
}

fn main() {
    let api: Router = Router::new().route("/items", get(list_items));
    let _app: axum::Router = axum::Router::new().merge(api);
}
