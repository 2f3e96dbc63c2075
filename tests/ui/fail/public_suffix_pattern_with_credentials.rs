use cors_runtime::cors;

#[cors(origins = ["https://*.github.io"], credentials)]
async fn handler() {}

fn main() {}
