// A named policy declared `pub` in another crate of the workspace (tests/fixtures/shared-policies), used by path:
// checked where it is declared, extended here with the keys it leaves out.
use cors_runtime::{cors, policy::Methods, policy_of, routing::get, Router};
use shared_policies::policies;

#[cors(policy = policies::WEB, methods = [GET], headers = ["content-type"])]
async fn list_projects() -> &'static str {
    "[]"
}

#[cors(policy = shared_policies::policies::PUBLIC)]
async fn status() -> &'static str {
    "ok"
}

fn main() {
    let _app: Router = Router::new()
        .route("/projects", get(list_projects))
        .route("/status", get(status));
    let policy = policy_of(list_projects);
    assert!(policy.credentials());
    assert_eq!(policy.max_age().unwrap(), "600");
    assert!(matches!(policy.methods(), Methods::Listed(_)));
    assert_eq!(policy.name(), "list_projects (policy WEB)");
}
