use cors_runtime::cors;

#[cors(origins = ["https://app.example.com:65536"])]
async fn handler() {}

fn main() {}
