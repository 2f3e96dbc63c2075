use cors_runtime::cors;

#[cors(origins = ["https://app.example.com/api"])]
async fn handler() {}

fn main() {}
