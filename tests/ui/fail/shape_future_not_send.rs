// A handler whose future is not `Send` (an `Rc` held across an `.await`) cannot be served by axum.
use cors_runtime::{cors, routing::get, Router};
use std::rc::Rc;

#[cors(origins = ["https://app.example.com"])]
async fn show() -> String {
    let shared = Rc::new(1);
    std::future::ready(()).await;
    shared.to_string()
}

fn main() {
    let _app: Router = Router::new().route("/", get(show));
}
