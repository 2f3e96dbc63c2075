use cors_runtime::cors;

#[cors(origins = "*", credentials)]
async fn handler() {}

fn main() {}
