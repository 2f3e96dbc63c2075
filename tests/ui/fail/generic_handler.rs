use cors_runtime::cors;

#[cors(origins = ["https://app.example.com"])]
async fn handler<T: Send>(_: axum::extract::State<T>) {}

fn main() {}
