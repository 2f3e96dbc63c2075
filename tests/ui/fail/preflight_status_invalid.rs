use cors_runtime::cors;

#[cors(origins = ["https://app.example.com"], preflight_status = 201)]
async fn handler() {}

fn main() {}
