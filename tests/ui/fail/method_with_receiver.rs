use cors_runtime::cors;

struct Api;

impl Api {
    #[cors(origins = ["https://app.example.com"])]
    async fn handler(&self) {}
}

fn main() {}
