use cors_runtime::cors;

#[cors(origins = "*", credentials, dangerously_reflect_any_origin)]
async fn reflect_any() {}

#[cors(origins = ["http://intranet.example.com"], credentials, dangerously_allow_insecure_origins)]
async fn insecure() {}

#[cors(origins = ["https://*.github.io"], credentials, dangerously_allow_public_suffix_patterns)]
async fn suffix() {}

#[cors(origins = ["http://localhost:3000", "http://127.0.0.1:*", "http://[::1]:*"], credentials)]
async fn loopback_needs_no_opt_in() {}

#[cors(origins = ["https://*.github.io"])]
async fn suffix_without_credentials() {}

fn main() {}
