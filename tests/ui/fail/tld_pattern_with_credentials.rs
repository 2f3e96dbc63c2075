use cors_runtime::cors;

#[cors(origins = ["https://*.com"], credentials)]
async fn handler() {}

fn main() {}
