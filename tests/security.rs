//! The CORS bug classes that keep recurring across ecosystems (issue 5), one test (at least) per class,
//! through finalized routers. Each test fails if its class of bug comes back.
//!
//! Classes decided at compile time (3, 5, 6, 7, 14, 15) are proven by their trybuild cases in `tests/ui/fail/`,
//! which `tests/ui.rs` runs; [`compile_time_classes_are_compile_errors`] holds this index to them.

mod common;

use axum::extract::{FromRequestParts, Json};
use axum::http::request::Parts;
use common::*;
use cors_runtime::routing::{any, get, post, put};
use cors_runtime::Router;
use cors_runtime::{cors, RuntimeOrigins};
use http::{HeaderValue, Method, StatusCode};
use std::sync::atomic::{AtomicUsize, Ordering};

/// A request to `uri` from `origin`, which may be any bytes.
fn from(method: Method, uri: &'static str, origin: &[u8]) -> axum::http::Request<axum::body::Body> {
    let mut req = request(method, uri, &[]);
    req.headers_mut()
        .append("origin", HeaderValue::from_bytes(origin).unwrap());
    req
}

/// The `Access-Control-Allow-Origin` that a `GET` from `origin` (any bytes) gets.
async fn allowed(app: &Router, uri: &'static str, origin: &[u8]) -> Option<String> {
    let res = call(app, from(Method::GET, uri, origin)).await;
    header(&res, "access-control-allow-origin").map(str::to_owned)
}

#[cors(origins = ["https://foo.com", "https://bar.com", "https://*.example.com"], methods = [GET, POST],
       headers = ["content-type", "x-request-id"], credentials)]
async fn listed() -> &'static str {
    "secret"
}

#[cors(origins = ["https://app.example.com"], methods = [POST], credentials, refuse_disallowed)]
async fn refusing(Json(v): Json<serde_json::Value>) -> Json<serde_json::Value> {
    Json(v)
}

fn app() -> Router {
    Router::new()
        .route("/listed", get(listed).post(listed))
        .route("/refusing", post(refusing))
}

/// 1. Responses that depend on `Origin` say so to caches, also when they carry no CORS headers.
#[tokio::test]
async fn class_01_vary_origin_on_responses_without_origin_and_to_refused_origins() {
    let app = app();
    let cases = [
        (Method::GET, "/listed", None),
        (Method::GET, "/listed", Some("https://evil.example")),
        (Method::GET, "/listed", Some("https://foo.com")),
        (Method::POST, "/refusing", Some("https://evil.example")), // 403 from refuse mode
        (Method::POST, "/refusing", Some("https://app.example.com")), // 400: bad JSON body
        (Method::POST, "/refusing", None),
    ];
    for (method, uri, origin) in cases {
        let mut req = request(method.clone(), uri, &[]);
        if let Some(origin) = origin {
            req.headers_mut()
                .insert("origin", HeaderValue::from_static(origin));
        }
        let res = call(&app, req).await;
        assert_eq!(
            headers(&res, "vary"),
            ["Origin"],
            "{method} {uri} from {origin:?}: {}",
            res.status()
        );
    }
}

#[cors(origins = "*", credentials, dangerously_reflect_any_origin)]
async fn reflecting() -> &'static str {
    "ok"
}

/// 2. A credentialed policy echoes only what it lists; echoing every origin needs the loud opt-in, and even
/// then never echoes `null` or a malformed origin.
#[tokio::test]
async fn class_02_no_origin_is_reflected_with_credentials_unless_listed() {
    let app = app().route("/reflecting", get(reflecting));
    for origin in [
        "https://evil.example",
        "https://foo.com.evil.example",
        "null",
        "https://a.b",
    ] {
        let res = call(&app, from(Method::GET, "/listed", origin.as_bytes())).await;
        assert_eq!(
            header(&res, "access-control-allow-origin"),
            None,
            "{origin}"
        );
        assert_eq!(
            header(&res, "access-control-allow-credentials"),
            None,
            "{origin}"
        );
    }
    let res = call(
        &app,
        from(Method::GET, "/reflecting", b"https://anyone.example"),
    )
    .await;
    assert_eq!(
        header(&res, "access-control-allow-origin"),
        Some("https://anyone.example")
    );
    for origin in [
        "null",
        "https://anyone.example/",
        "javascript:alert(1)",
        "*",
    ] {
        assert_eq!(
            allowed(&app, "/reflecting", origin.as_bytes())
                .await
                .as_deref(),
            None,
            "{origin}"
        );
    }
}

/// 3. `*` with credentials: a compile error in the attribute (`origins_star_with_credentials.rs`); at run
/// time, no list reaches the same effect, and a predicate that could needs a `dangerously_` name.
#[tokio::test]
async fn class_03_no_run_time_way_to_star_with_credentials() {
    for entry in [
        "*",
        "https://*",
        "*://*",
        "https://*.*",
        "http://*",
        "https://*.com",
        "null",
    ] {
        let slot: RuntimeOrigins = RuntimeOrigins::new();
        assert!(
            slot.set_list(entry).is_err(),
            "`{entry}` accepted in a credentialed slot"
        );
    }
    static ANY_HTTPS: RuntimeOrigins = RuntimeOrigins::new();
    #[cors(origins = [ANY_HTTPS], credentials)]
    async fn with_slot() -> &'static str {
        "ok"
    }
    // Even the predicate that accepts everything never produces `*`, nor trusts `null` or plain http.
    ANY_HTTPS.dangerously_set_predicate(|_| true).unwrap();
    let app: Router = Router::new().route("/slot", get(with_slot));
    for origin in ["null", "http://evil.example", "*", "https://EVIL.example"] {
        assert_eq!(
            allowed(&app, "/slot", origin.as_bytes()).await.as_deref(),
            None,
            "{origin}"
        );
    }
    let res = call(&app, from(Method::GET, "/slot", b"https://evil.example")).await;
    assert_eq!(
        header(&res, "access-control-allow-origin"),
        Some("https://evil.example")
    );
    assert_eq!(
        header(&res, "access-control-allow-credentials"),
        Some("true")
    );
}

/// 4. Prefix, suffix, port, scheme, special-character and shared-suffix bypasses, against exact origins and
/// a pattern.
#[tokio::test]
async fn class_04_no_prefix_suffix_or_pattern_bypass() {
    let app = app();
    for allowed in [
        "https://foo.com",
        "https://bar.com",
        "https://a.example.com",
        "https://a.b.example.com",
    ] {
        let res = call(&app, from(Method::GET, "/listed", allowed.as_bytes())).await;
        assert_eq!(header(&res, "access-control-allow-origin"), Some(allowed));
    }
    let bypasses: &[&[u8]] = &[
        b"https://barfoo.com",
        b"https://foobar.com",
        b"https://foo.com.evil.net",
        b"https://evilfoo.com",
        b"https://evilexample.com",
        b"https://example.com",
        b"https://a.example.com.evil.net",
        b"https://example.com.evil.net",
        b"https://foo.com:8443",
        b"https://foo.com:443",
        b"http://foo.com",
        b"wss://foo.com",
        b"https://foo.com.",
        b"https://foo.com/",
        b"https://FOO.com",
        b"https://foo.com@evil.net",
        b"https://evil.net#foo.com",
        b"https://evil.net?.foo.com",
        b"https://a%2eexample.com",
        b"https://a.example.com%00",
        b"https://a\\.example.com",
        b"https://a .example.com",
        b"https://.example.com",
        b"https://a..example.com",
        b"https://*.example.com",
        b"https://\xc3\xa4.example.com",
        b" https://foo.com",
        b"https://foo.com ",
    ];
    for origin in bypasses {
        let res = call(&app, from(Method::GET, "/listed", origin)).await;
        assert_eq!(
            header(&res, "access-control-allow-origin"),
            None,
            "{}",
            String::from_utf8_lossy(origin)
        );
        let mut req = preflight("/listed", "https://foo.com", "GET");
        req.headers_mut()
            .insert("origin", HeaderValue::from_bytes(origin).unwrap());
        assert_eq!(call(&app, req).await.status(), StatusCode::FORBIDDEN);
    }
}

/// 5. `null` (sandboxed frames, `file:`, redirects) is never an allowed origin: the attribute refuses to
/// list it (`origin_null.rs`), run-time lists refuse it, and no matcher accepts it.
#[tokio::test]
async fn class_05_null_is_never_accepted() {
    static NO_CREDENTIALS: RuntimeOrigins<cors_runtime::runtime_origins::NoCredentials> =
        RuntimeOrigins::new();
    #[cors(origins = ["https://app.example.com", NO_CREDENTIALS])]
    async fn public_listed() -> &'static str {
        "ok"
    }
    NO_CREDENTIALS.set_predicate(|_| true).unwrap();
    assert!(
        RuntimeOrigins::<cors_runtime::runtime_origins::NoCredentials>::new()
            .set_list("null")
            .is_err()
    );
    let app = app()
        .route("/reflecting", get(reflecting))
        .route("/public", get(public_listed));
    for uri in ["/listed", "/reflecting", "/public"] {
        let res = call(&app, from(Method::GET, uri, b"null")).await;
        assert_eq!(header(&res, "access-control-allow-origin"), None, "{uri}");
        let req = preflight(uri, "null", "GET");
        assert_eq!(
            call(&app, req).await.status(),
            StatusCode::FORBIDDEN,
            "{uri}"
        );
    }
}

/// 6. Plain `http://` origins other than loopback are not trusted with credentials: a compile error
/// (`http_origin_with_credentials.rs`), a run-time error, and patterns keep their scheme.
#[tokio::test]
async fn class_06_no_plain_http_origin_trusted_with_credentials() {
    let slot: RuntimeOrigins = RuntimeOrigins::new();
    let err = slot.set_list("http://intranet.example.com").unwrap_err();
    assert!(
        err.to_string().contains("not trusted with credentials"),
        "{err}"
    );
    for loopback in [
        "http://localhost:3000",
        "http://127.0.0.1:8080",
        "http://[::1]:5173",
    ] {
        let slot: RuntimeOrigins = RuntimeOrigins::new();
        slot.set_list(loopback).unwrap();
    }
    let app = app();
    let res = call(&app, from(Method::GET, "/listed", b"http://a.example.com")).await;
    assert_eq!(header(&res, "access-control-allow-origin"), None);
}

/// 7. Patterns over public suffixes (`https://*.github.io`) with credentials: a compile error
/// (`public_suffix_pattern_with_credentials.rs`, `tld_pattern_with_credentials.rs`) and a run-time error.
#[tokio::test]
async fn class_07_no_public_suffix_pattern_with_credentials() {
    for pattern in [
        "https://*.github.io",
        "https://*.co.uk",
        "https://*.com",
        "https://*.herokuapp.com",
    ] {
        let slot: RuntimeOrigins = RuntimeOrigins::new();
        let err = slot.set_list(pattern).unwrap_err();
        assert!(
            err.to_string().contains("public suffix"),
            "{pattern}: {err}"
        );
    }
    let slot: RuntimeOrigins = RuntimeOrigins::new();
    slot.set_list("https://*.myapp.github.io").unwrap();
}

static APP_OPTIONS_RUNS: AtomicUsize = AtomicUsize::new(0);

async fn app_options() -> (StatusCode, &'static str) {
    APP_OPTIONS_RUNS.fetch_add(1, Ordering::SeqCst);
    (StatusCode::OK, "the application's own OPTIONS")
}

/// 8. Only `OPTIONS` with both `Origin` and `Access-Control-Request-Method` is a preflight; every other
/// `OPTIONS` reaches the application (or axum's 405 without an OPTIONS handler).
#[tokio::test]
async fn class_08_a_real_options_request_reaches_the_application() {
    let app: Router = Router::new().route("/items", get(listed).options(app_options));
    for headers in [
        &[][..],
        &[("origin", "https://foo.com")][..],
        &[("access-control-request-method", "GET")][..],
        &[
            ("origin", "https://foo.com"),
            ("access-control-request-headers", "content-type"),
        ][..],
    ] {
        let res = call(&app, request(Method::OPTIONS, "/items", headers)).await;
        assert_eq!(res.status(), StatusCode::OK, "{headers:?}");
        assert_eq!(body(res).await, "the application's own OPTIONS");
    }
    assert_eq!(APP_OPTIONS_RUNS.load(Ordering::SeqCst), 4);
    let res = call(&app, preflight("/items", "https://foo.com", "GET")).await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        APP_OPTIONS_RUNS.load(Ordering::SeqCst),
        4,
        "a preflight is not the application's"
    );

    let without: Router = Router::new().route("/items", get(listed));
    let res = call(&without, request(Method::OPTIONS, "/items", &[])).await;
    assert_eq!(res.status(), StatusCode::METHOD_NOT_ALLOWED);
}

struct RequireAuth;
impl<S: Send + Sync> FromRequestParts<S> for RequireAuth {
    type Rejection = StatusCode;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, StatusCode> {
        parts
            .headers
            .get("authorization")
            .map(|_| RequireAuth)
            .ok_or(StatusCode::UNAUTHORIZED)
    }
}

#[cors(origins = ["https://app.example.com"], methods = [PUT], headers = ["authorization", "content-type"], credentials)]
async fn update_item(_: RequireAuth, body: String) -> String {
    body
}

/// 9. Preflights carry no credentials, so they are answered before any extractor, authentication or
/// redirect runs; the actual request's 401 stays readable.
#[tokio::test]
async fn class_09_preflights_are_answered_before_authentication() {
    let app: Router = Router::new().route("/items/1", put(update_item));
    let req = preflight_with_headers(
        "/items/1",
        "https://app.example.com",
        "PUT",
        "authorization",
    );
    let res = call(&app, req).await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        header(&res, "access-control-allow-headers"),
        Some("authorization, content-type")
    );
    let res = call(
        &app,
        request(
            Method::PUT,
            "/items/1",
            &[("origin", "https://app.example.com")],
        ),
    )
    .await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(
        header(&res, "access-control-allow-origin"),
        Some("https://app.example.com")
    );
}

/// 10. Several `Access-Control-Request-Headers` lines, odd spacing and case are one list, compared without
/// case; a disallowed name on any line refuses the preflight.
#[tokio::test]
async fn class_10_request_header_lists_in_any_shape() {
    let app = app();
    let allowed: &[&[&str]] = &[
        &["Content-Type"],
        &["content-type ,  X-Request-ID"],
        &["\tcontent-type,,x-request-id ,"],
        &["content-type", "X-REQUEST-ID"],
        &["", "content-type"],
    ];
    for lines in allowed {
        let mut req = preflight("/listed", "https://foo.com", "POST");
        for line in *lines {
            req.headers_mut().append(
                "access-control-request-headers",
                HeaderValue::from_str(line).unwrap(),
            );
        }
        let res = call(&app, req).await;
        assert_eq!(res.status(), StatusCode::NO_CONTENT, "{lines:?}");
    }
    let refused: &[&[&str]] = &[
        &["content-type", "x-other"],
        &["content-type x-request-id"],
        &["content-type;x-request-id"],
        &["authorization"],
    ];
    for lines in refused {
        let mut req = preflight("/listed", "https://foo.com", "POST");
        for line in *lines {
            req.headers_mut().append(
                "access-control-request-headers",
                HeaderValue::from_str(line).unwrap(),
            );
        }
        let res = call(&app, req).await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{lines:?}");
        assert_eq!(header(&res, "access-control-allow-origin"), None);
    }
}

/// 11. A hostile `Access-Control-Request-Headers` (a megabyte of commas, thousands of names, many lines) is
/// refused after reading at most the documented bounds. (`tests/allocations.rs` asserts the memory side.)
#[tokio::test]
async fn class_11_hostile_request_headers_are_refused_with_bounded_work() {
    use cors_runtime::request_headers::{MAX_BYTES, MAX_NAMES};
    let app = app();
    let commas = ",".repeat(1 << 20);
    let names = (0..5000)
        .map(|i| format!("x-h{i}"))
        .collect::<Vec<_>>()
        .join(",");
    let just_too_many = vec!["content-type"; MAX_NAMES + 1].join(",");
    let just_too_long = format!("content-type,{}", " ".repeat(MAX_BYTES));
    // Every name here is allowed, so only the bounds can refuse these: a reader without them would accept the
    // list (and a reader with them never reaches its end).
    let oversized = "malformed or oversized Access-Control-Request-Headers header";
    for (value, reason) in [
        (&commas, oversized),
        (&just_too_many, oversized),
        (&just_too_long, oversized),
        // 5,000 unlisted names: the byte bound stops the reading before a single name is looked up.
        (&names, oversized),
    ] {
        let mut req = preflight("/listed", "https://foo.com", "POST");
        req.headers_mut().insert(
            "access-control-request-headers",
            HeaderValue::from_str(value).unwrap(),
        );
        assert_eq!(
            refused_because(&app, req).await,
            (StatusCode::FORBIDDEN, Some(reason.to_owned())),
            "{} bytes",
            value.len()
        );
    }
    // At the bounds exactly, the same allowed names pass: the refusals above are the bounds'.
    let at_the_limit = vec!["content-type"; MAX_NAMES].join(",");
    let mut req = preflight("/listed", "https://foo.com", "POST");
    req.headers_mut().insert(
        "access-control-request-headers",
        HeaderValue::from_str(&at_the_limit).unwrap(),
    );
    assert_eq!(
        refused_because(&app, req).await,
        (StatusCode::NO_CONTENT, None)
    );
    let mut req = preflight("/listed", "https://foo.com", "POST");
    for _ in 0..=MAX_BYTES {
        req.headers_mut().append(
            "access-control-request-headers",
            HeaderValue::from_static(""),
        );
    }
    assert_eq!(
        refused_because(&app, req).await,
        (StatusCode::FORBIDDEN, Some(oversized.to_owned())),
        "a flood of empty lines"
    );
    // Where the bound stops the reading is asserted in cors-runtime's unit tests (`nothing_beyond_the_bounds_is_read`),
    // and the memory it costs in tests/allocations.rs.
    // At the bounds, a valid list is still answered.
    let at_bound = vec!["content-type"; MAX_NAMES].join(",");
    let mut req = preflight("/listed", "https://foo.com", "POST");
    req.headers_mut().insert(
        "access-control-request-headers",
        HeaderValue::from_str(&at_bound).unwrap(),
    );
    assert_eq!(call(&app, req).await.status(), StatusCode::NO_CONTENT);
}

/// 12. `Access-Control-Request-Method` is one method token; a list (`GET, DELETE`) or several lines are
/// refused, never echoed.
#[tokio::test]
async fn class_12_a_request_method_list_is_refused_not_echoed() {
    let app: Router = app().route("/any", any(reflecting_any_method));
    for uri in ["/listed", "/any"] {
        for method in [
            "GET, DELETE",
            "GET,DELETE",
            "GET DELETE",
            " GET",
            "GET\t",
            "",
            "G@T",
        ] {
            let mut req = preflight(uri, "https://foo.com", "GET");
            req.headers_mut().insert(
                "access-control-request-method",
                HeaderValue::from_str(method).unwrap(),
            );
            let res = call(&app, req).await;
            assert_eq!(res.status(), StatusCode::FORBIDDEN, "{uri} {method:?}");
            assert_eq!(header(&res, "access-control-allow-methods"), None);
        }
        let mut req = preflight(uri, "https://foo.com", "GET");
        req.headers_mut().append(
            "access-control-request-method",
            HeaderValue::from_static("DELETE"),
        );
        assert_eq!(
            call(&app, req).await.status(),
            StatusCode::FORBIDDEN,
            "two lines"
        );
    }
}

#[cors(origins = ["https://foo.com"], methods = "*", credentials)]
async fn reflecting_any_method() -> &'static str {
    "ok"
}

#[cors(origins = ["https://app.example.com"], methods = [GET])]
async fn with_vary() -> ([(&'static str, &'static str); 1], &'static str) {
    ([("vary", "Accept-Encoding")], "ok")
}

#[cors(origins = ["https://app.example.com"], methods = [GET])]
async fn with_vary_origin() -> ([(&'static str, &'static str); 1], &'static str) {
    ([("vary", "accept-encoding, origin")], "ok")
}

/// 13. The response's `Vary` is the handler's plus `Origin`: never the request's `Vary`, never `Origin` twice.
#[tokio::test]
async fn class_13_the_requests_vary_is_never_copied() {
    let app: Router = Router::new()
        .route("/a", get(with_vary))
        .route("/b", get(with_vary_origin));
    let req = request(
        Method::GET,
        "/a",
        &[("origin", "https://app.example.com"), ("vary", "Cookie")],
    );
    assert_eq!(
        headers(&call(&app, req).await, "vary"),
        ["Accept-Encoding", "Origin"]
    );
    let req = request(
        Method::GET,
        "/b",
        &[("origin", "https://app.example.com"), ("vary", "*")],
    );
    assert_eq!(
        headers(&call(&app, req).await, "vary"),
        ["accept-encoding, origin"]
    );
    let req = preflight("/a", "https://app.example.com", "GET");
    let mut req = req;
    req.headers_mut()
        .insert("vary", HeaderValue::from_static("Cookie"));
    let res = call(&app, req).await;
    assert_eq!(
        headers(&res, "vary"),
        ["Origin, Access-Control-Request-Method, Access-Control-Request-Headers"]
    );
}

#[cors(origins = "*", expose = "*")]
async fn public_expose_all() -> &'static str {
    "ok"
}

/// 14. `expose = "*"` with credentials is a compile error (`expose_star_with_credentials.rs`); without
/// credentials it is sent as `*`, and a credentialed policy sends only the names it lists.
#[tokio::test]
async fn class_14_expose_star_only_without_credentials() {
    #[cors(origins = ["https://foo.com"], expose = ["x-total-count"], credentials)]
    async fn credentialed_expose() -> &'static str {
        "ok"
    }
    let app: Router = Router::new()
        .route("/public", get(public_expose_all))
        .route("/private", get(credentialed_expose));
    let res = call(&app, from(Method::GET, "/public", b"https://x.example")).await;
    assert_eq!(header(&res, "access-control-expose-headers"), Some("*"));
    assert_eq!(header(&res, "access-control-allow-credentials"), None);
    let res = call(&app, from(Method::GET, "/private", b"https://foo.com")).await;
    assert_eq!(
        header(&res, "access-control-expose-headers"),
        Some("x-total-count")
    );
    assert_eq!(
        header(&res, "access-control-allow-credentials"),
        Some("true")
    );
}

#[cors(origins = "*", headers = "*")]
async fn public_any_header() -> &'static str {
    "ok"
}

#[cors(origins = ["https://foo.com"], headers = "*", credentials)]
async fn credentialed_any_header() -> &'static str {
    "ok"
}

/// 15. `*` never covers `authorization`, with or without credentials: a preflight asking for it is refused
/// unless the policy names it (`header_covered_by_star.rs` shows naming it beside `*`).
#[tokio::test]
async fn class_15_authorization_is_never_covered_by_star() {
    let app: Router = Router::new()
        .route("/public", get(public_any_header))
        .route("/private", get(credentialed_any_header));
    for uri in ["/public", "/private"] {
        for acrh in ["authorization", "x-one, Authorization", "AUTHORIZATION"] {
            let res = call(
                &app,
                preflight_with_headers(uri, "https://foo.com", "GET", acrh),
            )
            .await;
            assert_eq!(res.status(), StatusCode::FORBIDDEN, "{uri} {acrh}");
        }
        let res = call(
            &app,
            preflight_with_headers(uri, "https://foo.com", "GET", "x-one"),
        )
        .await;
        assert_eq!(res.status(), StatusCode::NO_CONTENT, "{uri}");
    }
}

/// 16. Several `Origin` lines, non-UTF-8 and oversized values: refused without reading further, never
/// echoed, never a panic.
#[tokio::test]
async fn class_16_malformed_origin_headers_are_refused() {
    let app = app();
    let mut two = request(
        Method::GET,
        "/listed",
        &[("origin", "https://foo.com"), ("origin", "https://bar.com")],
    );
    let res = call(&app, two).await;
    assert_eq!(
        header(&res, "access-control-allow-origin"),
        None,
        "two Origin lines"
    );
    assert_eq!(headers(&res, "vary"), ["Origin"]);
    two = request(
        Method::OPTIONS,
        "/listed",
        &[
            ("origin", "https://foo.com"),
            ("origin", "https://foo.com"),
            ("access-control-request-method", "GET"),
        ],
    );
    assert_eq!(call(&app, two).await.status(), StatusCode::FORBIDDEN);

    let long = format!("https://{}.example.com", "a".repeat(5000));
    let odd: [&[u8]; 4] = [
        b"https://\xff\xfe.example",
        b"https://foo.com\x80",
        long.as_bytes(),
        b"https://foo.com\t",
    ];
    for origin in odd {
        let res = call(&app, from(Method::GET, "/listed", origin)).await;
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(
            header(&res, "access-control-allow-origin"),
            None,
            "{} bytes",
            origin.len()
        );
        let mut req = preflight("/listed", "https://foo.com", "GET");
        req.headers_mut()
            .insert("origin", HeaderValue::from_bytes(origin).unwrap());
        assert_eq!(call(&app, req).await.status(), StatusCode::FORBIDDEN);
    }
    // A public policy answers everyone, whatever their Origin bytes.
    let public: Router = Router::new().route("/public", get(public_any_header));
    let res = call(
        &public,
        from(Method::GET, "/public", b"https://\xff.example"),
    )
    .await;
    assert_eq!(header(&res, "access-control-allow-origin"), Some("*"));
}

/// The classes decided at compile time, by their diagnostics: each has a UI case whose `.stderr` is a compile
/// error. `tests/ui.rs` compiles every case once (running them here too cost minutes of every test run).
#[test]
fn compile_time_classes_are_compile_errors() {
    let fail = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ui/fail");
    for (file, class) in [
        ("origins_star_with_credentials", "3"),
        ("origin_null", "5"),
        ("http_origin_with_credentials", "6"),
        ("public_suffix_pattern_with_credentials", "7"),
        ("tld_pattern_with_credentials", "7"),
        (
            "runtime_origins_not_for_credentials",
            "6 and 7 at run time: the slot's rules",
        ),
        ("expose_star_with_credentials", "14"),
        ("header_covered_by_star", "15"),
    ] {
        assert!(
            fail.join(format!("{file}.rs")).is_file(),
            "class {class}: {file}.rs"
        );
        let stderr = std::fs::read_to_string(fail.join(format!("{file}.stderr")))
            .unwrap_or_else(|e| panic!("class {class}: {file}.stderr: {e}"));
        assert!(
            stderr.starts_with("error"),
            "class {class}: {file}.stderr is not a compile error"
        );
    }
}

/// 16, continued. The bound on `Origin`: a value of `MAX_ORIGIN_LEN` bytes is read, one byte more is refused
/// unread, for actual requests and preflights alike. A policy that echoes any well-formed origin shows where the
/// bound lies (the listed and pattern matchers would refuse such an origin anyway).
#[tokio::test]
async fn class_16_an_origin_longer_than_the_bound_is_refused_unread() {
    use cors_runtime::origin::MAX_ORIGIN_LEN;
    let app = app().route("/reflecting", get(reflecting));
    // Labels of 63 bytes, as long as a browser would serialize them; the host is longer than DNS allows, but
    // only the bound can tell.
    let origin = |len: usize| {
        let mut host = String::new();
        while host.len() < len - "https://".len() {
            if !host.is_empty() {
                host.push('.');
            }
            let room = len - "https://".len() - host.len();
            host.push_str(&"a".repeat(room.min(63)));
        }
        format!("https://{host}")
    };
    let at = origin(MAX_ORIGIN_LEN);
    let over = origin(MAX_ORIGIN_LEN + 1);
    assert_eq!((at.len(), over.len()), (MAX_ORIGIN_LEN, MAX_ORIGIN_LEN + 1));

    let res = call(&app, from(Method::GET, "/reflecting", at.as_bytes())).await;
    assert_eq!(
        header(&res, "access-control-allow-origin"),
        Some(at.as_str())
    );
    let res = call(&app, from(Method::GET, "/reflecting", over.as_bytes())).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(header(&res, "access-control-allow-origin"), None);

    let preflight_from = |origin: &str| {
        let mut req = preflight("/reflecting", "https://foo.com", "GET");
        req.headers_mut()
            .insert("origin", HeaderValue::from_str(origin).unwrap());
        req
    };
    let res = call(&app, preflight_from(&at)).await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        header(&res, "access-control-allow-origin"),
        Some(at.as_str())
    );
    assert_eq!(
        refused_because(&app, preflight_from(&over)).await,
        (
            StatusCode::FORBIDDEN,
            Some("malformed Origin header".to_owned())
        )
    );
}
