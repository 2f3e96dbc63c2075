use cors_runtime::cors;

#[cors(origins = ["http://app.example.com"], credentials)]
async fn handler() {}

fn main() {}
