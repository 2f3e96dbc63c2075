//! The playground: an API whose handlers carry `#[cors]` policies of every kind, and a page on a second origin
//! whose `fetch()` calls show what the browser allows, what each policy says, and what the server saw.
//!
//! ```text
//! cargo run --example playground
//! ```
//! Ports: `PLAYGROUND_PAGE_PORT` (default 7000) and `PLAYGROUND_API_PORT` (default 7001), on 127.0.0.1 only.
//! `PLAYGROUND_PARTNER_ORIGINS`: the origins `/partner` allows, set at run time (default: the page's
//! `http://localhost:<page port>` origin).

mod app;

use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::EnvFilter;
use tracing_subscriber::Layer;

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
    let partners = std::env::var("PLAYGROUND_PARTNER_ORIGINS")
        .unwrap_or_else(|_| format!("http://localhost:{page_port}"));
    if let Err(e) = app::configure(&partners) {
        eprintln!("PLAYGROUND_PARTNER_ORIGINS: {e}");
        std::process::exit(2);
    }
    let api_listener = tokio::net::TcpListener::bind(("127.0.0.1", api_port)).await?;
    let page_listener = tokio::net::TcpListener::bind(("127.0.0.1", page_port)).await?;
    let api_base = format!("http://127.0.0.1:{api_port}");
    // cors_runtime says why it refuses a request in debug-level events (target `cors_runtime`): here they go to
    // the terminal, and to the page through the `Diagnostics` layer. Set RUST_LOG to change what is printed.
    let (seen, diagnostics) = app::diagnostics();
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("cors_runtime=debug"));
    tracing_subscriber::registry()
        .with(diagnostics)
        .with(tracing_subscriber::fmt::layer().with_filter(filter))
        .init();
    println!("API  on {api_base}");
    println!("Open http://127.0.0.1:{page_port}/ in a browser: the page runs cross-origin fetches against the API");
    let api = axum::serve(api_listener, app::api(seen));
    let page = axum::serve(page_listener, app::page(&api_base, page_port));
    tokio::select! {
        r = api => r,
        r = page => r,
        _ = tokio::signal::ctrl_c() => Ok(()),
    }
}
