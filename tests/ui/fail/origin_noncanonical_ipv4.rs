use cors_runtime::cors;

#[cors(origins = ["http://127.1:8080"])]
async fn handler() {}

fn main() {}
