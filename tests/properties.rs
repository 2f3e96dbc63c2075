//! Property tests: origin matching against a simple reference model, and request-header parsing on arbitrary
//! bytes. Through the real router, so that what is tested is what a browser meets.

mod common;
#[path = "models/request_headers.rs"]
mod request_headers_model;

use common::*;
use cors_runtime::cors;
use cors_runtime::routing::get;
use cors_runtime::Router;
use http::{HeaderValue, Method, StatusCode};
use proptest::prelude::*;

#[cors(
    origins = ["https://foo.com", "https://bar.com", "https://*.example.com", "http://localhost:*"],
    methods = [GET],
    headers = ["content-type", "x-request-id"],
    credentials
)]
async fn guarded() -> &'static str {
    "ok"
}

fn app() -> Router {
    Router::new().route("/", get(guarded))
}

/// The reference: what the policy above allows, written as plainly as possible.
fn model_allows(origin: &[u8]) -> bool {
    let Ok(origin) = std::str::from_utf8(origin) else {
        return false;
    };
    if origin == "https://foo.com" || origin == "https://bar.com" {
        return true;
    }
    if let Some(host) = origin.strip_prefix("https://") {
        if let Some(labels) = host.strip_suffix(".example.com") {
            let label_ok = |l: &str| {
                !l.is_empty()
                    && l.bytes().all(|b| {
                        b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_'
                    })
            };
            return labels.split('.').all(label_ok);
        }
        return false;
    }
    if let Some(rest) = origin.strip_prefix("http://localhost") {
        if rest.is_empty() {
            return true;
        }
        if let Some(port) = rest.strip_prefix(':') {
            return !port.starts_with('0')
                && port.len() <= 5
                && !port.is_empty()
                && port.bytes().all(|b| b.is_ascii_digit())
                && port.parse::<u32>().is_ok_and(|p| p <= 65535);
        }
    }
    false
}

const SEEDS: [&str; 6] = [
    "https://foo.com",
    "https://bar.com",
    "https://api.example.com",
    "https://a.b.example.com",
    "http://localhost",
    "http://localhost:3000",
];

/// Bytes that make the interesting mutations: separators, case, digits, and a non-UTF-8 byte.
const ALPHABET: &[u8] = b".:/@-_%*A aZz09\xff";

#[derive(Debug, Clone)]
enum Mutation {
    Insert(usize, u8),
    Delete(usize),
    Replace(usize, u8),
    Prefix(&'static str),
    Suffix(&'static str),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let byte = proptest::sample::select(ALPHABET);
    prop_oneof![
        (any::<usize>(), byte.clone()).prop_map(|(i, b)| Mutation::Insert(i, b)),
        any::<usize>().prop_map(Mutation::Delete),
        (any::<usize>(), byte).prop_map(|(i, b)| Mutation::Replace(i, b)),
        proptest::sample::select(&["evil", "https://evil", "x.", "https://x."][..])
            .prop_map(Mutation::Prefix),
        proptest::sample::select(
            &[
                ".evil.net",
                ":443",
                ":0",
                ":65536",
                "/",
                ".",
                "com",
                ":8080"
            ][..]
        )
        .prop_map(Mutation::Suffix),
    ]
}

fn apply(seed: &str, mutations: &[Mutation]) -> Vec<u8> {
    let mut bytes = seed.as_bytes().to_vec();
    for m in mutations {
        let at = |i: usize, len: usize| if len == 0 { 0 } else { i % len };
        match m {
            Mutation::Insert(i, b) => {
                let i = at(*i, bytes.len() + 1);
                bytes.insert(i, *b)
            }
            Mutation::Delete(i) if !bytes.is_empty() => {
                let i = at(*i, bytes.len());
                bytes.remove(i);
            }
            Mutation::Replace(i, b) if !bytes.is_empty() => {
                let i = at(*i, bytes.len());
                bytes[i] = *b
            }
            Mutation::Prefix(p) => bytes.splice(0..0, p.bytes()).for_each(drop),
            Mutation::Suffix(s) => bytes.extend_from_slice(s.as_bytes()),
            _ => {}
        }
    }
    bytes
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    /// Origins made from allowed ones by small mutations are allowed exactly when the model allows them,
    /// and an allowed origin is echoed byte for byte (never `*`, never another origin).
    #[test]
    fn origin_matching_agrees_with_the_model(seed in proptest::sample::select(&SEEDS[..]), mutations in proptest::collection::vec(mutation(), 0..4)) {
        let origin = apply(seed, &mutations);
        let Ok(value) = HeaderValue::from_bytes(&origin) else { return Ok(()) };
        let app = app();
        let mut req = request(Method::GET, "/", &[]);
        req.headers_mut().insert("origin", value);
        let res = tokio_block_on(call(&app, req));
        let allowed = res.headers().get("access-control-allow-origin");
        prop_assert_eq!(allowed.is_some(), model_allows(&origin), "origin {:?}", String::from_utf8_lossy(&origin));
        if let Some(v) = allowed {
            prop_assert_eq!(v.as_bytes(), &origin[..]);
        }
    }

    /// Whatever a client puts in `Access-Control-Request-Headers` (allowed names in any case, other names, commas,
    /// spaces, tabs, any bytes, on any number of lines) is answered 204 exactly when the model accepts it, and 403
    /// otherwise; never a panic.
    #[test]
    fn request_headers_of_any_bytes_are_answered_as_the_model_says(lines in proptest::collection::vec(header_line(), 1..12)) {
        let app = app();
        let mut req = preflight("/", "https://foo.com", "GET");
        let mut sent = Vec::new();
        for line in &lines {
            // Bytes that cannot be a header value never reach the server (hyper refuses them).
            if let Ok(v) = HeaderValue::from_bytes(line) {
                req.headers_mut().append("access-control-request-headers", v);
                sent.push(line.as_slice());
            }
        }
        let res = tokio_block_on(call(&app, req));
        let expected = if model_accepts_request_headers(&sent) { StatusCode::NO_CONTENT } else { StatusCode::FORBIDDEN };
        prop_assert_eq!(res.status(), expected, "{:?}", sent.iter().map(|l| String::from_utf8_lossy(l)).collect::<Vec<_>>());
    }
}

/// One `Access-Control-Request-Headers` line: pieces that make accepted lists likely (the allowed names in any
/// case, commas, spaces, tabs) mixed with other names and arbitrary bytes.
fn header_line() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        4 => proptest::sample::select(&["content-type", "Content-Type", "X-REQUEST-ID", "x-request-id"][..])
            .prop_map(|s| s.as_bytes().to_vec()),
        4 => proptest::sample::select(&[",", ", ", " ,", "\t", " ", ",,"][..]).prop_map(|s| s.as_bytes().to_vec()),
        1 => proptest::sample::select(&["x-other", "authorization", "content type", "(x)", "*"][..])
            .prop_map(|s| s.as_bytes().to_vec()),
        1 => proptest::collection::vec(any::<u8>(), 0..8),
        1 => (0usize..3000).prop_map(|n| vec![b','; n]),
    ];
    proptest::collection::vec(piece, 0..24).prop_map(|pieces| pieces.concat())
}

/// The reference for the policy above (`content-type`, `x-request-id`).
fn model_accepts_request_headers(lines: &[&[u8]]) -> bool {
    request_headers_model::accepts(lines, &["content-type", "x-request-id"])
}

#[test]
fn the_request_headers_model_agrees_on_known_cases() {
    for yes in [
        &[&b"content-type,x-request-id"[..]][..],
        &[b"Content-Type", b" x-request-id , "],
        &[b""],
    ] {
        assert!(model_accepts_request_headers(yes), "{yes:?}");
    }
    for no in [
        &[&b"x-other"[..]][..],
        &[b"content-type", b"authorization"],
        &[b"content type"],
    ] {
        assert!(!model_accepts_request_headers(no), "{no:?}");
    }
}

fn tokio_block_on<F: std::future::Future>(fut: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap()
        .block_on(fut)
}

#[test]
fn the_model_agrees_on_known_cases() {
    // The model itself, pinned on cases whose answer is known, so that a wrong model cannot hide a wrong matcher.
    for yes in [
        "https://foo.com",
        "https://a.example.com",
        "https://a-b.c.example.com",
        "http://localhost:65535",
    ] {
        assert!(model_allows(yes.as_bytes()), "{yes}");
    }
    for no in [
        "https://barfoo.com",
        "https://example.com",
        "https://evilexample.com",
        "https://a.example.com.evil.net",
        "http://foo.com",
        "https://foo.com:443",
        "https://A.example.com",
        "http://localhost:0",
        "null",
    ] {
        assert!(!model_allows(no.as_bytes()), "{no}");
    }
}
