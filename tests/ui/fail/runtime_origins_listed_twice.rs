use cors_runtime::{cors, RuntimeOrigins};

static DEPLOYMENT: RuntimeOrigins = RuntimeOrigins::new();

#[cors(origins = [DEPLOYMENT, "https://app.example.com", DEPLOYMENT])]
async fn profile() {}

fn main() {}
