//! Any bytes as `Origin`, on actual requests and preflights: never a panic, and an origin is echoed only if
//! it is exactly a listed origin or matches the pattern by whole labels (a reference model written
//! independently of the matcher).
#![no_main]

mod common;

use axum::body::Body;
use cors_runtime::origin::MAX_ORIGIN_LEN;
use cors_runtime::Router;
use cors_runtime::{cors, routing::get};
use http::{HeaderValue, Method, Request, StatusCode};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

const LISTED: [&str; 4] = [
    "https://foo.com",
    "https://bar.com",
    "http://localhost:3000",
    "https://[::1]:8443",
];

#[cors(origins = ["https://foo.com", "https://bar.com", "http://localhost:3000", "https://[::1]:8443",
                  "https://*.example.com"], methods = [GET], credentials)]
async fn handler() -> &'static str {
    "ok"
}

/// The model: `https://` + one or more labels of `[a-z0-9_-]` + `.example.com`, no port.
fn pattern_model(origin: &str) -> bool {
    origin
        .strip_prefix("https://")
        .and_then(|rest| rest.strip_suffix(".example.com"))
        .is_some_and(|labels| {
            labels.split('.').all(|l| {
                !l.is_empty()
                    && l.len() <= 63
                    && l.bytes().all(|b| {
                        b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_'
                    })
            })
        })
}

fn router() -> &'static Router {
    static ROUTER: OnceLock<Router> = OnceLock::new();
    ROUTER.get_or_init(|| Router::new().route("/", get(handler)).with_state(()))
}

fuzz_target!(|data: &[u8]| {
    let Ok(origin) = HeaderValue::from_bytes(data) else {
        return;
    };
    // Longer values are refused unread (no serialized origin is that long).
    let allowed = data.len() <= MAX_ORIGIN_LEN
        && std::str::from_utf8(data).is_ok_and(|s| LISTED.contains(&s) || pattern_model(s));

    let mut req = Request::builder().uri("/").body(Body::empty()).unwrap();
    req.headers_mut().insert("origin", origin.clone());
    let res = common::call(router(), req);
    assert_eq!(res.status(), StatusCode::OK);
    match res.headers().get("access-control-allow-origin") {
        Some(echoed) => {
            assert!(allowed, "echoed an origin the model refuses: {data:?}");
            assert_eq!(echoed, &origin);
        }
        None => assert!(!allowed, "refused an origin the model allows: {data:?}"),
    }

    let mut req = Request::builder()
        .method(Method::OPTIONS)
        .uri("/")
        .body(Body::empty())
        .unwrap();
    req.headers_mut().insert("origin", origin);
    req.headers_mut().insert(
        "access-control-request-method",
        HeaderValue::from_static("GET"),
    );
    let status = common::call(router(), req).status();
    let expected = if allowed {
        StatusCode::NO_CONTENT
    } else {
        StatusCode::FORBIDDEN
    };
    assert_eq!(status, expected, "preflight from {data:?}");
});
