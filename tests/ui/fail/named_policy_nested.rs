use cors_runtime::cors_policy;

cors_policy! {
    APP(origins = ["https://app.example.com"]);
    ADMIN(policy = APP, credentials);
}

fn main() {}
