// axum's own routing: an annotated handler returns an `impl Cors`, not a future, so it is not an axum `Handler`
// (axum would answer none of its preflights). rustc names the fix in the source of the one `Handler` impl it
// shows. Fix: `cors_runtime::routing::get(list_items)` on a `cors_runtime::Router`.
use axum::Router;
use cors_runtime::cors;

#[cors(origins = ["https://app.example.com"], methods = [GET])]
async fn list_items() {}

fn main() {
    let _app: Router = Router::new().route("/items", axum::routing::get(list_items));
}
