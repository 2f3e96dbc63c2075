//! Origins known only at run time: the staging/production split, from the environment.
//!
//! ```text
//! CORS_ORIGINS="https://staging.example.com, https://*.preview.example.com" cargo run --example runtime_origins
//! CORS_ORIGINS="http://staging.example.com" cargo run --example runtime_origins   # refused: names the entry
//! ```
//!
//! The attribute's own origins are always allowed; `DEPLOYMENT` adds the ones of this deployment. Its entries
//! are checked by the attribute's rules when it is filled (before the router is built), so a typo stops the
//! service at start-up with an error that names the entry, not at the first request.

use cors_runtime::Router;
use cors_runtime::{cors, routing::get, OriginsError, RuntimeOrigins};

/// Filled from `CORS_ORIGINS` at start-up; names in `origins = [...]` beside literal origins.
static DEPLOYMENT: RuntimeOrigins = RuntimeOrigins::new();

#[cors(origins = ["https://app.example.com", DEPLOYMENT], methods = [GET], credentials)]
async fn me() -> &'static str {
    "{\"name\":\"Ada\"}"
}

fn app() -> Result<Router, OriginsError> {
    match DEPLOYMENT.set_from_env("CORS_ORIGINS") {
        // Unset: this deployment adds no origin (use `?` instead to require the variable).
        Err(OriginsError::EnvMissing(_)) => {}
        other => other?,
    }
    Ok(Router::new().route("/me", get(me)))
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let app = app().map_err(|e| format!("CORS configuration: {e}"))?;
    println!("extra origins: {DEPLOYMENT:?}");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:3000").await?;
    println!("listening on http://{}", listener.local_addr()?);
    axum::serve(listener, app).await?;
    Ok(())
}
