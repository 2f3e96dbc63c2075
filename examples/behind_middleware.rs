//! A JSON todo API behind the usual bearer-token middleware and a body limit, built from two routers that share
//! a path, merged and nested under `/api`. CORS stands in front of all of it: preflights are answered before the
//! bearer check (browsers never send `Authorization` on a preflight), and the middleware's own 401 and 413 carry
//! the route's CORS headers, so the front-end can read them.
//!
//! ```text
//! cargo run --example behind_middleware            # listens on 127.0.0.1:$PORT (default 7020)
//! curl -i -X OPTIONS http://127.0.0.1:7020/api/todos -H 'Origin: https://app.example.com' \
//!      -H 'Access-Control-Request-Method: POST' -H 'Access-Control-Request-Headers: authorization,content-type'
//! curl -i http://127.0.0.1:7020/api/todos -H 'Origin: https://app.example.com'          # 401, readable
//! curl -i -X POST http://127.0.0.1:7020/api/todos -H 'Origin: https://app.example.com' \
//!      -H 'Authorization: Bearer demo' -H 'Content-Type: application/json' --data "$(head -c 2000 /dev/zero | tr '\0' x)"  # 413
//! cargo run --example behind_middleware -- --cors-report   # every route's policy, one line per method and path
//! ```

use axum::extract::{Path, Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::{from_fn, Next};
use axum::response::{IntoResponse, Response};
use axum::Json;
use cors_runtime::routing::{delete, get, put};
use cors_runtime::{cors, Router};
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use tower_http::limit::RequestBodyLimitLayer;

#[derive(Clone)]
struct AppState {
    todos: Arc<Vec<Todo>>,
}

#[derive(Clone, Serialize, Deserialize)]
struct Todo {
    #[serde(default)]
    id: u32,
    title: String,
}

#[cors(origins = ["https://app.example.com"], credentials, expose = ["x-total-count"], max_age = 600)]
async fn list_todos(State(state): State<AppState>) -> impl IntoResponse {
    let count = state.todos.len().to_string();
    (
        [("x-total-count", count)],
        Json(state.todos.as_ref().clone()),
    )
}

#[cors(origins = ["https://app.example.com"], headers = ["content-type", "authorization"], credentials)]
async fn create_todo(Json(todo): Json<Todo>) -> (StatusCode, Json<Todo>) {
    (StatusCode::CREATED, Json(Todo { id: 3, ..todo }))
}

#[cors(origins = ["https://admin.example.com"], headers = ["content-type", "authorization"], credentials)]
async fn replace_todos(Json(todos): Json<Vec<Todo>>) -> Json<Vec<Todo>> {
    Json(todos)
}

#[cors(origins = ["https://admin.example.com"], headers = ["authorization"], credentials)]
async fn delete_todo(Path(_id): Path<u32>) -> StatusCode {
    StatusCode::NO_CONTENT
}

async fn health() -> &'static str {
    "ok"
}

/// The usual bearer check: 401 for every request without `Authorization: Bearer <non-empty>`.
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

pub fn app() -> Router {
    // Router A: the app's own front-end lists and creates, bodies limited to 1 KiB.
    let a = Router::new()
        .route("/todos", get(list_todos).post(create_todo))
        .layer(RequestBodyLimitLayer::new(1024));
    // Router B: the admin front-end replaces and deletes; it shares the path `/todos` with A.
    let b = Router::new()
        .route("/todos", put(replace_todos))
        .route("/todos/{id}", delete(delete_todo));
    let api = a.merge(b).layer(from_fn(require_bearer));
    let todos = vec![
        Todo {
            id: 1,
            title: "write the policy on the handler".into(),
        },
        Todo {
            id: 2,
            title: "let the compiler check it".into(),
        },
    ];
    Router::new()
        .nest("/api", api)
        .route("/health", axum::routing::get(health))
        .with_state(AppState {
            todos: Arc::new(todos),
        })
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    if std::env::args().any(|arg| arg == "--cors-report") {
        print!("{}", app().cors_report());
        return Ok(());
    }
    let port: u16 = match std::env::var("PORT") {
        Ok(port) => port.parse().map_err(|_| {
            std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                format!("PORT must be a port number, not `{port}`"),
            )
        })?,
        Err(_) => 7020,
    };
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
    println!("listening on http://{}", listener.local_addr()?);
    axum::serve(listener, app()).await
}
