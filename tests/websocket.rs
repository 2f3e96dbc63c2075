//! WebSocket handshakes, which browsers send without any CORS check, are held to the route's own policy: a
//! disallowed origin (`null` and malformed ones included) gets 403 before any layer or the handler runs; an
//! allowed origin, the API's own, and a client without `Origin` upgrade. Real connections over loopback.

use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::{from_fn_with_state, Next};
use axum::response::Response;
use cors_runtime::routing::get;
use cors_runtime::{cors, Router, RuntimeOrigins};
use futures_util::{SinkExt, StreamExt};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::{self, Error};

static PARTNERS: RuntimeOrigins = RuntimeOrigins::new();

#[derive(Clone, Default)]
struct Counts {
    handler: Arc<AtomicUsize>,
    middleware: Arc<AtomicUsize>,
}

#[cors(origins = ["https://app.example.com", PARTNERS], credentials)]
async fn ws(State(counts): State<Counts>, ws: WebSocketUpgrade) -> Response {
    counts.handler.fetch_add(1, Ordering::SeqCst);
    ws.on_upgrade(echo)
}

async fn echo(mut socket: WebSocket) {
    while let Some(Ok(Message::Text(text))) = socket.recv().await {
        if socket.send(Message::Text(text)).await.is_err() {
            break;
        }
    }
}

/// A bearer check that counts what reaches it: a refused handshake must not.
async fn require_bearer(
    State(counts): State<Counts>,
    req: Request,
    next: Next,
) -> Result<Response, StatusCode> {
    counts.middleware.fetch_add(1, Ordering::SeqCst);
    let bearer = req.headers().get("authorization").is_some();
    // Browsers cannot set headers on `new WebSocket(...)`: a real app reads a token from the query or a cookie.
    let query_token = req.uri().query().is_some_and(|q| q.contains("token="));
    if bearer || query_token {
        Ok(next.run(req).await)
    } else {
        Err(StatusCode::UNAUTHORIZED)
    }
}

async fn serve() -> (String, Counts) {
    let counts = Counts::default();
    let app = Router::new()
        .route("/ws", get(ws))
        .layer(from_fn_with_state(counts.clone(), require_bearer))
        .with_state(counts.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (format!("ws://{addr}/ws?token=t"), counts)
}

/// Opens a WebSocket with these extra handshake headers; sends "hi" and returns the echo, or the HTTP status
/// of a refused handshake.
async fn connect(url: &str, headers: &[(&'static str, &'static str)]) -> Result<String, u16> {
    let mut req = url.into_client_request().unwrap();
    for (name, value) in headers {
        req.headers_mut()
            .append(*name, http::HeaderValue::from_static(value));
    }
    match tokio_tungstenite::connect_async(req).await {
        Ok((mut socket, _)) => {
            socket.send(tungstenite::Message::text("hi")).await.unwrap();
            let echo = socket.next().await.unwrap().unwrap();
            Ok(echo.into_text().unwrap().to_string())
        }
        Err(Error::Http(res)) => Err(res.status().as_u16()),
        Err(other) => panic!("{other}"),
    }
}

#[tokio::test]
async fn an_allowed_origin_upgrades() {
    let (url, counts) = serve().await;
    assert_eq!(
        connect(&url, &[("origin", "https://app.example.com")]).await,
        Ok("hi".into())
    );
    assert_eq!(counts.handler.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn a_disallowed_origin_is_refused_before_the_middleware_and_the_handler() {
    let (url, counts) = serve().await;
    assert_eq!(
        connect(&url, &[("origin", "https://evil.example.com")]).await,
        Err(403)
    );
    assert_eq!(
        counts.handler.load(Ordering::SeqCst),
        0,
        "the handler never ran"
    );
    assert_eq!(
        counts.middleware.load(Ordering::SeqCst),
        0,
        "nor the bearer check"
    );
}

#[tokio::test]
async fn a_null_origin_is_refused() {
    let (url, counts) = serve().await;
    assert_eq!(connect(&url, &[("origin", "null")]).await, Err(403));
    assert_eq!(counts.handler.load(Ordering::SeqCst), 0);
}

#[tokio::test]
async fn a_malformed_origin_is_refused() {
    let (url, counts) = serve().await;
    let two = [
        ("origin", "https://app.example.com"),
        ("origin", "https://app.example.com"),
    ];
    assert_eq!(connect(&url, &two).await, Err(403), "two Origin lines");
    assert_eq!(
        connect(&url, &[("origin", "https://APP.example.com")]).await,
        Err(403)
    );
    assert_eq!(counts.handler.load(Ordering::SeqCst), 0);
}

#[tokio::test]
async fn a_client_without_origin_upgrades() {
    // Not a browser: CORS never stopped such clients; the handler's own authentication does.
    let (url, counts) = serve().await;
    assert_eq!(connect(&url, &[]).await, Ok("hi".into()));
    assert_eq!(counts.handler.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn the_apis_own_origin_upgrades() {
    // Browsers send `Origin` on same-origin handshakes too, with `Sec-Fetch-Site: same-origin`.
    let (url, _) = serve().await;
    let same = [
        ("origin", "https://api.example.com"),
        ("sec-fetch-site", "same-origin"),
    ];
    assert_eq!(connect(&url, &same).await, Ok("hi".into()));
}

#[tokio::test]
async fn an_origin_set_at_run_time_counts() {
    let (url, _) = serve().await;
    let partner = [("origin", "https://partner.example.com")];
    if !PARTNERS.is_set() {
        assert_eq!(
            connect(&url, &partner).await,
            Err(403),
            "before the slot is filled"
        );
        let _ = PARTNERS.set_list("https://partner.example.com");
    }
    assert_eq!(connect(&url, &partner).await, Ok("hi".into()));
}

#[tokio::test]
async fn a_handler_with_a_public_policy_upgrades_for_any_origin() {
    #[cors(origins = "*")]
    async fn public(ws: WebSocketUpgrade) -> Response {
        ws.on_upgrade(echo)
    }
    let app = Router::new().route("/ws", get(public));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    let url = format!("ws://{addr}/ws");
    assert_eq!(
        connect(&url, &[("origin", "https://any.example.net")]).await,
        Ok("hi".into())
    );
}
