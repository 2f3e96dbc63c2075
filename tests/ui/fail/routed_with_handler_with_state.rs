// `Handler::with_state`, which makes a service of the handler. Fix: route it with `cors_runtime::routing` on a
// `cors_runtime::Router`, and give the router its state with `with_state`.
use axum::handler::Handler;
use cors_runtime::cors;

#[cors(origins = ["https://app.example.com"])]
async fn list_items() {}

fn main() {
    let _service = Handler::with_state(list_items, ());
}
