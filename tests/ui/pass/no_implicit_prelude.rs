// The expansion names everything by its full path and adds no warning: it compiles in a crate without the
// prelude and with every warning denied.
#![no_implicit_prelude]
#![deny(warnings)]

extern crate axum;
extern crate cors_runtime;
extern crate std;

use axum::extract::{Path, State};
use axum::Json;
use cors_runtime::{cors, routing::get, Router};

#[derive(::std::clone::Clone)]
struct AppState;

/// Lists items.
#[cors(origins = ["https://app.example.com", "https://*.example.org"], methods = [GET, POST],
       headers = ["content-type"], expose = ["x-total-count"], credentials, max_age = 600)]
async fn list(State(_): State<AppState>, Path(id): Path<u32>, Json(body): Json<::std::string::String>)
    -> ::std::string::String {
    ::std::format!("{id}: {body}")
}

#[cors(origins = "*")]
async fn public() -> impl axum::response::IntoResponse {
    "public"
}

fn main() {
    let _app: Router = Router::new()
        .route("/items/{id}", get(list).post(list))
        .route("/public", get(public))
        .with_state(AppState);
}
