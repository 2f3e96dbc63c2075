//! The runtime rules of product.md, through finalized routers (`oneshot` after `with_state`). The security
//! bug classes have their own suite, `tests/security.rs`.

mod common;

use axum::extract::{Path, State};
use axum::Json;
use common::*;
use cors_runtime::cors;
use cors_runtime::routing::{any, get};
use cors_runtime::Router;
use http::{Method, StatusCode};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

#[derive(Clone, Default)]
struct AppState {
    runs: Arc<AtomicUsize>,
}

impl AppState {
    fn runs(&self) -> usize {
        self.runs.load(Ordering::SeqCst)
    }
}

#[cors(origins = "*", methods = [GET], expose = ["x-total-count"])]
async fn list_items(
    State(state): State<AppState>,
) -> ([(&'static str, &'static str); 1], &'static str) {
    state.runs.fetch_add(1, Ordering::SeqCst);
    ([("x-total-count", "2")], "[\"a\",\"b\"]")
}

#[cors(origins = ["https://app.example.com"], methods = [POST], headers = ["content-type", "x-request-id"],
       credentials, max_age = 600)]
async fn create_item(
    State(state): State<AppState>,
    Json(item): Json<serde_json::Value>,
) -> Json<serde_json::Value> {
    state.runs.fetch_add(1, Ordering::SeqCst);
    Json(item)
}

async fn delete_item(State(state): State<AppState>) -> StatusCode {
    state.runs.fetch_add(1, Ordering::SeqCst);
    StatusCode::NO_CONTENT
}

fn items_app(state: AppState) -> Router {
    Router::new()
        .route("/items", get(list_items).post(create_item))
        .route("/items", axum::routing::delete(delete_item))
        .with_state(state)
}

#[tokio::test]
async fn each_method_is_preflighted_by_its_own_handlers_policy() {
    let state = AppState::default();
    let app = items_app(state.clone());

    // GET: the public policy, from any origin.
    let res = call(&app, preflight("/items", "https://anyone.example", "GET")).await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(header(&res, "access-control-allow-origin"), Some("*"));
    assert_eq!(header(&res, "access-control-allow-methods"), Some("GET"));
    assert_eq!(header(&res, "access-control-allow-credentials"), None);

    // POST: the credentialed policy, for its one origin only.
    let req = preflight_with_headers(
        "/items",
        "https://app.example.com",
        "POST",
        "content-type,x-request-id",
    );
    let res = call(&app, req).await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        header(&res, "access-control-allow-origin"),
        Some("https://app.example.com")
    );
    assert_eq!(
        header(&res, "access-control-allow-credentials"),
        Some("true")
    );
    assert_eq!(header(&res, "access-control-allow-methods"), Some("POST"));
    assert_eq!(
        header(&res, "access-control-allow-headers"),
        Some("content-type, x-request-id")
    );
    assert_eq!(header(&res, "access-control-max-age"), Some("600"));

    // The GET policy's `*` must not approve a POST preflight from another origin.
    let res = call(&app, preflight("/items", "https://anyone.example", "POST")).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert_eq!(header(&res, "access-control-allow-origin"), None);

    // DELETE has no annotated handler: refused.
    let res = call(
        &app,
        preflight("/items", "https://app.example.com", "DELETE"),
    )
    .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert_eq!(header(&res, "access-control-allow-origin"), None);

    assert_eq!(state.runs(), 0, "no handler runs for a preflight");
}

#[tokio::test]
async fn a_plain_route_added_first_merges_too() {
    let app = Router::new()
        .route("/items", axum::routing::delete(delete_item))
        .route("/items", get(list_items).post(create_item))
        .with_state(AppState::default());
    assert_eq!(
        call(&app, preflight("/items", "https://a.example", "GET"))
            .await
            .status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        call(&app, preflight("/items", "https://a.example", "DELETE"))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        call(&app, request(Method::DELETE, "/items", &[]))
            .await
            .status(),
        StatusCode::NO_CONTENT
    );
}

#[tokio::test]
async fn refused_preflights_name_nothing_and_run_nothing() {
    let state = AppState::default();
    let app = items_app(state.clone());
    let cases: &[&[(&str, &str)]] = &[
        &[
            ("origin", "https://evil.example"),
            ("access-control-request-method", "POST"),
        ],
        &[
            ("origin", "https://app.example.com"),
            ("access-control-request-method", "POST"),
            ("access-control-request-headers", "x-other"),
        ],
        &[
            ("origin", "https://app.example.com"),
            ("access-control-request-method", "PUT"),
        ],
        &[
            ("origin", "https://app.example.com"),
            ("access-control-request-method", "POST, GET"),
        ],
        &[
            ("origin", "https://app.example.com"),
            ("access-control-request-method", "POST"),
            ("access-control-request-method", "GET"),
        ],
        &[
            ("origin", "https://app.example.com"),
            ("origin", "https://app.example.com"),
            ("access-control-request-method", "POST"),
        ],
        &[
            ("origin", "null"),
            ("access-control-request-method", "POST"),
        ],
    ];
    for headers in cases {
        let res = call(&app, request(Method::OPTIONS, "/items", headers)).await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{headers:?}");
        assert_eq!(
            header(&res, "vary"),
            None,
            "a refused preflight has no Vary: {headers:?}"
        );
        for h in [
            "access-control-allow-origin",
            "access-control-allow-methods",
            "access-control-allow-credentials",
        ] {
            assert_eq!(header(&res, h), None, "{headers:?}");
        }
    }
    assert_eq!(state.runs(), 0);
}

/// `null` is an origin `*` covers, as browsers expect: the public GET policy answers its preflight (while the
/// listed POST policy refused it above).
#[tokio::test]
async fn a_null_origin_is_answered_by_a_public_policy() {
    let app = items_app(AppState::default());
    let res = call(&app, preflight("/items", "null", "GET")).await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(header(&res, "access-control-allow-origin"), Some("*"));
}

#[tokio::test]
async fn actual_requests_carry_the_headers_of_their_policy() {
    let state = AppState::default();
    let app = items_app(state.clone());

    // Public: `*` on every response, with or without Origin, and no Vary: Origin.
    let res = call(
        &app,
        request(
            Method::GET,
            "/items",
            &[("origin", "https://anyone.example")],
        ),
    )
    .await;
    assert_eq!(header(&res, "access-control-allow-origin"), Some("*"));
    assert_eq!(
        header(&res, "access-control-expose-headers"),
        Some("x-total-count")
    );
    assert_eq!(header(&res, "vary"), None);
    let res = call(&app, request(Method::GET, "/items", &[])).await;
    assert_eq!(header(&res, "access-control-allow-origin"), Some("*"));

    // Credentialed, allowed origin.
    let req = request(
        Method::POST,
        "/items",
        &[
            ("origin", "https://app.example.com"),
            ("content-type", "application/json"),
        ],
    );
    let mut req = req;
    *req.body_mut() = axum::body::Body::from("{\"name\":\"pear\"}");
    let res = call(&app, req).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        header(&res, "access-control-allow-origin"),
        Some("https://app.example.com")
    );
    assert_eq!(
        header(&res, "access-control-allow-credentials"),
        Some("true")
    );
    assert_eq!(headers(&res, "vary"), ["Origin"]);
    assert_eq!(
        header(&res, "access-control-allow-methods"),
        None,
        "preflight-only headers stay off actual responses"
    );
    assert_eq!(body(res).await, "{\"name\":\"pear\"}");

    // Disallowed origin: the handler runs, the browser gets no CORS headers, caches get Vary.
    let before = state.runs();
    let mut req = request(
        Method::POST,
        "/items",
        &[
            ("origin", "https://evil.example"),
            ("content-type", "application/json"),
        ],
    );
    *req.body_mut() = axum::body::Body::from("{}");
    let res = call(&app, req).await;
    assert_eq!(state.runs(), before + 1);
    assert_eq!(header(&res, "access-control-allow-origin"), None);
    assert_eq!(header(&res, "access-control-allow-credentials"), None);
    assert_eq!(headers(&res, "vary"), ["Origin"]);

    // No Origin: the handler runs; only Vary.
    let mut req = request(
        Method::POST,
        "/items",
        &[("content-type", "application/json")],
    );
    *req.body_mut() = axum::body::Body::from("{}");
    let res = call(&app, req).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(header(&res, "access-control-allow-origin"), None);
    assert_eq!(headers(&res, "vary"), ["Origin"]);
}

#[tokio::test]
async fn extractor_rejections_are_readable_by_the_browser() {
    let app = items_app(AppState::default());
    let mut req = request(
        Method::POST,
        "/items",
        &[
            ("origin", "https://app.example.com"),
            ("content-type", "application/json"),
        ],
    );
    *req.body_mut() = axum::body::Body::from("{not json");
    let res = call(&app, req).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert_eq!(
        header(&res, "access-control-allow-origin"),
        Some("https://app.example.com")
    );
    assert_eq!(
        header(&res, "access-control-allow-credentials"),
        Some("true")
    );

    let req = request(
        Method::POST,
        "/items",
        &[("origin", "https://app.example.com")],
    );
    let res = call(&app, req).await;
    assert_eq!(res.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(
        header(&res, "access-control-allow-origin"),
        Some("https://app.example.com")
    );
}

#[cors(origins = ["https://app.example.com"], methods = [GET])]
async fn maybe_fail(Path(id): Path<u32>) -> Result<String, (StatusCode, &'static str)> {
    if id == 0 {
        Err((StatusCode::NOT_FOUND, "no such item"))
    } else {
        Ok(id.to_string())
    }
}

#[tokio::test]
async fn error_returns_and_path_rejections_carry_the_headers() {
    let app: Router = Router::new().route("/items/{id}", get(maybe_fail));
    for (uri, status) in [
        ("/items/7", StatusCode::OK),
        ("/items/0", StatusCode::NOT_FOUND),
        ("/items/x", StatusCode::BAD_REQUEST),
    ] {
        let req = http::Request::builder()
            .uri(uri)
            .header("origin", "https://app.example.com")
            .body(axum::body::Body::empty())
            .unwrap();
        let res = call(&app, req).await;
        assert_eq!(res.status(), status, "{uri}");
        assert_eq!(
            header(&res, "access-control-allow-origin"),
            Some("https://app.example.com"),
            "{uri}"
        );
    }
}

/// An extractor that demands authentication, as an auth layer inside the handler would.
#[cors(origins = ["https://app.example.com", "https://*.staging.example.com", "http://localhost:*"], methods = "*",
       headers = "*", credentials)]
async fn echo_any() -> &'static str {
    "ok"
}

#[cors(origins = "*", methods = "*", headers = ["*", "authorization"])]
async fn public_any() -> &'static str {
    "ok"
}

#[tokio::test]
async fn methods_any_is_a_star_without_credentials_and_headers_any_is_always_the_validated_request()
{
    let app: Router = Router::new()
        .route("/echo", any(echo_any))
        .route("/public", any(public_any));

    let req = preflight_with_headers(
        "/echo",
        "https://a.b.staging.example.com",
        "PATCH",
        "x-one,x-two",
    );
    let res = call(&app, req).await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        header(&res, "access-control-allow-origin"),
        Some("https://a.b.staging.example.com")
    );
    assert_eq!(header(&res, "access-control-allow-methods"), Some("PATCH"));
    assert_eq!(
        header(&res, "access-control-allow-headers"),
        Some("x-one,x-two")
    );

    // `*` never covers authorization unless it is named.
    let req = preflight_with_headers("/echo", "http://localhost:5173", "GET", "authorization");
    assert_eq!(call(&app, req).await.status(), StatusCode::FORBIDDEN);

    let req = preflight_with_headers(
        "/public",
        "https://x.example",
        "PATCH",
        "authorization,x-one",
    );
    let res = call(&app, req).await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(header(&res, "access-control-allow-origin"), Some("*"));
    assert_eq!(header(&res, "access-control-allow-methods"), Some("*"));
    // Never `*` for headers, credentials or not: WebKit let a cached `*` cover `authorization`.
    assert_eq!(
        header(&res, "access-control-allow-headers"),
        Some("authorization,x-one")
    );

    // Patterns match whole labels only.
    for bad in [
        "https://staging.example.com",
        "https://evilstaging.example.com",
        "https://a.staging.example.com.evil.net",
        "http://a.staging.example.com",
    ] {
        let res = call(&app, request(Method::GET, "/echo", &[("origin", bad)])).await;
        assert_eq!(header(&res, "access-control-allow-origin"), None, "{bad}");
    }
}

#[cors(origins = ["https://app.example.com"], methods = [GET], refuse_disallowed, preflight_status = 200)]
async fn strict(State(state): State<AppState>) -> &'static str {
    state.runs.fetch_add(1, Ordering::SeqCst);
    "ok"
}

#[tokio::test]
async fn refuse_mode_answers_403_without_running_the_handler() {
    let state = AppState::default();
    let app = Router::new()
        .route("/strict", get(strict))
        .with_state(state.clone());
    let res = call(
        &app,
        request(
            Method::GET,
            "/strict",
            &[("origin", "https://evil.example")],
        ),
    )
    .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert_eq!(state.runs(), 0);
    assert_eq!(headers(&res, "vary"), ["Origin"]);
    // Requests without Origin are not CORS requests and are served.
    assert_eq!(
        call(&app, request(Method::GET, "/strict", &[]))
            .await
            .status(),
        StatusCode::OK
    );
    assert_eq!(state.runs(), 1);
    assert_eq!(
        call(&app, preflight("/strict", "https://app.example.com", "GET"))
            .await
            .status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn head_is_served_and_preflighted_through_get() {
    let app = items_app(AppState::default());
    let res = call(
        &app,
        request(Method::HEAD, "/items", &[("origin", "https://a.example")]),
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(header(&res, "access-control-allow-origin"), Some("*"));
    assert_eq!(
        call(&app, preflight("/items", "https://a.example", "HEAD"))
            .await
            .status(),
        StatusCode::NO_CONTENT
    );
}

#[tokio::test]
async fn the_function_as_written_stays_callable() {
    let state = AppState::default();
    let (_, body) = list_items(State(state.clone())).await;
    assert_eq!(body, "[\"a\",\"b\"]");
    assert_eq!(state.runs(), 1);
}

#[cors(origins = ["https://app.example.com"], methods = [POST, DELETE], refuse_disallowed)]
async fn strict_write(State(state): State<AppState>) -> StatusCode {
    state.runs.fetch_add(1, Ordering::SeqCst);
    StatusCode::NO_CONTENT
}

/// Browsers send `Origin` on same-origin writes: the API's own front-end (not listed, it needs no CORS) must not
/// be refused. The browser says so with `Sec-Fetch-Site: same-origin`, which a page of another origin cannot send.
#[tokio::test]
async fn refuse_mode_lets_same_origin_writes_through() {
    let state = AppState::default();
    let app = Router::new()
        .route("/notes", cors_runtime::routing::post(strict_write))
        .with_state(state.clone());
    let own = "https://api.example.com";
    let res = call(
        &app,
        request(
            Method::POST,
            "/notes",
            &[("origin", own), ("sec-fetch-site", "same-origin")],
        ),
    )
    .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(state.runs(), 1);
    assert_eq!(
        header(&res, "access-control-allow-origin"),
        None,
        "no CORS needed"
    );
    for site in ["cross-site", "same-site", "none"] {
        let res = call(
            &app,
            request(
                Method::POST,
                "/notes",
                &[("origin", own), ("sec-fetch-site", site)],
            ),
        )
        .await;
        assert_eq!(
            res.status(),
            StatusCode::FORBIDDEN,
            "Sec-Fetch-Site: {site}"
        );
    }
    let res = call(&app, request(Method::POST, "/notes", &[("origin", own)])).await;
    assert_eq!(
        res.status(),
        StatusCode::FORBIDDEN,
        "no Sec-Fetch-Site: an older browser"
    );
    assert_eq!(state.runs(), 1);
}

#[cors(origins = ["https://app.example.com"], methods = [GET], max_age = -1)]
async fn never_cached() -> &'static str {
    "fresh"
}

/// `max_age = -1` means "do not cache"; the header's grammar is delta-seconds, so it is sent as `0`.
#[tokio::test]
async fn max_age_minus_one_is_sent_as_zero() {
    let app = Router::new().route("/fresh", get(never_cached));
    let res = call(&app, preflight("/fresh", "https://app.example.com", "GET")).await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(header(&res, "access-control-max-age"), Some("0"));
}

#[cors(origins = ["https://app.example.com"], methods = [GET, POST])]
async fn listed_any() -> &'static str {
    "ok"
}

/// `any(h)` of a handler whose policy lists its methods: its preflights allow those methods and no other, though
/// axum serves every method on the route.
#[tokio::test]
async fn an_any_route_answers_preflights_for_its_listed_methods_only() {
    let app = Router::new().route("/listed", any(listed_any));
    for method in ["GET", "POST"] {
        let res = call(
            &app,
            preflight("/listed", "https://app.example.com", method),
        )
        .await;
        assert_eq!(res.status(), StatusCode::NO_CONTENT, "{method}");
        assert_eq!(
            header(&res, "access-control-allow-methods"),
            Some("GET, POST"),
            "{method}"
        );
    }
    for method in ["PUT", "DELETE", "PATCH", "PURGE"] {
        let req = preflight("/listed", "https://app.example.com", method);
        assert_eq!(
            refused_because(&app, req).await,
            (StatusCode::FORBIDDEN, Some("method not allowed".to_owned())),
            "{method}"
        );
    }
}

#[cors(origins = ["https://*.example.com:8443", "http://localhost:3000"], methods = [GET])]
async fn on_one_port() -> &'static str {
    "ok"
}

/// A pattern or an origin with a port allows that port only: not the default one, not another.
#[tokio::test]
async fn a_port_in_an_origin_or_a_pattern_allows_that_port_only() {
    let app = Router::new().route("/port", get(on_one_port));
    let allowed = |origin: &'static str| {
        let app = app.clone();
        async move {
            let res = call(&app, request(Method::GET, "/port", &[("origin", origin)])).await;
            assert_eq!(res.status(), StatusCode::OK, "{origin}");
            header(&res, "access-control-allow-origin").map(str::to_owned)
        }
    };
    for origin in [
        "https://a.example.com:8443",
        "https://a.b.example.com:8443",
        "http://localhost:3000",
    ] {
        assert_eq!(allowed(origin).await.as_deref(), Some(origin));
    }
    for origin in [
        "https://a.example.com",
        "https://a.example.com:8444",
        "https://a.example.com:443",
        "https://a.example.com:84430",
        "https://example.com:8443",
        "http://a.example.com:8443",
        "http://localhost",
        "http://localhost:3001",
    ] {
        assert_eq!(allowed(origin).await, None, "{origin}");
    }
}

/// `any(h)` answers every method without an `Allow` header, as axum's own `any` does.
#[tokio::test]
async fn any_routes_send_no_allow_header() {
    let app = Router::new()
        .route("/echo", any(echo_any))
        .route("/public", any(public_any));
    for method in [Method::GET, Method::POST, Method::DELETE, Method::OPTIONS] {
        for uri in ["/echo", "/public"] {
            let res = call(
                &app,
                request(
                    method.clone(),
                    uri,
                    &[("origin", "https://app.example.com")],
                ),
            )
            .await;
            // Served by the handler (not a 404 or 405, which carry no `Allow` either)…
            assert_eq!(res.status(), StatusCode::OK, "{method} {uri}");
            assert_eq!(header(&res, "allow"), None, "{method} {uri}");
            assert_eq!(body(res).await, "ok", "{method} {uri}");
        }
    }
}

/// A unit test calls an annotated handler as it would call the function, and awaits its own return value.
#[tokio::test]
async fn an_annotated_handler_is_called_like_the_function_in_unit_tests() {
    let state = AppState::default();
    let Json(item) = create_item(
        State(state.clone()),
        Json(serde_json::json!({ "name": "fig" })),
    )
    .await;
    assert_eq!(item["name"], "fig");
    let Json(again) = create_item(State(state.clone()), Json(serde_json::json!(1))).await;
    assert_eq!(again, 1);
    assert_eq!(state.runs(), 2);
    assert_eq!(
        maybe_fail(Path(0)).await,
        Err((StatusCode::NOT_FOUND, "no such item"))
    );
}

#[test]
fn is_preflight_needs_options_origin_and_the_requested_method_all_three() {
    use cors_runtime::is_preflight;
    use http::header::{ACCESS_CONTROL_REQUEST_METHOD, ORIGIN};
    use http::{HeaderMap, HeaderValue};

    let with = |origin: bool, requested: bool| {
        let mut headers = HeaderMap::new();
        if origin {
            headers.insert(ORIGIN, HeaderValue::from_static("https://app.example.com"));
        }
        if requested {
            headers.insert(
                ACCESS_CONTROL_REQUEST_METHOD,
                HeaderValue::from_static("PUT"),
            );
        }
        headers
    };
    assert!(is_preflight(&Method::OPTIONS, &with(true, true)));
    assert!(
        !is_preflight(&Method::GET, &with(true, true)),
        "not OPTIONS"
    );
    assert!(
        !is_preflight(&Method::OPTIONS, &with(false, true)),
        "no Origin"
    );
    assert!(
        !is_preflight(&Method::OPTIONS, &with(true, false)),
        "no Access-Control-Request-Method"
    );
    assert!(
        !is_preflight(&Method::OPTIONS, &with(false, false)),
        "the application's own OPTIONS"
    );
}
