//! Compile-time diagnostics: each `tests/ui/fail/*.rs` shows one mistake and its `.stderr` the exact error;
//! each `tests/ui/pass/*.rs` is a policy form that must compile (and run).

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/fail/*.rs");
    t.pass("tests/ui/pass/*.rs");
}
