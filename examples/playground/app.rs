//! The playground's two servers: an API whose handlers carry `#[cors]` policies of every kind, and a page that
//! runs a matrix of cross-origin `fetch()` calls against it. Shared by `main.rs` and the browser tests.

use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Response};
use axum::Json;
use cors_runtime::routing::{get, put};
use cors_runtime::Router;
use cors_runtime::{cors, cors_policy, OriginsError, RuntimeOrigins};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id};
use tracing::{Event, Instrument, Subscriber};
use tracing_subscriber::layer::{Context, Layer};
use tracing_subscriber::registry::LookupSpan;

/// What the API saw: how often each handler ran, and the requests it answered.
#[derive(Clone, Default)]
pub struct Seen {
    runs: Arc<Mutex<BTreeMap<&'static str, usize>>>,
    log: Arc<Mutex<Vec<Entry>>>,
    /// Why cors_runtime refused a request, by request number (from its debug events).
    reasons: Arc<Mutex<BTreeMap<u64, String>>>,
    requests: Arc<AtomicU64>,
}

/// One request as the API answered it.
#[derive(Clone, Serialize)]
pub struct Entry {
    method: String,
    path: String,
    preflight: bool,
    status: u16,
    /// cors_runtime's own reason, when it refused the request.
    reason: Option<String>,
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

cors_policy! {
    /// This page, on any port of the loopback address: shared by the handlers below, which add what they need.
    THIS_PAGE(origins = ["http://127.0.0.1:*"]);
}

/// Partner origins, known only at start-up (`PLAYGROUND_PARTNER_ORIGINS`; by default the page's `localhost`
/// origin, the one the "disallowed origin" rows use): see [`configure`].
static PARTNERS: RuntimeOrigins = RuntimeOrigins::new();

/// Fills the run-time origins, checked by the same rules as the attribute's: a bad entry is an error naming it.
pub fn configure(partner_origins: &str) -> Result<(), OriginsError> {
    PARTNERS.set_list(partner_origins)
}

#[cors(policy = THIS_PAGE, methods = [GET], credentials)]
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

#[cors(policy = THIS_PAGE, methods = [POST], headers = ["content-type"], credentials)]
async fn create_item(State(seen): State<Seen>, Json(item): Json<Item>) -> (StatusCode, String) {
    seen.hit("create_item");
    (StatusCode::CREATED, format!("created {}", item.name))
}

#[cors(policy = THIS_PAGE, methods = [PUT], headers = ["x-request-id"])]
async fn update_item(State(seen): State<Seen>) -> &'static str {
    seen.hit("update_item");
    "updated"
}

#[cors(policy = THIS_PAGE, methods = [PATCH], headers = ["x-request-id"])]
async fn patch_item(State(seen): State<Seen>) -> &'static str {
    seen.hit("patch_item");
    "patched"
}

async fn delete_item(State(seen): State<Seen>) -> StatusCode {
    seen.hit("delete_item");
    StatusCode::NO_CONTENT
}

#[cors(policy = THIS_PAGE, methods = [GET], refuse_disallowed)]
async fn strict(State(seen): State<Seen>) -> &'static str {
    seen.hit("strict");
    "only for listed origins"
}

#[cors(origins = [PARTNERS], methods = [GET])]
async fn partner(State(seen): State<Seen>) -> &'static str {
    seen.hit("partner");
    "for partner origins, set at start-up"
}

async fn no_cors(State(seen): State<Seen>) -> &'static str {
    seen.hit("no_cors");
    "a route without CORS"
}

#[cors(policy = THIS_PAGE, methods = [GET], headers = ["authorization"])]
async fn list_notes(State(seen): State<Seen>) -> &'static str {
    seen.hit("list_notes");
    "[\"behind the middleware\"]"
}

#[cors(policy = THIS_PAGE, methods = [POST], headers = ["authorization", "content-type"])]
async fn add_note(State(seen): State<Seen>, Json(item): Json<Item>) -> (StatusCode, String) {
    seen.hit("add_note");
    (StatusCode::CREATED, format!("noted {}", item.name))
}

/// The usual bearer check, in front of `/protected`: 401 without `Authorization: Bearer <token>`. CORS stands in
/// front of it, so preflights never reach it and the page can read its 401.
pub async fn require_bearer(req: Request, next: Next) -> Response {
    let token = req
        .headers()
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    match token {
        Some(t) if !t.is_empty() => next.run(req).await,
        _ => (StatusCode::UNAUTHORIZED, "missing bearer token").into_response(),
    }
}

/// A WebSocket echo. Browsers apply no CORS check to WebSocket handshakes, so the policy is applied by the server:
/// a handshake from an origin it does not list is refused with 403 before the handler runs.
#[cors(policy = THIS_PAGE, methods = [GET])]
async fn socket(
    State(seen): State<Seen>,
    upgrade: axum::extract::ws::WebSocketUpgrade,
) -> Response {
    seen.hit("socket");
    upgrade.on_upgrade(|mut socket| async move {
        use axum::extract::ws::Message;
        while let Some(Ok(Message::Text(text))) = socket.recv().await {
            if socket.send(Message::Text(text)).await.is_err() {
                break;
            }
        }
    })
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

/// Logs every request the API answers (the last 500), preflights included, with cors_runtime's reason when it
/// refused one: the request runs inside a span whose number the `Diagnostics` layer files the reason under.
async fn record(State(seen): State<Seen>, req: Request, next: Next) -> Response {
    let (method, path) = (req.method().to_string(), req.uri().path().to_owned());
    let preflight = cors_runtime::is_preflight(req.method(), req.headers());
    let number = seen.requests.fetch_add(1, Ordering::Relaxed);
    let res = next
        .run(req)
        .instrument(tracing::debug_span!("playground_request", number))
        .await;
    if path != "/report" {
        let reason = seen.reasons.lock().unwrap().remove(&number);
        let mut log = seen.log.lock().unwrap();
        if log.len() == 500 {
            log.remove(0);
        }
        log.push(Entry {
            method,
            path,
            preflight,
            status: res.status().as_u16(),
            reason,
        });
    }
    res
}

/// A `tracing` layer that files the reason of every `cors_runtime` event under the request that caused it.
pub struct Diagnostics(Seen);

struct Number(u64);

struct Read<'a>(&'a str, &'a mut Option<String>);

impl Visit for Read<'_> {
    fn record_u64(&mut self, field: &Field, value: u64) {
        if field.name() == self.0 {
            *self.1 = Some(value.to_string());
        }
    }
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        if field.name() == self.0 {
            *self.1 = Some(format!("{value:?}"));
        }
    }
}

impl<S: Subscriber + for<'a> LookupSpan<'a>> Layer<S> for Diagnostics {
    fn on_new_span(&self, attrs: &Attributes<'_>, id: &Id, ctx: Context<'_, S>) {
        let mut number = None;
        attrs.record(&mut Read("number", &mut number));
        if let (Some(n), Some(span)) = (number.and_then(|n| n.parse().ok()), ctx.span(id)) {
            span.extensions_mut().insert(Number(n));
        }
    }

    fn on_event(&self, event: &Event<'_>, ctx: Context<'_, S>) {
        if event.metadata().target() != "cors_runtime" {
            return;
        }
        let mut reason = None;
        event.record(&mut Read("reason", &mut reason));
        let number = ctx.event_scope(event).and_then(|scope| {
            scope
                .into_iter()
                .find_map(|s| s.extensions().get::<Number>().map(|n| n.0))
        });
        if let (Some(n), Some(reason)) = (number, reason) {
            self.0.reasons.lock().unwrap().insert(n, reason);
        }
    }
}

/// The API's state, and the layer that feeds it cors_runtime's reasons: install the layer in the subscriber.
pub fn diagnostics() -> (Seen, Diagnostics) {
    let seen = Seen::default();
    (seen.clone(), Diagnostics(seen))
}

/// The API.
pub fn api(seen: Seen) -> axum::Router {
    // Behind the usual middleware: a bearer check, and bodies limited to 1 KiB.
    let protected = Router::new()
        .route("/notes", get(list_notes).post(add_note))
        .layer(tower_http::limit::RequestBodyLimitLayer::new(1024))
        .layer(middleware::from_fn(require_bearer));
    let api = Router::new()
        .nest("/protected", protected)
        .route("/items", get(list_items).post(create_item))
        .route(
            "/items/1",
            put(update_item).patch(patch_item).delete(delete_item),
        )
        .route("/account", get(account))
        .route("/strict", get(strict))
        .route("/partner", get(partner))
        .route("/no-cors", axum::routing::get(no_cors))
        .route("/report", get(server_report))
        .route("/socket", get(socket))
        .with_state(seen.clone());
    // The log shows every request, preflights included, so it observes the finished API, in front of CORS: the
    // place for a layer that only observes (an authentication check there would refuse preflights).
    api.observe(middleware::from_fn_with_state(seen, record))
}

const PAGE: &str = include_str!("page.html");

/// A frame that runs the `fetch()` its parent asks for and posts back what it could read: loaded from
/// `http://localhost:<port>`, it is a page of another origin.
const FRAME: &str = r#"<!doctype html><script>
// Opens a WebSocket, sends "hi" and resolves with the echo, as a fetch result would read.
function socketTry(url) {
  return new Promise(resolve => {
    const socket = new WebSocket(url);
    socket.onopen = () => socket.send("hi");
    socket.onmessage = ev => { resolve({ read: true, status: 101, headers: {}, body: ev.data }); socket.close(); };
    socket.onerror = () => resolve({ read: false, error: "the WebSocket failed to open" });
  });
}
window.addEventListener("message", async ev => {
  const { url, init } = ev.data;
  if (init.websocket) { ev.source.postMessage(await socketTry(url), "*"); return; }
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
pub fn page(api_base: &str, page_port: u16) -> axum::Router {
    let page = PAGE
        .replace("__API__", api_base)
        .replace("__OTHER__", &format!("http://localhost:{page_port}"));
    axum::Router::new()
        .route("/", axum::routing::get(move || async move { Html(page) }))
        .route("/frame", axum::routing::get(|| async { Html(FRAME) }))
}
