use cors_runtime::cors;

#[cors(origins = ["https://app.example.com"])]
fn handler() {}

fn main() {}
