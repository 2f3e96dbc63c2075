use cors_runtime::cors;

#[cors(origins = "*", refuse_disallowed)]
async fn handler() {}

fn main() {}
