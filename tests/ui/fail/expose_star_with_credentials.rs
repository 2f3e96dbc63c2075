use cors_runtime::cors;

#[cors(origins = ["https://app.example.com"], expose = "*", credentials)]
async fn handler() {}

fn main() {}
