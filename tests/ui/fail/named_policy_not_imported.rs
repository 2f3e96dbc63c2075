// A named policy declared in another module is named by its path, or imported: rustc says where it is.
use cors_runtime::cors;

mod policies {
    cors_runtime::cors_policy! {
        pub(crate) APP(origins = ["https://app.example.com"]);
    }
}

#[cors(policy = APP)]
async fn list() {}

fn main() {}
