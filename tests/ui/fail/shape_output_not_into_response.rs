// What the handler returns must be a response.
use cors_runtime::{cors, routing::get, Router};

struct Item;

#[cors(origins = ["https://app.example.com"])]
async fn show() -> Item {
    Item
}

fn main() {
    let _app: Router = Router::new().route("/", get(show));
}
