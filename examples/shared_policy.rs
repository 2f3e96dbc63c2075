//! One named policy, declared once with `cors_policy!`, shared by handlers in several modules. A handler may
//! add keys the policy leaves out (`methods`, `headers`, `expose` here), never change one it sets.
//!
//! ```text
//! cargo run --example shared_policy
//! curl -i http://127.0.0.1:3000/projects -H 'Origin: https://app.example.com'
//! curl -i -X OPTIONS http://127.0.0.1:3000/projects -H 'Origin: https://app.example.com' \
//!      -H 'Access-Control-Request-Method: POST' -H 'Access-Control-Request-Headers: content-type'
//! ```

use cors_runtime::routing::get;
use cors_runtime::Router;

mod policies {
    cors_runtime::cors_policy! {
        /// Our web app and its preview deployments, with cookies; preflights cached for ten minutes.
        pub(crate) WEB_APP(
            origins = ["https://app.example.com", "https://*.preview.example.com"],
            credentials,
            max_age = 600,
        );
        /// Anyone may read these, without cookies.
        pub(crate) PUBLIC(origins = "*");
    }
}

mod projects {
    use axum::http::StatusCode;
    use cors_runtime::cors;

    #[cors(policy = crate::policies::WEB_APP, methods = [GET], expose = ["x-total-count"])]
    pub async fn list() -> ([(&'static str, &'static str); 1], &'static str) {
        ([("x-total-count", "1")], "[\"cors-attr\"]")
    }

    #[cors(policy = crate::policies::WEB_APP, methods = [POST], headers = ["content-type"])]
    pub async fn create(body: String) -> (StatusCode, String) {
        (StatusCode::CREATED, body)
    }
}

#[cors_runtime::cors(policy = policies::PUBLIC, methods = [GET])]
async fn status() -> &'static str {
    "ok"
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let app = Router::new()
        .route("/projects", get(projects::list).post(projects::create))
        .route("/status", get(status));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:3000").await?;
    println!("listening on http://{}", listener.local_addr()?);
    axum::serve(listener, app).await
}
