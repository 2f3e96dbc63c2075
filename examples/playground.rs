//! The playground: an API whose handlers carry `#[cors]` policies of every kind, and a page on a second
//! origin whose `fetch()` calls show what the browser allows.
//!
//! ```text
//! cargo run --example playground
//! ```
//! Ports: `PLAYGROUND_API_PORT` (default 7001) and `PLAYGROUND_PAGE_PORT` (default 7000), both on 127.0.0.1.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Html;
use axum::{Json, Router};
use cors_runtime::cors;
use cors_runtime::routing::{delete, get, put};
use serde::Deserialize;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

/// How often each handler ran: the page shows it beside what the browser reported.
#[derive(Clone, Default)]
struct Runs(Arc<[AtomicUsize; 8]>);

impl Runs {
    fn hit(&self, i: usize) {
        self.0[i].fetch_add(1, Ordering::SeqCst);
    }
}

#[cors(origins = "*", methods = [GET], expose = ["x-total-count"])]
async fn public_list(
    State(runs): State<Runs>,
) -> ([(&'static str, &'static str); 2], &'static str) {
    runs.hit(0);
    (
        [("x-total-count", "2"), ("x-secret", "not exposed")],
        "[\"apple\",\"pear\"]",
    )
}

#[cors(origins = ["http://127.0.0.1:7000", "http://localhost:7000"], methods = [GET], credentials)]
async fn account(State(runs): State<Runs>, headers: axum::http::HeaderMap) -> String {
    runs.hit(1);
    let cookie = headers
        .get("cookie")
        .and_then(|c| c.to_str().ok())
        .unwrap_or("none");
    format!("cookie seen by the server: {cookie}")
}

#[derive(Deserialize)]
struct Item {
    name: String,
}

#[cors(origins = ["http://127.0.0.1:7000", "http://localhost:7000"], methods = [POST],
       headers = ["content-type"], credentials)]
async fn create(State(runs): State<Runs>, Json(item): Json<Item>) -> (StatusCode, String) {
    runs.hit(2);
    (StatusCode::CREATED, format!("created {}", item.name))
}

#[cors(origins = ["http://127.0.0.1:7000", "http://localhost:7000"], methods = [PUT], headers = ["x-request-id"])]
async fn update(State(runs): State<Runs>) -> &'static str {
    runs.hit(3);
    "updated"
}

async fn remove(State(runs): State<Runs>) -> StatusCode {
    runs.hit(4);
    StatusCode::NO_CONTENT
}

#[cors(origins = ["https://somewhere-else.example"], methods = [GET], refuse_disallowed)]
async fn strict(State(runs): State<Runs>) -> &'static str {
    runs.hit(5);
    "you should not read this"
}

async fn no_cors(State(runs): State<Runs>) -> &'static str {
    runs.hit(6);
    "a route without CORS"
}

#[cors(origins = "*", methods = [GET])]
async fn run_counts(State(runs): State<Runs>) -> Json<Vec<usize>> {
    Json(runs.0.iter().map(|r| r.load(Ordering::SeqCst)).collect())
}

fn api() -> Router {
    Router::new()
        .route("/items", get(public_list).post(create).into())
        .route("/items/1", put(update).into())
        .route("/items/1", delete(remove).into())
        .route("/account", get(account).into())
        .route("/strict", get(strict).into())
        .route("/plain", axum::routing::get(no_cors))
        .route("/runs", get(run_counts).into())
        .with_state(Runs::default())
}

const PAGE: &str = include_str!("playground.html");

fn port(var: &str, default: u16) -> u16 {
    std::env::var(var)
        .ok()
        .and_then(|p| p.parse().ok())
        .unwrap_or(default)
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let (page_port, api_port) = (
        port("PLAYGROUND_PAGE_PORT", 7000),
        port("PLAYGROUND_API_PORT", 7001),
    );
    let api_listener = tokio::net::TcpListener::bind(("127.0.0.1", api_port)).await?;
    let page_listener = tokio::net::TcpListener::bind(("127.0.0.1", page_port)).await?;
    let page = PAGE.replace("__API__", &format!("http://127.0.0.1:{api_port}"));
    let page_app = Router::new().route("/", axum::routing::get(move || async move { Html(page) }));
    println!("API  on http://127.0.0.1:{api_port}");
    println!("Open http://127.0.0.1:{page_port}/ in a browser (the page runs cross-origin fetches against the API)");
    if page_port != 7000 {
        println!("note: the credentialed policies list the page origins on port 7000; other page ports show them refused");
    }
    let api = axum::serve(api_listener, api());
    let page = axum::serve(page_listener, page_app);
    tokio::select! {
        r = api => r,
        r = page => r,
        _ = tokio::signal::ctrl_c() => Ok(()),
    }
}
