//! An access log that sees every request, preflights included: an observer in front of CORS
//! (`Router::observe`), while the bearer check stays behind it (`Router::layer`), where preflights never reach
//! it. One line per request on stdout: `access: METHOD PATH STATUS`.
//!
//! ```text
//! cargo run --example access_log            # listens on 127.0.0.1:$PORT (default 7030)
//! curl -i -X OPTIONS http://127.0.0.1:7030/todos -H 'Origin: https://app.example.com' \
//!      -H 'Access-Control-Request-Method: POST' -H 'Access-Control-Request-Headers: authorization,content-type'
//!                                           # access: OPTIONS /todos 204
//! curl -i http://127.0.0.1:7030/todos -H 'Origin: https://app.example.com'   # access: GET /todos 401
//! ```

use axum::extract::Request;
use axum::http::{header, StatusCode};
use axum::middleware::{from_fn, Next};
use axum::response::{IntoResponse, Response};
use axum::Json;
use cors_runtime::routing::get;
use cors_runtime::{cors, Router};
use std::io::Write;

#[cors(origins = ["https://app.example.com"], headers = ["content-type", "authorization"], credentials)]
async fn list_todos() -> Json<Vec<&'static str>> {
    Json(vec!["write the policy on the handler"])
}

#[cors(origins = ["https://app.example.com"], headers = ["content-type", "authorization"], credentials)]
async fn create_todo(body: String) -> (StatusCode, String) {
    (StatusCode::CREATED, body)
}

/// 401 for every request without `Authorization: Bearer <non-empty>`.
async fn require_bearer(req: Request, next: Next) -> Response {
    let token = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .filter(|token| !token.trim().is_empty());
    match token {
        Some(_) => next.run(req).await,
        None => (StatusCode::UNAUTHORIZED, "missing bearer token").into_response(),
    }
}

/// `access: METHOD PATH STATUS`, flushed, for every request.
async fn access_log(req: Request, next: Next) -> Response {
    let (method, path) = (req.method().clone(), req.uri().path().to_owned());
    let res = next.run(req).await;
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "access: {method} {path} {}", res.status().as_u16());
    let _ = out.flush();
    res
}

fn app() -> axum::Router {
    Router::new()
        .route("/todos", get(list_todos).post(create_todo))
        .layer(from_fn(require_bearer)) // behind CORS: preflights never reach it
        .observe(from_fn(access_log)) // in front of CORS: sees every request
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
        Err(_) => 7030,
    };
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
    println!("listening on http://{}", listener.local_addr()?);
    axum::serve(listener, app()).await
}
