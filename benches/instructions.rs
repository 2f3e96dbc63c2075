//! Runs one scenario `N` times, for instruction counts under valgrind (see `scripts/instructions`).
//!
//! `instructions <scenario> <n>`; only `measured_request` is counted (`--toggle-collect`).
//! Under `cargo bench`/`cargo test` (no scenario argument) it runs every scenario once as a smoke test (the
//! route-count ones up to 20 routes).

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
    // `routes/<n>/<literal|param>/<side>`: how the cost grows with the number of routes (scripts/instructions --routes).
    for (name, routes, param, side) in scenarios::route_counts() {
        if wanted.as_deref() != Some(name.as_str()) && (wanted.is_some() || routes > 20) {
            continue;
        }
        let router = scenarios::route_count_app(routes, param, side);
        drop(scenarios::measured_request(
            &router,
            scenarios::route_count_request(routes, param),
        ));
        for _ in 0..n {
            let req = scenarios::route_count_request(routes, param);
            drop(std::hint::black_box(scenarios::measured_request(
                &router, req,
            )));
        }
    }
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
