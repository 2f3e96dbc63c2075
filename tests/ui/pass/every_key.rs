use cors_runtime::Router;
use cors_runtime::{cors, policy_of, routing::get};

#[cors(
    origins = ["https://app.example.com", "https://*.staging.example.com", "http://localhost:*", "https://[::1]:8443"],
    methods = [GET, "PURGE"],
    headers = ["content-type", "authorization", "X-Request-Id"],
    expose = ["x-total-count"],
    credentials,
    max_age = 600,
    preflight_status = 200,
    refuse_disallowed,
)]
async fn list_items() -> &'static str {
    "[]"
}

fn main() {
    let policy = policy_of(list_items);
    assert!(policy.credentials() && policy.refuse_disallowed());
    let _app: Router = Router::new().route("/items", get(list_items));
}
