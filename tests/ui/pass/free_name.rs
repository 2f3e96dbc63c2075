// An annotated handler stays a function, so its name is free for bindings elsewhere in its module (a unit
// struct of the same name would turn `let status = ...` into a pattern), and a module may share it.
#![deny(warnings)]

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use cors_runtime::{cors, routing::get, Router};

#[cors(origins = ["https://app.example.com"])]
async fn status() -> StatusCode {
    StatusCode::OK
}

#[cors(origins = ["https://app.example.com"])]
async fn list() -> &'static str {
    "[]"
}

#[cors(origins = ["https://app.example.com"])]
async fn health() -> &'static str {
    "ok"
}

// A module named like a handler: modules live in the type namespace, functions in the value namespace.
mod health {
    pub fn check() -> bool {
        true
    }
}

fn status_of(res: &Response) -> u16 {
    let status = res.status();
    status.as_u16()
}

fn sizes() -> usize {
    let list = vec![1, 2, 3];
    list.len()
}

fn main() {
    let _app: Router = Router::new()
        .route("/status", get(status))
        .route("/list", get(list))
        .route("/health", get(health));
    let res = StatusCode::CREATED.into_response();
    assert_eq!(status_of(&res), 201);
    assert_eq!(sizes(), 3);
    assert!(health::check());
}
