use cors_runtime::cors;

#[cors(policy, methods = [GET])]
async fn list() {}

fn main() {}
