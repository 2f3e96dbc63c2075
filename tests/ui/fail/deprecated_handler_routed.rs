// `#[deprecated]` on an annotated handler warns where the handler is routed (here an error, by `deny`), as it
// would on a plain function; the generated code does not trip it.
#![deny(deprecated)]

use cors_runtime::{cors, routing::get, Router};

#[cors(origins = ["https://app.example.com"])]
#[deprecated(note = "use `list_items_v2`")]
async fn list_items() -> &'static str {
    "[]"
}

fn main() {
    let _app: Router = Router::new().route("/items", get(list_items));
}
