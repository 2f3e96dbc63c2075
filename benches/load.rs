//! A bounded load test: the playground's API in a child process on loopback, a mix of actual, preflight and
//! hostile requests from concurrent keep-alive connections, every answer checked, and the child's resident
//! memory sampled once a second.
//!
//! ```text
//! cargo bench --bench load                 # 30 s, the figures in BENCHMARKS.md
//! cargo bench --bench load -- --seconds 60
//! ```
//! Under `cargo test` (no `--bench` flag) it runs for 3 s as a smoke test. It exits non-zero on any wrong
//! answer, transport error or panic in the server, and (runs of 20 s or more) when memory grows by more than
//! 10% after warm-up.

#[path = "../examples/playground/app.rs"]
#[allow(dead_code)]
mod app;

use axum::body::Bytes;
use http::{Method, Request, StatusCode};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Concurrent connections.
const CONNECTIONS: usize = 32;

/// One request of the mix and what a correct server answers.
struct Case {
    name: &'static str,
    method: Method,
    path: &'static str,
    headers: Vec<(&'static str, Vec<u8>)>,
    body: &'static str,
    status: StatusCode,
    /// The expected `Access-Control-Allow-Origin`, or `None` for none at all.
    allow_origin: Option<&'static str>,
}

fn mix() -> Vec<Case> {
    const PAGE: &str = "http://127.0.0.1:7000";
    let origin = |o: &str| ("origin", o.as_bytes().to_vec());
    let acrm = |m: &str| ("access-control-request-method", m.as_bytes().to_vec());
    let huge_acrh = (0..20_000)
        .map(|i| format!("x-h{i}"))
        .collect::<Vec<_>>()
        .join(",");
    vec![
        Case {
            name: "public GET",
            method: Method::GET,
            path: "/items",
            headers: vec![origin(PAGE)],
            body: "",
            status: StatusCode::OK,
            allow_origin: Some("*"),
        },
        Case {
            name: "credentialed GET",
            method: Method::GET,
            path: "/account",
            headers: vec![origin(PAGE), ("cookie", b"session=1".to_vec())],
            body: "",
            status: StatusCode::OK,
            allow_origin: Some(PAGE),
        },
        Case {
            name: "run-time origin GET",
            method: Method::GET,
            path: "/partner",
            headers: vec![origin("https://partner.example")],
            body: "",
            status: StatusCode::OK,
            allow_origin: Some("https://partner.example"),
        },
        Case {
            name: "disallowed GET",
            method: Method::GET,
            path: "/account",
            headers: vec![origin("https://evil.example")],
            body: "",
            status: StatusCode::OK,
            allow_origin: None,
        },
        Case {
            name: "JSON POST",
            method: Method::POST,
            path: "/items",
            headers: vec![origin(PAGE), ("content-type", b"application/json".to_vec())],
            body: "{\"name\":\"kiwi\"}",
            status: StatusCode::CREATED,
            allow_origin: Some(PAGE),
        },
        Case {
            name: "bad JSON POST",
            method: Method::POST,
            path: "/items",
            headers: vec![origin(PAGE), ("content-type", b"application/json".to_vec())],
            body: "{",
            status: StatusCode::BAD_REQUEST,
            allow_origin: Some(PAGE),
        },
        Case {
            name: "preflight",
            method: Method::OPTIONS,
            path: "/items/1",
            headers: vec![
                origin(PAGE),
                acrm("PUT"),
                ("access-control-request-headers", b"x-request-id".to_vec()),
            ],
            body: "",
            status: StatusCode::NO_CONTENT,
            allow_origin: Some(PAGE),
        },
        Case {
            name: "refused preflight",
            method: Method::OPTIONS,
            path: "/items/1",
            headers: vec![origin("https://evil.example"), acrm("PUT")],
            body: "",
            status: StatusCode::FORBIDDEN,
            allow_origin: None,
        },
        Case {
            name: "refuse mode",
            method: Method::GET,
            path: "/strict",
            headers: vec![origin("https://evil.example")],
            body: "",
            status: StatusCode::FORBIDDEN,
            allow_origin: None,
        },
        Case {
            name: "hostile request headers",
            method: Method::OPTIONS,
            path: "/items",
            headers: vec![
                origin(PAGE),
                acrm("POST"),
                ("access-control-request-headers", huge_acrh.into_bytes()),
            ],
            body: "",
            status: StatusCode::FORBIDDEN,
            allow_origin: None,
        },
        Case {
            name: "method list",
            method: Method::OPTIONS,
            path: "/items",
            headers: vec![origin(PAGE), acrm("GET, DELETE")],
            body: "",
            status: StatusCode::FORBIDDEN,
            allow_origin: None,
        },
        Case {
            name: "two Origin lines",
            method: Method::GET,
            path: "/account",
            headers: vec![origin(PAGE), origin(PAGE)],
            body: "",
            status: StatusCode::OK,
            allow_origin: None,
        },
        Case {
            name: "non-UTF-8 Origin",
            method: Method::GET,
            path: "/account",
            headers: vec![("origin", b"http://127.0.0.1:\xff".to_vec())],
            body: "",
            status: StatusCode::OK,
            allow_origin: None,
        },
        Case {
            name: "oversized Origin",
            method: Method::GET,
            path: "/account",
            headers: vec![(
                "origin",
                format!("http://{}.example", "a".repeat(4000)).into_bytes(),
            )],
            body: "",
            status: StatusCode::OK,
            allow_origin: None,
        },
    ]
}

fn rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// The child: the playground's API alone, on the port given.
fn serve(port: u16) {
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", port))
            .await
            .unwrap();
        let (seen, _diagnostics) = app::diagnostics();
        app::configure("https://partner.example").unwrap();
        axum::serve(listener, app::api(seen)).await.unwrap();
    });
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--serve") {
        return serve(args[i + 1].parse().unwrap());
    }
    let bench = args.iter().any(|a| a == "--bench");
    let seconds: u64 = args
        .iter()
        .position(|a| a == "--seconds")
        .map(|i| args[i + 1].parse().expect("--seconds N"))
        .unwrap_or(if bench { 30 } else { 3 });

    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["--serve", &port.to_string()])
        .stderr(Stdio::piped())
        .spawn()
        .expect("start the API");
    let pid = child.id();

    let rt = tokio::runtime::Runtime::new().unwrap();
    let report = rt.block_on(run(port, pid, seconds));
    let _ = child.kill();
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    let panics = stderr.matches("panicked").count();

    let Report {
        total,
        errors,
        per_case,
        rss,
    } = report;
    println!(
        "load: {seconds} s, {CONNECTIONS} connections, {} requests, {:.0} requests/s",
        total,
        total as f64 / seconds as f64
    );
    for (name, n) in &per_case {
        println!("  {name:24} {n}");
    }
    let after_warmup = rss
        .get(rss.len().min(5).saturating_sub(1))
        .copied()
        .unwrap_or(0);
    let last = rss.last().copied().unwrap_or(0);
    let max = rss.iter().copied().max().unwrap_or(0);
    println!("  errors: {errors}, server panics: {panics}");
    println!("  server RSS (KiB): after warm-up {after_warmup}, max {max}, last {last}; every second: {rss:?}");
    assert_eq!(errors, 0, "wrong answers or transport errors");
    assert_eq!(panics, 0, "the server panicked:\n{stderr}");
    if seconds >= 20 {
        assert!(
            (last as f64) <= after_warmup as f64 * 1.10,
            "resident memory grew from {after_warmup} to {last} KiB after warm-up"
        );
    }
}

struct Report {
    total: u64,
    errors: u64,
    per_case: Vec<(&'static str, u64)>,
    rss: Vec<u64>,
}

async fn run(port: u16, pid: u32, seconds: u64) -> Report {
    let client: Client<_, Full<Bytes>> = Client::builder(TokioExecutor::new()).build_http();
    // Wait for the child to listen.
    let base = format!("http://127.0.0.1:{port}");
    for _ in 0..200 {
        if client
            .get(format!("{base}/report").parse().unwrap())
            .await
            .is_ok()
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    let cases = Arc::new(mix());
    let counts: Arc<Vec<AtomicU64>> = Arc::new(cases.iter().map(|_| AtomicU64::new(0)).collect());
    let errors = Arc::new(AtomicU64::new(0));
    let deadline = Instant::now() + Duration::from_secs(seconds);

    let sampler = tokio::spawn(async move {
        let mut rss = Vec::new();
        while Instant::now() < deadline {
            tokio::time::sleep(Duration::from_secs(1)).await;
            rss.extend(rss_kib(pid));
        }
        rss
    });
    let mut workers = Vec::new();
    for w in 0..CONNECTIONS {
        let (client, cases, counts, errors, base) = (
            client.clone(),
            cases.clone(),
            counts.clone(),
            errors.clone(),
            base.clone(),
        );
        workers.push(tokio::spawn(async move {
            let mut i = w;
            while Instant::now() < deadline {
                let case = &cases[i % cases.len()];
                i += 1;
                let mut req = Request::builder()
                    .method(case.method.clone())
                    .uri(format!("{base}{}", case.path));
                for (name, value) in &case.headers {
                    req = req.header(*name, http::HeaderValue::from_bytes(value).unwrap());
                }
                let req = req
                    .body(Full::new(Bytes::from_static(case.body.as_bytes())))
                    .unwrap();
                let ok = match client.request(req).await {
                    Ok(res) => {
                        let good = res.status() == case.status
                            && res
                                .headers()
                                .get("access-control-allow-origin")
                                .map(|v| v.as_bytes())
                                == case.allow_origin.map(str::as_bytes);
                        if !good {
                            eprintln!(
                                "{}: {} {:?}",
                                case.name,
                                res.status(),
                                res.headers().get("access-control-allow-origin")
                            );
                        }
                        res.into_body().collect().await.is_ok() && good
                    }
                    Err(e) => {
                        eprintln!("{}: {e}", case.name);
                        false
                    }
                };
                if ok {
                    counts[(i - 1) % cases.len()].fetch_add(1, Ordering::Relaxed);
                } else {
                    errors.fetch_add(1, Ordering::Relaxed);
                }
            }
        }));
    }
    for w in workers {
        w.await.unwrap();
    }
    let rss = sampler.await.unwrap();
    let per_case: Vec<_> = cases
        .iter()
        .zip(counts.iter())
        .map(|(c, n)| (c.name, n.load(Ordering::Relaxed)))
        .collect();
    Report {
        total: per_case.iter().map(|(_, n)| n).sum::<u64>() + errors.load(Ordering::Relaxed),
        errors: errors.load(Ordering::Relaxed),
        per_case,
        rss,
    }
}
