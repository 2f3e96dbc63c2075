//! Heap allocations per request, counted by a global allocator (deterministic, so asserted here).
//!
//! The scenarios are the benchmarks' (`benches/support/scenarios.rs`): finalized routers called as
//! `axum::serve` does, with requests built outside the counted region.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

#[path = "../benches/support/scenarios.rs"]
mod scenarios;

use scenarios::Kind;

struct Counting;

thread_local! {
    // Per thread, so that tests running in parallel do not count each other's allocations.
    static ALLOCATIONS: Cell<u64> = const { Cell::new(0) };
}

fn bump() {
    let _ = ALLOCATIONS.try_with(|c| c.set(c.get() + 1));
}

// SAFETY: every call is forwarded unchanged to the system allocator; counting touches only a thread-local Cell.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        bump();
        unsafe { System.alloc(layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        bump();
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        bump();
        unsafe { System.realloc(ptr, layout, new_size) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Allocations made by one request, after a warm-up request (lazy initialisation happens once per process).
fn allocations(router: &scenarios::App, kind: Kind) -> u64 {
    drop(scenarios::measured_request(
        router,
        scenarios::request(kind),
    ));
    let req = scenarios::request(kind);
    let before = ALLOCATIONS.with(Cell::get);
    let res = scenarios::measured_request(router, req);
    let after = ALLOCATIONS.with(Cell::get);
    drop(res);
    after - before
}

#[test]
fn annotated_handlers_add_no_allocation_to_actual_requests() {
    let bare = allocations(&scenarios::bare(), Kind::Allowed);
    let ours = scenarios::ours();
    for kind in [Kind::Allowed, Kind::Disallowed, Kind::NoOrigin] {
        assert_eq!(
            allocations(&ours, kind),
            bare,
            "{kind:?}: allocations over the bare handler ({bare})"
        );
    }
    let ours_500 = scenarios::ours_500();
    for kind in [Kind::Allowed500, Kind::Pattern500, Kind::Disallowed] {
        assert_eq!(allocations(&ours_500, kind), bare, "500 origins, {kind:?}");
    }
}

#[test]
fn a_preflight_answer_allocates_no_more_than_a_bare_get() {
    let bare = allocations(&scenarios::bare(), Kind::Allowed);
    let ours = scenarios::ours();
    for kind in [Kind::Preflight, Kind::PreflightRefused] {
        let n = allocations(&ours, kind);
        assert!(n <= bare, "{kind:?}: {n} allocations, bare GET {bare}");
    }
}

#[test]
fn behind_the_applications_middleware_nothing_is_added_either() {
    let bare = allocations(&scenarios::bare_behind_middleware(), Kind::Allowed);
    let ours = scenarios::ours_behind_middleware();
    for kind in [Kind::Allowed, Kind::Disallowed, Kind::NoOrigin] {
        assert_eq!(allocations(&ours, kind), bare, "{kind:?} behind from_fn");
    }
    // The preflight is answered in front of the middleware, so it costs what it costs without one.
    for kind in [Kind::Preflight, Kind::PreflightRefused] {
        let n = allocations(&ours, kind);
        assert!(
            n <= bare,
            "{kind:?}: {n} allocations, bare GET behind the middleware {bare}"
        );
        let res = scenarios::measured_request(&ours, scenarios::request(kind));
        assert!(matches!(res.status().as_u16(), 204 | 403), "{kind:?}");
    }
}

#[test]
fn a_hostile_preflight_costs_no_more_memory_than_a_refused_one() {
    // Security class 11: a megabyte of requested header names is refused without copying or collecting it.
    let ours = scenarios::ours();
    let refused = allocations(&ours, Kind::PreflightRefused);
    let hostile = allocations(&ours, Kind::PreflightHostile);
    assert!(
        hostile <= refused,
        "hostile: {hostile} allocations, refused: {refused}"
    );
    let res = scenarios::measured_request(&ours, scenarios::request(Kind::PreflightHostile));
    assert_eq!(res.status(), http::StatusCode::FORBIDDEN);
}

#[test]
fn the_counter_sees_allocations() {
    // Guards the test above against a counter that counts nothing.
    let bare = allocations(&scenarios::bare(), Kind::Allowed);
    assert!(bare > 0);
    let tower = allocations(&scenarios::tower(), Kind::Allowed);
    assert!(
        tower > bare,
        "tower-http adds allocations ({tower} vs {bare}); if this fails the counter is broken"
    );
    // The figures quoted in BENCHMARKS.md: `cargo test --test allocations -- --nocapture`.
    for (name, router, kind) in scenarios::all() {
        println!("{name:26} {:3} allocations", allocations(&router, kind));
    }
    for (name, router) in [
        ("bare, behind from_fn", scenarios::bare_behind_middleware()),
        ("ours, behind from_fn", scenarios::ours_behind_middleware()),
    ] {
        println!(
            "{name:26} {:3} allocations",
            allocations(&router, Kind::Allowed)
        );
    }
    let ours = scenarios::ours_behind_middleware();
    for kind in [Kind::Preflight, Kind::PreflightRefused] {
        println!(
            "ours, behind from_fn, {kind:?}: {} allocations",
            allocations(&ours, kind)
        );
    }
}
