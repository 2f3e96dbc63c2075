use cors_runtime::Router;
use cors_runtime::{cors, routing::post};

#[cors(origins = ["https://app.example.com"], methods = [GET])]
async fn list_items() {}

fn main() {
    let _app: Router = Router::new().route("/items", post(list_items));
}
