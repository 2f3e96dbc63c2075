use cors_runtime::cors;

#[cors(origins = ["https://app.example.com"], headers = ["origin"])]
async fn handler() {}

fn main() {}
