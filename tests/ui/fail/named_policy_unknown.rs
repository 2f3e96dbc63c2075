// A named policy is a macro that `cors_policy!` declares, so an unknown name is rustc's "cannot find macro":
// declare it with `cors_policy! { APP(origins = [...]); }` above its uses, or name it by path
// (`policy = crate::policies::APP`).
use cors_runtime::cors;

#[cors(policy = APP)]
async fn list() {}

fn main() {}
