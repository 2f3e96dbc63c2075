use cors_runtime::cors_policy;

cors_policy! {
    pub APP(origins = ["https://app.example.com"]);
}

fn main() {}
