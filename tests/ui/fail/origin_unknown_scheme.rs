use cors_runtime::cors;

#[cors(origins = ["ftp://app.example.com"])]
async fn handler() {}

fn main() {}
