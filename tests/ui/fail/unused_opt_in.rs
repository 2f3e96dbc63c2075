use cors_runtime::cors;

#[cors(origins = ["https://app.example.com"], credentials, dangerously_allow_insecure_origins)]
async fn handler() {}

fn main() {}
