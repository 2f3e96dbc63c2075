use cors_runtime::cors;

#[cors(origins = ["https://app.example.com"], origins = ["https://admin.example.com"])]
async fn handler() {}

fn main() {}
