// The handler extracts one state type, the router provides another.
use axum::extract::State;
use cors_runtime::{cors, routing::get, Router};

#[derive(Clone)]
struct AppState;
#[derive(Clone)]
struct Other;

#[cors(origins = ["https://app.example.com"])]
async fn show(State(_): State<AppState>) -> &'static str {
    "ok"
}

fn main() {
    let _app: Router = Router::new().route("/", get(show)).with_state(Other);
}
