// `#[axum::debug_handler]` goes under `#[cors]`, where it checks the function as written. Above it, it checks
// a copy that `#[cors]` expands too, whose call is an `impl Cors` and not a future (which is what keeps axum's
// own routing from taking the handler). Fix: move `#[axum::debug_handler]` under `#[cors]`.
use cors_runtime::cors;

#[axum::debug_handler]
#[cors(origins = ["https://app.example.com"])]
async fn show() -> &'static str {
    "ok"
}

fn main() {}
