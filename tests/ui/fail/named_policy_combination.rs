use cors_runtime::{cors, cors_policy};

// Valid alone, but the handler's key makes the merged policy wrong: the error points at the handler's key.
cors_policy! {
    APP(origins = ["https://app.example.com"], credentials);
}

#[cors(policy = APP, expose = "*")]
async fn list() {}

fn main() {}
