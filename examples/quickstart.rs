//! The smallest service with a CORS policy on its handler.
//!
//! ```text
//! cargo run --example quickstart
//! curl -i http://127.0.0.1:3000/hello -H 'Origin: https://app.example.com'
//! curl -i -X OPTIONS http://127.0.0.1:3000/hello -H 'Origin: https://app.example.com' \
//!      -H 'Access-Control-Request-Method: GET'
//! ```

use cors_runtime::Router;
use cors_runtime::{cors, routing::get};

/// `https://app.example.com` may read this response; the preflight for it is answered automatically.
#[cors(origins = ["https://app.example.com"], methods = [GET], max_age = 600)]
async fn hello() -> &'static str {
    "hello"
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let app = Router::new().route("/hello", get(hello));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:3000").await?;
    println!("listening on http://{}", listener.local_addr()?);
    axum::serve(listener, app).await
}
