use cors_runtime::cors;

#[cors(origins = ["https://app.example.com?x=1"])]
async fn handler() {}

fn main() {}
