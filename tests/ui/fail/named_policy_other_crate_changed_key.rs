// A handler cannot change a key that a named policy from another crate sets, as with one of its own crate.
use cors_runtime::cors;

#[cors(policy = shared_policies::policies::WEB, max_age = 5)]
async fn list_projects() -> &'static str {
    "[]"
}

fn main() {}
