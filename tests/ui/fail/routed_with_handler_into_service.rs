// `.into_service()` (axum's `HandlerWithoutStateExt`): the method does not exist for an annotated handler,
// which is not an axum `Handler`. Fix: route it with `cors_runtime::routing` on a `cors_runtime::Router`.
use axum::handler::HandlerWithoutStateExt;
use cors_runtime::cors;

#[cors(origins = ["https://app.example.com"])]
async fn list_items() {}

fn main() {
    let _service = list_items.into_service();
}
