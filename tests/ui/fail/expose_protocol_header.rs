use cors_runtime::cors;

#[cors(origins = ["https://app.example.com"], expose = ["access-control-allow-origin"])]
async fn handler() {}

fn main() {}
