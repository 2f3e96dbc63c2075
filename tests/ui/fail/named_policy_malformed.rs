use cors_runtime::cors_policy;

// A declaration is `NAME(keys of #[cors]);`.
cors_policy! {
    APP = [origins = ["https://app.example.com"]];
}

fn main() {}
