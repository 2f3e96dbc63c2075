//! The playground's two servers: an API whose handlers carry `#[cors]` policies of every kind, and a page that
//! runs a matrix of cross-origin `fetch()` calls against it. Shared by `main.rs` and the browser tests.

use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{Html, Response};
use axum::{Json, Router};
use cors_runtime::cors;
use cors_runtime::routing::{get, put};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

/// What the API saw: how often each handler ran, and the requests it answered.
#[derive(Clone, Default)]
pub struct Seen {
    runs: Arc<Mutex<BTreeMap<&'static str, usize>>>,
    log: Arc<Mutex<Vec<Entry>>>,
}

/// One request as the API answered it.
#[derive(Clone, Serialize)]
pub struct Entry {
    method: String,
    path: String,
    preflight: bool,
    status: u16,
}

impl Seen {
    fn hit(&self, handler: &'static str) {
        *self.runs.lock().unwrap().entry(handler).or_default() += 1;
    }
}

// The listed origin is `http://127.0.0.1:*`: the playground page on any port of the loopback address (so the
// browser tests can serve it on a free port). A page on `http://localhost:<port>` is another origin, which the
// "disallowed origin" rows use.

#[cors(origins = "*", methods = [GET], expose = ["x-total-count"])]
async fn list_items(State(seen): State<Seen>) -> ([(&'static str, &'static str); 2], &'static str) {
    seen.hit("list_items");
    (
        [("x-total-count", "2"), ("x-secret", "not exposed")],
        "[\"apple\",\"pear\"]",
    )
}

#[cors(origins = ["http://127.0.0.1:*"], methods = [GET], credentials)]
async fn account(State(seen): State<Seen>, headers: HeaderMap) -> String {
    seen.hit("account");
    let cookie = headers
        .get("cookie")
        .and_then(|c| c.to_str().ok())
        .unwrap_or("no cookie");
    format!("the server saw: {cookie}")
}

#[derive(Deserialize)]
struct Item {
    name: String,
}

#[cors(origins = ["http://127.0.0.1:*"], methods = [POST], headers = ["content-type"], credentials)]
async fn create_item(State(seen): State<Seen>, Json(item): Json<Item>) -> (StatusCode, String) {
    seen.hit("create_item");
    (StatusCode::CREATED, format!("created {}", item.name))
}

#[cors(origins = ["http://127.0.0.1:*"], methods = [PUT], headers = ["x-request-id"])]
async fn update_item(State(seen): State<Seen>) -> &'static str {
    seen.hit("update_item");
    "updated"
}

#[cors(origins = ["http://127.0.0.1:*"], methods = [PATCH], headers = ["x-request-id"])]
async fn patch_item(State(seen): State<Seen>) -> &'static str {
    seen.hit("patch_item");
    "patched"
}

async fn delete_item(State(seen): State<Seen>) -> StatusCode {
    seen.hit("delete_item");
    StatusCode::NO_CONTENT
}

#[cors(origins = ["http://127.0.0.1:*"], methods = [GET], refuse_disallowed)]
async fn strict(State(seen): State<Seen>) -> &'static str {
    seen.hit("strict");
    "only for listed origins"
}

async fn no_cors(State(seen): State<Seen>) -> &'static str {
    seen.hit("no_cors");
    "a route without CORS"
}

#[derive(Serialize)]
struct Report {
    runs: BTreeMap<&'static str, usize>,
    log: Vec<Entry>,
}

/// What the server saw, for the page (public: any origin may read it).
#[cors(origins = "*", methods = [GET])]
async fn server_report(State(seen): State<Seen>) -> Json<Report> {
    let runs = seen.runs.lock().unwrap().clone();
    let log = seen.log.lock().unwrap().clone();
    Json(Report { runs, log })
}

/// Logs every request the API answers (the last 500), preflights included.
async fn record(State(seen): State<Seen>, req: Request, next: Next) -> Response {
    let (method, path) = (req.method().to_string(), req.uri().path().to_owned());
    let preflight = cors_runtime::is_preflight(req.method(), req.headers());
    let res = next.run(req).await;
    if path != "/report" {
        let mut log = seen.log.lock().unwrap();
        if log.len() == 500 {
            log.remove(0);
        }
        log.push(Entry {
            method,
            path,
            preflight,
            status: res.status().as_u16(),
        });
    }
    res
}

/// The API.
pub fn api() -> Router {
    let seen = Seen::default();
    Router::new()
        .route("/items", get(list_items).post(create_item).into())
        .route(
            "/items/1",
            put(update_item)
                .patch(patch_item)
                .delete(delete_item)
                .into(),
        )
        .route("/account", get(account).into())
        .route("/strict", get(strict).into())
        .route("/no-cors", axum::routing::get(no_cors))
        .route("/report", get(server_report).into())
        .layer(middleware::from_fn_with_state(seen.clone(), record))
        .with_state(seen)
}

const PAGE: &str = include_str!("page.html");

/// A frame that runs the `fetch()` its parent asks for and posts back what it could read: loaded from
/// `http://localhost:<port>`, it is a page of another origin.
const FRAME: &str = r#"<!doctype html><script>
window.addEventListener("message", async ev => {
  const { url, init } = ev.data;
  try {
    const r = await fetch(url, init);
    ev.source.postMessage({ read: true, status: r.status, headers: Object.fromEntries(r.headers.entries()), body: await r.text() }, "*");
  } catch (e) {
    ev.source.postMessage({ read: false, error: String(e) }, "*");
  }
});
parent.postMessage("ready", "*");
</script>"#;

/// The page server: the page itself at `/`, and the helper frame at `/frame`.
pub fn page(api_base: &str, page_port: u16) -> Router {
    let page = PAGE
        .replace("__API__", api_base)
        .replace("__OTHER__", &format!("http://localhost:{page_port}"));
    Router::new()
        .route("/", axum::routing::get(move || async move { Html(page) }))
        .route("/frame", axum::routing::get(|| async { Html(FRAME) }))
}
