use cors_runtime::cors;

// Names in `origins` are `RuntimeOrigins` statics; a string constant is not one.
static ORIGIN: &str = "https://app.example.com";

#[cors(origins = [ORIGIN])]
async fn profile() {}

fn main() {}
