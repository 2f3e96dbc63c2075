//! `cargo bench --bench cors`: every scenario of `scenarios.rs`, side by side in one run, then a table of
//! ratios (to the bare handler and to tower-http's `CorsLayer`) computed from this run's own estimates.
//!
//! `cargo bench --bench cors -- --interleaved`: instead of criterion's one-scenario-after-another, rounds that time
//! every scenario in turn (in a rotating order), so that a shared machine whose speed drifts slows all scenarios
//! alike; the table gives each scenario's median over the rounds, and the ratios.

use criterion::{BatchSize, Criterion};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

#[path = "support/scenarios.rs"]
mod scenarios;

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("request");
    for (name, router, kind) in scenarios::all() {
        group.bench_function(name, |b| {
            b.iter_batched(
                || scenarios::request(kind),
                |req| scenarios::measured_request(&router, req),
                BatchSize::SmallInput,
            )
        });
    }
    group.finish();
}

fn main() {
    if std::env::args().any(|a| a == "--interleaved") {
        interleaved();
        return;
    }
    let started = SystemTime::now();
    let mut c = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5))
        .configure_from_args();
    bench(&mut c);
    c.final_summary();
    if std::env::args().any(|a| a == "--bench") {
        report(started);
    }
}

/// Time per scenario from the estimates criterion wrote in this run.
fn means(started: SystemTime) -> Vec<(String, f64)> {
    let home = std::env::var_os("CRITERION_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            let target = std::env::var_os("CARGO_TARGET_DIR")
                .map(PathBuf::from)
                .unwrap_or_else(|| PathBuf::from("target"));
            target.join("criterion")
        });
    let mut out = Vec::new();
    collect(&home.join("request"), started, &mut out);
    out
}

fn collect(dir: &Path, started: SystemTime, out: &mut Vec<(String, f64)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let estimates = path.join("new/estimates.json");
        let benchmark = path.join("new/benchmark.json");
        let fresh = std::fs::metadata(&estimates)
            .and_then(|m| m.modified())
            .is_ok_and(|t| t >= started);
        if fresh {
            let read = |p: &Path| {
                serde_json::from_str::<serde_json::Value>(&std::fs::read_to_string(p).unwrap())
                    .unwrap()
            };
            let id = read(&benchmark)["function_id"]
                .as_str()
                .unwrap_or_default()
                .to_owned();
            // The figure criterion prints: the slope estimate when it sampled linearly, else the mean.
            let estimates = read(&estimates);
            let point = ["slope", "mean"]
                .iter()
                .find_map(|k| estimates[*k]["point_estimate"].as_f64())
                .unwrap_or(f64::NAN);
            out.push((id, point));
        } else if path.is_dir() {
            collect(&path, started, out);
        }
    }
}

fn report(started: SystemTime) {
    let means = means(started);
    let get = |id: &str| means.iter().find(|(n, _)| n == id).map(|(_, m)| *m);
    let Some(bare) = get("bare") else { return };
    println!("\nRatios from this run (time per request, criterion's point estimate):");
    ratio_table(bare, &get);
    if let (Some(three), Some(five)) = (get("ours/allowed"), get("ours_500/allowed")) {
        println!(
            "\n500 origins + pattern vs 3 origins (allowed): {:.2}x",
            five / three
        );
    }
    if let (Some(three), Some(pattern)) = (get("ours/allowed"), get("ours_500/pattern")) {
        println!(
            "500 origins, origin matched by the pattern, vs 3 origins: {:.2}x",
            pattern / three
        );
    }
}

fn interleaved() {
    const ROUNDS: usize = 200;
    const BATCH: usize = 1000;
    let all = scenarios::all();
    let mut samples = vec![Vec::with_capacity(ROUNDS); all.len()];
    for round in 0..ROUNDS {
        for k in 0..all.len() {
            let i = (k + round) % all.len();
            let (_, app, kind) = &all[i];
            let requests: Vec<_> = (0..BATCH).map(|_| scenarios::request(*kind)).collect();
            let start = Instant::now();
            for req in requests {
                std::hint::black_box(scenarios::measured_request(app, req));
            }
            samples[i].push(start.elapsed().as_nanos() as f64 / BATCH as f64);
        }
    }
    let median = |i: usize| {
        let mut v = samples[i].clone();
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let by_name = |name: &str| all.iter().position(|(n, _, _)| *n == name).map(median);
    let bare = by_name("bare").unwrap();
    println!(
        "Interleaved: {ROUNDS} rounds of {BATCH} requests per scenario; median ns per request."
    );
    ratio_table(bare, &by_name);
    if let (Some(mw), Some(ours)) = (by_name("bare_mw"), by_name("ours_mw/allowed")) {
        println!(
            "behind a from_fn middleware, allowed: {ours:.0} ns, bare {mw:.0} ns ({:.2}x)",
            ours / mw
        );
    }
    for name in [
        "ours_500/allowed",
        "ours_500/pattern",
        "ours_500/disallowed",
    ] {
        if let Some(t) = by_name(name) {
            println!("{name}: {t:.0} ns ({:.2}x bare)", t / bare);
        }
    }
}

/// The table of each request kind against the bare handler and tower-http, from a time per scenario name.
fn ratio_table(bare: f64, time: &dyn Fn(&str) -> Option<f64>) {
    println!("| scenario | ours | ours / bare | tower-http | ours / tower-http |");
    println!("|---|---|---|---|---|");
    for kind in [
        "allowed",
        "disallowed",
        "no_origin",
        "preflight",
        "preflight_refused",
    ] {
        let (Some(ours), Some(tower)) = (
            time(&format!("ours/{kind}")),
            time(&format!("tower/{kind}")),
        ) else {
            continue;
        };
        println!(
            "| {kind} | {ours:.0} ns | {:.2}x | {tower:.0} ns | {:.2}x |",
            ours / bare,
            ours / tower
        );
    }
    println!("| bare handler | {bare:.0} ns | 1.00x | | |");
}
