//! Runs one scenario `N` times, for instruction counts under valgrind (see `scripts/instructions`).
//!
//! `instructions <scenario> <n>`; only `measured_request` is counted (`--toggle-collect`).
//! Under `cargo bench`/`cargo test` (no scenario argument) it runs every scenario once as a smoke test.

#[path = "support/scenarios.rs"]
mod scenarios;

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let (wanted, n) = match args.as_slice() {
        [name, n] => (Some(name.clone()), n.parse().expect("N must be a number")),
        _ => (None, 1),
    };
    for (name, router, kind) in scenarios::all() {
        if wanted.as_deref().is_some_and(|w| w != name) {
            continue;
        }
        // One warm-up request outside the counted region of interest (lazy initialisation, first clones).
        drop(scenarios::measured_request(
            &router,
            scenarios::request(kind),
        ));
        for _ in 0..n {
            let req = scenarios::request(kind);
            drop(std::hint::black_box(scenarios::measured_request(
                &router, req,
            )));
        }
    }
}
