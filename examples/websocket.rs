//! A WebSocket echo guarded by the route's own CORS policy. Browsers apply no CORS check to WebSocket handshakes:
//! any page may call `new WebSocket(url)` and the connection opens whatever the server answers, so the server
//! refuses a foreign `Origin` itself (cross-site WebSocket hijacking). An upgrade from an origin the policy does
//! not allow gets 403 before any layer or the handler runs; an allowed origin, or a client without `Origin` (not
//! a browser), upgrades.
//!
//! ```text
//! cargo run --example websocket            # listens on 127.0.0.1:$PORT (default 7050)
//! curl -i http://127.0.0.1:7050/ws -H 'Origin: https://evil.example.com' -H 'Connection: upgrade' \
//!      -H 'Upgrade: websocket' -H 'Sec-WebSocket-Version: 13' -H 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ=='
//!                                          # 403
//! ```

use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::response::Response;
use cors_runtime::routing::get;
use cors_runtime::{cors, Router};

#[cors(origins = ["https://app.example.com"])]
async fn ws(upgrade: WebSocketUpgrade) -> Response {
    upgrade.on_upgrade(echo)
}

/// Sends every text message back.
async fn echo(mut socket: WebSocket) {
    while let Some(Ok(message)) = socket.recv().await {
        if let Message::Text(text) = message {
            if socket.send(Message::Text(text)).await.is_err() {
                break;
            }
        }
    }
}

async fn health() -> &'static str {
    "ok"
}

fn app() -> Router {
    Router::new()
        .route("/ws", get(ws))
        .route("/health", axum::routing::get(health))
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let port: u16 = match std::env::var("PORT") {
        Ok(port) => port.parse().map_err(|_| {
            std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                format!("PORT must be a port number, not `{port}`"),
            )
        })?,
        Err(_) => 7050,
    };
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
    println!("listening on http://{}", listener.local_addr()?);
    axum::serve(listener, app()).await
}
