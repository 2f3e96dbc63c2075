use cors_runtime::cors;

#[cors(methods = [GET])]
async fn handler() {}

fn main() {}
