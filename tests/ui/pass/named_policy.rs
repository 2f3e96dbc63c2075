//! A named policy shared by handlers in several modules; a handler adds a key the policy leaves out.
use cors_runtime::Router;
use cors_runtime::{cors, cors_policy, routing::get};

mod policies {
    cors_runtime::cors_policy! {
        /// The web app, with cookies.
        pub(crate) APP(origins = ["https://app.example.com"], credentials, max_age = 600);
        pub(crate) PUBLIC(origins = "*");
    }
}

cors_policy! {
    LOCAL(origins = ["http://localhost:*"], methods = [GET]);
}

mod api {
    use cors_runtime::cors;

    #[cors(policy = crate::policies::APP, methods = [GET], expose = ["x-total-count"])]
    pub async fn list() -> &'static str {
        "[]"
    }
}

#[cors(policy = policies::PUBLIC)]
async fn health() -> &'static str {
    "ok"
}

#[cors(policy = LOCAL)]
async fn dev() -> &'static str {
    "dev"
}

fn main() {
    let _app: Router = Router::new()
        .route("/items", get(api::list))
        .route("/health", get(health))
        .route("/dev", get(dev));
}
