// A generic handler, routed as axum routes one: with its type parameters given (`get(show::<AppState>)`).
use axum::extract::{FromRef, State};
use cors_runtime::{cors, routing::get, Router};

#[derive(Clone)]
struct AppState {
    name: String,
}

trait Named {
    fn name(&self) -> String;
}

impl Named for AppState {
    fn name(&self) -> String {
        self.name.clone()
    }
}

#[cors(origins = ["https://app.example.com"], methods = [GET])]
async fn show<T>(State(state): State<T>) -> String
where
    T: Named + Clone + Send + Sync + 'static,
{
    state.name()
}

#[derive(Clone)]
struct Outer {
    inner: AppState,
}

impl FromRef<Outer> for AppState {
    fn from_ref(outer: &Outer) -> AppState {
        outer.inner.clone()
    }
}

fn main() {
    let _app: Router = Router::new()
        .route("/name", get(show::<AppState>))
        .with_state(Outer { inner: AppState { name: "a".into() } });
    let _ = async {
        let name: String = show(State(AppState { name: "b".into() })).await;
        assert_eq!(name, "b");
    };
}
