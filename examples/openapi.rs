//! An OpenAPI document collected from annotated handlers: each handler carries `#[utoipa::path]` (its path,
//! method and responses) above `#[cors]` (its policy), and `routes!` reads both, so no path is written twice
//! (cargo feature `utoipa` of `cors-runtime`). The document is served at `/api-docs/openapi.json`.
//!
//! ```text
//! cargo run --example openapi            # listens on 127.0.0.1:$PORT (default 7040)
//! curl -s http://127.0.0.1:7040/api-docs/openapi.json
//! curl -i -X OPTIONS http://127.0.0.1:7040/todos/3 -H 'Origin: https://admin.example.com' \
//!      -H 'Access-Control-Request-Method: DELETE'
//! ```

use axum::extract::Path;
use axum::http::StatusCode;
use axum::Json;
use cors_runtime::openapi::OpenApiRouter;
use cors_runtime::{cors, routes, Router};
use serde::{Deserialize, Serialize};
use utoipa::{OpenApi, ToSchema};

#[derive(Clone, Serialize, Deserialize, ToSchema)]
struct Todo {
    title: String,
}

/// The todos.
#[utoipa::path(get, path = "/todos", responses((status = 200, description = "Every todo", body = [Todo])))]
#[cors(origins = ["https://app.example.com"])]
async fn list_todos() -> Json<Vec<Todo>> {
    Json(vec![Todo {
        title: "write the policy on the handler".into(),
    }])
}

/// Adds a todo.
#[utoipa::path(post, path = "/todos", request_body = Todo, responses((status = 201, description = "Created", body = Todo)))]
#[cors(origins = ["https://app.example.com"], headers = ["content-type"])]
async fn create_todo(Json(todo): Json<Todo>) -> (StatusCode, Json<Todo>) {
    (StatusCode::CREATED, Json(todo))
}

/// Deletes a todo.
#[utoipa::path(delete, path = "/todos/{id}", params(("id" = u32, Path, description = "The todo")), responses((status = 204, description = "Deleted")))]
#[cors(origins = ["https://admin.example.com"])]
async fn delete_todo(Path(id): Path<u32>) -> StatusCode {
    let _ = id;
    StatusCode::NO_CONTENT
}

#[derive(OpenApi)]
#[openapi(info(
    title = "Todos",
    description = "A todo API whose handlers carry their CORS policies"
))]
struct ApiDoc;

fn app() -> Router {
    let (router, api) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(list_todos, create_todo))
        .routes(routes!(delete_todo))
        .split_for_parts();
    router.route(
        "/api-docs/openapi.json",
        axum::routing::get(move || async move { Json(api) }),
    )
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
        Err(_) => 7040,
    };
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
    println!("listening on http://{}", listener.local_addr()?);
    axum::serve(listener, app()).await
}
