// `#[utoipa::path]` written above `#[cors]` documents the handler as usual: utoipa reads the function as
// written and adds its own `__path_list_items` item beside it, which `#[derive(OpenApi)]` finds.
use axum::{extract::Path, Json};
use cors_runtime::{cors, routing::get, Router};
use utoipa::OpenApi;

/// The items of a list.
#[utoipa::path(
    get,
    path = "/lists/{id}/items",
    params(("id" = u32, Path, description = "The list")),
    responses((status = 200, description = "The items", body = [String]))
)]
#[cors(origins = ["https://app.example.com"], methods = [GET], max_age = 600)]
async fn list_items(Path(id): Path<u32>) -> Json<Vec<String>> {
    Json(vec![format!("item of {id}")])
}

#[derive(OpenApi)]
#[openapi(paths(list_items))]
struct ApiDoc;

fn main() {
    let _app: Router = Router::new().route("/lists/{id}/items", get(list_items));
    let doc = ApiDoc::openapi();
    let item = doc.paths.paths.get("/lists/{id}/items").expect("the path is documented");
    let get = item.get.as_ref().expect("under GET");
    assert_eq!(get.operation_id.as_deref(), Some("list_items"));
    assert_eq!(get.summary.as_deref(), Some("The items of a list."));
}
