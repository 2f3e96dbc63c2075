use cors_runtime::cors;

#[cors(origins = ["HTTPS://app.example.com"])]
async fn handler() {}

fn main() {}
