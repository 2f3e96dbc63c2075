use cors_runtime::{cors, cors_policy};

// The mistake is reported once, at the declaration, not again at each handler.
cors_policy! {
    APP(origins = "*", credentials);
}

#[cors(policy = APP)]
async fn list() {}

#[cors(policy = APP)]
async fn show() {}

fn main() {}
