// Every method of `cors_runtime::Router` that mirrors axum's, used as an axum app uses them, and served with
// `axum::serve` as it is.
use axum::extract::Request;
use axum::middleware::{from_fn, Next};
use axum::response::Response;
use cors_runtime::routing::{any, delete, get, head, options, patch, post, put};
use cors_runtime::{cors, Router};

#[cors(origins = ["https://app.example.com"])]
async fn annotated() -> &'static str {
    "ok"
}

async fn plain() -> &'static str {
    "plain"
}

async fn pass(req: Request, next: Next) -> Response {
    next.run(req).await
}

#[derive(Clone)]
struct AppState;

fn app() -> Router {
    let api: Router<AppState> = Router::new()
        .route("/a", get(annotated).post(annotated).put(annotated))
        .route("/a", patch(annotated).delete(plain))
        .route("/b", head(annotated))
        .route("/c", options(plain))
        .route("/d", any(annotated))
        .route("/e", post(plain))
        .route("/e", put(annotated))
        .route("/f", delete(annotated).layer(from_fn(pass)))
        .route("/g", axum::routing::get(plain))
        .route_layer(from_fn(pass))
        .layer(from_fn(pass));
    let other: Router<AppState> = Router::default()
        .route("/a", options(plain))
        .route_service("/svc", axum::routing::get(plain).with_state(()))
        .nest_service("/static", axum::Router::new().route("/x", axum::routing::get(plain)));
    let merged = api.merge(other).method_not_allowed_fallback(plain);
    assert!(merged.has_routes());
    Router::new()
        .nest("/api", merged)
        .fallback(plain)
        .with_state(AppState)
}

#[allow(dead_code)]
async fn serve() -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    axum::serve(listener, app()).await?;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    axum::serve(listener, app().into_make_service()).await?;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    axum::serve(
        listener,
        app().into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .await?;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    axum::serve(listener, Router::new().fallback_service(axum::routing::get(plain)).with_state(())).await
}

fn main() {
    let _ = app();
}
