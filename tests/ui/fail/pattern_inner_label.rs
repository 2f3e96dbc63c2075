use cors_runtime::cors;

#[cors(origins = ["https://api.*.example.com"])]
async fn handler() {}

fn main() {}
