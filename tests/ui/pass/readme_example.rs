// The README's first example, verbatim (tests/docs.rs checks that they agree).
fn main() {
use axum::{extract::Request, http::StatusCode, middleware::{from_fn, Next}, response::Response, Json};
use cors_runtime::{cors, routing::get, Router};

#[cors(origins = ["https://app.example.com", "https://*.staging.example.com"],
       methods = [GET], credentials, expose = ["x-total-count"], max_age = 600)]
async fn list_items() -> Json<Vec<String>> {
    Json(vec!["apple".into()])
}

#[cors(origins = ["https://app.example.com"], methods = [POST],
       headers = ["content-type", "authorization"], credentials)]
async fn create_item(Json(item): Json<String>) -> (StatusCode, Json<String>) {
    (StatusCode::CREATED, Json(item))
}

async fn require_bearer(req: Request, next: Next) -> Result<Response, StatusCode> {
    match req.headers().get("authorization") {
        Some(_) => Ok(next.run(req).await),
        None => Err(StatusCode::UNAUTHORIZED), // readable by the front-end: it carries the CORS headers
    }
}

let app: Router = Router::new()                 // cors_runtime::Router: axum's API, CORS in front
    .route("/items", get(list_items).post(create_item))
    .layer(from_fn(require_bearer));            // your middleware: preflights never reach it
// axum::serve(listener, app).await
let _ = app;
}
