use cors_runtime::{cors, cors_policy};

cors_policy! {
    APP(origins = ["https://app.example.com"], credentials, max_age = 600);
}

#[cors(policy = APP, max_age = 5)]
async fn list() {}

fn main() {}
