use cors_runtime::cors;

#[cors(origins = ["https://app.example.com"], headers = ["X-Request-Id", "x-request-id"])]
async fn handler() {}

fn main() {}
