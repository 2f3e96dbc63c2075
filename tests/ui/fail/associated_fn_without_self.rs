// A handler is a free function: move it out of the `impl` (a `#[cors]` handler becomes a struct, and an `impl`
// cannot hold one). A proc macro cannot see that it sits in an `impl`, so the first error is rustc's, at the
// attribute, with the fix ("consider moving the struct out to a nearby module scope"); the others follow from it.
use cors_runtime::cors;

struct Api;

impl Api {
    #[cors(origins = ["https://app.example.com"])]
    async fn list() -> &'static str {
        "[]"
    }
}

fn main() {
    let _ = Api;
}
