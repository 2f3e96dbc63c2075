use cors_runtime::cors;

#[cors(policy = APP)]
async fn list() {}

fn main() {}
