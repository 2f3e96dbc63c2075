use cors_runtime::cors;

#[cors(origins = ["https://app.example.com"], allow_everything)]
async fn handler() {}

fn main() {}
