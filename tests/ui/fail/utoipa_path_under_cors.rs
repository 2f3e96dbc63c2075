// `#[utoipa::path]` goes above `#[cors]`: under it, the item utoipa generates would be hidden inside the
// expansion of `#[cors]`, where `#[derive(OpenApi)]` cannot find it.
use cors_runtime::cors;
use utoipa::OpenApi;

#[cors(origins = ["https://app.example.com"])]
#[utoipa::path(get, path = "/items", responses((status = 200, description = "The items")))]
async fn list_items() -> &'static str {
    "[]"
}

#[derive(OpenApi)]
#[openapi(paths(list_items))]
struct ApiDoc;

fn main() {
    let _ = ApiDoc::openapi();
}
