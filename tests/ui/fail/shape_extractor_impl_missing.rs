// A type of the application's whose `FromRequestParts` impl was forgotten. Whether it is an extractor depends on
// the router's state, so it is reported where the handler is routed; `#[axum::debug_handler(state = ())]` under
// `#[cors]` would underline the argument.
use cors_runtime::{cors, routing::get, Router};

struct CurrentUser;

#[cors(origins = ["https://app.example.com"])]
async fn me(_user: CurrentUser) -> &'static str {
    "me"
}

fn main() {
    let _app: Router = Router::new().route("/me", get(me));
}
