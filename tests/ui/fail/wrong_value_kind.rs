use cors_runtime::cors;

#[cors(origins = [1], max_age = "600")]
async fn handler() {}

fn main() {}
