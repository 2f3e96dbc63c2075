use cors_runtime::{cors, runtime_origins::NoCredentials, RuntimeOrigins};

// A slot that accepts plain `http://` origins cannot be trusted with credentials.
static INTRANET: RuntimeOrigins<NoCredentials> = RuntimeOrigins::new();

#[cors(origins = [INTRANET], credentials)]
async fn profile() {}

fn main() {}
