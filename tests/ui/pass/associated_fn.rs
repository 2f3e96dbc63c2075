// A handler may be an associated function (without `self`): it stays a function, so an `impl` can hold it, and
// it is routed by its path.
use cors_runtime::{cors, routing::get, Router};

struct Api;

impl Api {
    #[cors(origins = ["https://app.example.com"], methods = [GET])]
    async fn list() -> &'static str {
        "[]"
    }
}

fn main() {
    let _app: Router = Router::new().route("/items", get(Api::list));
}
