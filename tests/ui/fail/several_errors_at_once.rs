use cors_runtime::cors;

#[cors(origins = ["https://app.example.com/", "null"], methods = [get], max_age = 100000)]
async fn handler() {}

fn main() {}
