// Attributes on an annotated handler keep their meaning: `#[cfg]` removes the whole handler (written under
// `#[cors]` as well as above it), `#[deprecated]` warns where the handler is named, and the expansion itself
// adds no warning (`deny(warnings)`).
#![deny(warnings)]

use cors_runtime::{cors, routing::get, Router};

#[cors(origins = ["https://app.example.com"])]
#[cfg(any())]
async fn configured_out() -> &'static str {
    "never compiled"
}

// Nothing of the handler above is left: this would be a duplicate definition otherwise.
fn configured_out() {}

#[cfg(any())]
#[cors(origins = ["https://app.example.com"])]
async fn also_out() {}

fn also_out() {}

#[cors(origins = ["https://app.example.com"])]
#[cfg(all())]
async fn configured_in() -> &'static str {
    "here"
}

/// Kept for old clients.
#[cors(origins = ["https://app.example.com"])]
#[deprecated(note = "use `configured_in`")]
async fn old() -> &'static str {
    "old"
}

#[allow(deprecated)]
fn app() -> Router {
    Router::new()
        .route("/in", get(configured_in))
        .route("/old", get(old))
}

fn main() {
    configured_out();
    also_out();
    let _app = app();
}
