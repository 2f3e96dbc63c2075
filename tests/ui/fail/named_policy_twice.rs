use cors_runtime::{cors, cors_policy};

cors_policy! {
    APP(origins = ["https://app.example.com"]);
    ADMIN(origins = ["https://admin.example.com"]);
}

#[cors(policy = APP, policy = ADMIN)]
async fn list() {}

fn main() {}
