//! The policies of docs/recipes.md, compiled (and routed) as written there.
use cors_runtime::Router;
use cors_runtime::routing::get;
use cors_runtime::{cors, cors_policy, RuntimeOrigins};

// The `after_request` recipe, while debugging: echo the (listed) origin with credentials, echo the requested
// headers, cache preflights for one second.
#[cors(origins = ["http://localhost:5173", "https://app.example.com"], credentials, headers = "*", max_age = 1)]
async fn debug_endpoint() -> &'static str {
    "ok"
}

// The request-init recipe, as one policy shared by every handler of the service.
cors_policy! {
    WEB(
        origins = ["https://app.example.com"],
        headers = ["content-type", "authorization"],
        credentials,
        refuse_disallowed,
    );
}

#[cors(policy = WEB)]
async fn list() -> &'static str {
    "[]"
}

#[cors(policy = WEB)]
async fn create() -> &'static str {
    "created"
}

// The same recipe on a single handler, methods spelled out as the hook did.
#[cors(origins = ["https://app.example.com"], methods = [POST, GET, DELETE, PUT],
       headers = ["content-type", "authorization"], credentials, refuse_disallowed)]
async fn everything() -> &'static str {
    "ok"
}

// A public, read-only API.
#[cors(origins = "*", methods = [GET], expose = ["x-total-count"], max_age = 86400)]
async fn public_data() -> &'static str {
    "[]"
}

// Production origin at compile time, each deployment's own origins from the environment.
static DEPLOYMENT: RuntimeOrigins = RuntimeOrigins::new();

#[cors(origins = ["https://app.example.com", DEPLOYMENT], credentials, max_age = 600)]
async fn account() -> &'static str {
    "{}"
}

fn main() {
    let _app: Router = Router::new()
        .route("/debug", get(debug_endpoint))
        .route("/items", get(list).post(create))
        .route("/everything", get(everything).post(everything).put(everything).delete(everything))
        .route("/public", get(public_data))
        .route("/account", get(account));
}
