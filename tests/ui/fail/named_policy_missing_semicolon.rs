use cors_runtime::cors_policy;

cors_policy! {
    APP(origins = ["https://app.example.com"])
    ADMIN(origins = ["https://admin.example.com"]);
}

fn main() {}
