// `#[axum::debug_handler]` under `#[cors]` still checks the handler with its own rules: two `Path` extractors,
// which only debug_handler explains.
use axum::extract::Path;
use cors_runtime::cors;

#[cors(origins = ["https://app.example.com"])]
#[axum::debug_handler]
async fn show(Path(a): Path<u32>, Path(b): Path<u32>) -> String {
    format!("{a}/{b}")
}

fn main() {}
