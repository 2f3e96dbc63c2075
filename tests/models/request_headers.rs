//! The reference model of `Access-Control-Request-Headers`, written once for the property test
//! (`tests/properties.rs`) and the fuzz target (`fuzz/fuzz_targets/request_headers.rs`), which includes this file.

use cors_runtime::request_headers::{MAX_BYTES, MAX_NAMES};

/// Whether a preflight asking for `lines` is allowed by a policy listing `allowed`: at most `MAX_BYTES` over all
/// lines, each counting at least one byte, and `MAX_NAMES` names; HTTP list syntax (elements split on commas,
/// trimmed of spaces and tabs, empty ones skipped); each name one of `allowed`, in any case.
pub fn accepts(lines: &[&[u8]], allowed: &[&str]) -> bool {
    let bytes: usize = lines.iter().map(|l| l.len().max(1)).sum();
    if bytes > MAX_BYTES {
        return false;
    }
    let names: Vec<&[u8]> = lines
        .iter()
        .flat_map(|l| l.split(|&b| b == b','))
        .map(|e| e.trim_ascii())
        .filter(|e| !e.is_empty())
        .collect();
    names.len() <= MAX_NAMES
        && names
            .iter()
            .all(|n| allowed.iter().any(|a| a.as_bytes().eq_ignore_ascii_case(n)))
}
