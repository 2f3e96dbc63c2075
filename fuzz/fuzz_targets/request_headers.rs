//! Any bytes as `Access-Control-Request-Headers` lines (split at newlines): never a panic, always 204 or
//! 403, and 204 only if every listed element is a header the policy allows (a reference model).
#![no_main]

mod common;

use axum::body::Body;
use cors_runtime::Router;
use cors_runtime::{cors, routing::post};
use http::{HeaderValue, Method, Request, StatusCode};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

const ALLOWED: [&str; 3] = ["content-type", "x-request-id", "authorization"];

#[cors(origins = ["https://app.example.com"], methods = [POST],
       headers = ["content-type", "x-request-id", "authorization"], credentials)]
async fn handler() -> &'static str {
    "ok"
}

fn router() -> &'static Router {
    static ROUTER: OnceLock<Router> = OnceLock::new();
    ROUTER.get_or_init(|| Router::new().route("/", post(handler)).with_state(()))
}

#[path = "../../tests/models/request_headers.rs"]
mod request_headers_model;

/// The model, shared with the property test.
fn model(lines: &[&[u8]]) -> bool {
    request_headers_model::accepts(lines, &ALLOWED)
}

fuzz_target!(|data: &[u8]| {
    let lines: Vec<&[u8]> = data.split(|&b| b == b'\n').collect();
    let mut req = Request::builder()
        .method(Method::OPTIONS)
        .uri("/")
        .body(Body::empty())
        .unwrap();
    let headers = req.headers_mut();
    headers.insert(
        "origin",
        HeaderValue::from_static("https://app.example.com"),
    );
    headers.insert(
        "access-control-request-method",
        HeaderValue::from_static("POST"),
    );
    for line in &lines {
        match HeaderValue::from_bytes(line) {
            Ok(v) => headers.append("access-control-request-headers", v),
            Err(_) => return,
        };
    }
    let status = common::call(router(), req).status();
    let expected = if model(&lines) {
        StatusCode::NO_CONTENT
    } else {
        StatusCode::FORBIDDEN
    };
    assert_eq!(status, expected, "{:?}", String::from_utf8_lossy(data));
});
