// A number is not an extractor, whatever the router's state: reported at the argument, with the extractors that
// would take it from the request.
use cors_runtime::cors;

#[cors(origins = ["https://app.example.com"])]
async fn show(id: u32, name: &str) -> String {
    format!("{id} {name}")
}

fn main() {}
