use cors_runtime::Router;
use cors_runtime::{cors, routing::{any, get}};

/// Doc comments stay on the handler.
#[cors(origins = "*")]
async fn public() -> &'static str {
    "hello"
}

#[cors(origins = "*", methods = "*", headers = "*", expose = "*", max_age = -1)]
async fn anything() {}

#[cors(origins = ["https://app.example.com"], methods = "*", headers = ["*", "authorization"], credentials)]
async fn echo() {}

#[cors(origins = "https://app.example.com", methods = PATCH)]
async fn single_values() {}

fn main() {
    let _app: Router = Router::new()
        .route("/public", get(public))
        .route("/anything", any(anything))
        .route("/echo", any(echo))
        .route("/single", cors_runtime::routing::patch(single_values));
}
