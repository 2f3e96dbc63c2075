//! Origins set at run time, alone or beside literal origins, in credentialed and public policies.
use cors_runtime::Router;
use cors_runtime::{cors, routing::get, runtime_origins::NoCredentials, RuntimeOrigins};

mod config {
    pub static DEPLOYMENT: cors_runtime::RuntimeOrigins = cors_runtime::RuntimeOrigins::new();
}
static INTRANET: RuntimeOrigins<NoCredentials> = RuntimeOrigins::new();

#[cors(origins = ["https://app.example.com", config::DEPLOYMENT], credentials)]
async fn profile() -> &'static str {
    "{}"
}

#[cors(origins = [INTRANET, config::DEPLOYMENT])]
async fn status() -> &'static str {
    "ok"
}

#[cors(origins = config::DEPLOYMENT, methods = [GET])]
async fn list() -> &'static str {
    "[]"
}

fn main() -> Result<(), cors_runtime::OriginsError> {
    config::DEPLOYMENT.set_list("https://staging.example.com")?;
    INTRANET.set_list("http://dashboard.corp.internal:8080")?;
    let _app: Router = Router::new()
        .route("/profile", get(profile))
        .route("/status", get(status))
        .route("/list", get(list));
    Ok(())
}
