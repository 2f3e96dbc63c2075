//! The documentation that must match the code: `docs/diagnostics.md` is generated from the UI tests
//! (`tests/ui/fail/*.rs` and their `.stderr`), so that every compile error is in the catalogue with its failing
//! example and the exact message, which says how to fix it.
//!
//! After adding or changing a UI test: `CORS_BLESS_DOCS=1 cargo test --test docs`.

use std::fmt::Write;
use std::path::Path;

/// Sections of the catalogue: a title, what it covers, and the file-name prefixes that belong to it.
const SECTIONS: &[(&str, &str, &[&str])] = &[
    ("Origins", "Each entry of `origins` must be a serialized origin (`scheme://host[:port]`, as browsers send it) or a pattern over whole labels.", &["origin_", "origins_", "pattern_", "star_mixed"]),
    ("Credentials", "Combinations that would let other sites read your users' data, or that browsers reject.", &["origins_star_with_credentials", "http_origin_with", "public_suffix", "tld_pattern", "unused_opt_in", "refuse_disallowed"]),
    ("Methods", "", &["method", "routed_under"]),
    ("Request headers", "", &["header_"]),
    ("Exposed headers", "", &["expose_"]),
    ("Max-age and preflight status", "", &["max_age", "preflight_status"]),
    ("Keys and values", "", &["unknown_key", "duplicate_key", "flag_with_value", "key_without_value", "list_form_key", "wrong_value_kind", "several_errors"]),
    ("Named policies", "", &["named_policy"]),
    ("Run-time origins", "", &["runtime_origins"]),
    ("The handler and its routing", "An annotated handler stays a function whose call returns an `impl Cors`, not a future, so every way into axum's own routing is refused. Where rustc's own message cannot name the fix (a type mismatch, an axum trait), the example's comment does.", &["not_a", "not_async", "method_with_receiver", "routed_with", "routed_on", "nested_axum", "merged_axum", "debug_handler", "shape_", "utoipa_", "deprecated_"]),
];

fn catalogue(root: &Path) -> String {
    let dir = root.join("tests/ui/fail");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| {
            let name = e.unwrap().file_name().into_string().unwrap();
            name.strip_suffix(".rs").map(str::to_owned)
        })
        .collect();
    names.sort();
    let mut out = String::from(
        "# Diagnostics catalogue\n\n\
         Every compile error of `#[cors]`, `cors_policy!` and `cors_runtime::routing`, with the smallest program that\n\
         shows it and the exact message, which says how to fix it. Generated from the UI tests in `tests/ui/fail/`\n\
         (one file per mistake, named after it) by `tests/docs.rs`, which fails when this page and the tests disagree.\n\n",
    );
    // The section with the longest matching prefix.
    let section_of = |name: &str| {
        SECTIONS
            .iter()
            .enumerate()
            .flat_map(|(i, (_, _, prefixes))| prefixes.iter().map(move |p| (i, p)))
            .filter(|(_, p)| name.starts_with(*p))
            .max_by_key(|(_, p)| p.len())
            .map(|(i, _)| i)
            .unwrap_or_else(|| {
                panic!("tests/ui/fail/{name}.rs belongs to no section of SECTIONS in tests/docs.rs")
            })
    };
    for (title, _, _) in SECTIONS {
        let anchor = title
            .to_lowercase()
            .replace(' ', "-")
            .replace(['(', ')'], "");
        writeln!(out, "- [{title}](#{anchor})").unwrap();
    }
    for (i, (title, about, _)) in SECTIONS.iter().enumerate() {
        write!(out, "\n## {title}\n\n").unwrap();
        if !about.is_empty() {
            write!(out, "{about}\n\n").unwrap();
        }
        for name in names.iter().filter(|n| section_of(n) == i) {
            let code = std::fs::read_to_string(dir.join(format!("{name}.rs"))).unwrap();
            let stderr = std::fs::read_to_string(dir.join(format!("{name}.stderr"))).unwrap();
            write!(
                out,
                "### `{name}`\n\n```rust\n{}\n```\n\n```text\n{}\n```\n\n",
                code.trim_end(),
                stderr.trim_end()
            )
            .unwrap();
        }
    }
    out
}

#[test]
fn the_diagnostics_catalogue_matches_the_ui_tests() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let generated = catalogue(root);
    let path = root.join("docs/diagnostics.md");
    if std::env::var_os("CORS_BLESS_DOCS").is_some() {
        std::fs::write(&path, &generated).unwrap();
        return;
    }
    let current = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        current == generated,
        "docs/diagnostics.md is out of date with tests/ui/fail: run `CORS_BLESS_DOCS=1 cargo test --test docs`"
    );
}

/// The first block of the README that starts with `opening` (a fence and what follows it), up to its closing
/// fence, without the fence itself.
fn readme_block(root: &Path, opening: &str) -> String {
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let fence = opening.find('\n').expect("an opening fence line") + 1;
    let start = readme
        .find(opening)
        .unwrap_or_else(|| panic!("no block starting with {opening:?} in the README"))
        + fence;
    readme[start..start + readme[start..].find("```").unwrap()].to_owned()
}

/// The README's first example is `tests/ui/pass/readme_example.rs`, which must compile: they must agree.
#[test]
fn the_readme_example_is_the_compiled_one() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let block = readme_block(root, "```rust\n");
    let compiled = std::fs::read_to_string(root.join("tests/ui/pass/readme_example.rs")).unwrap();
    assert!(
        compiled.contains(&block),
        "the README's first example differs from tests/ui/pass/readme_example.rs: copy it there"
    );
}

/// The README's map of the folder tree names every source file of the three crates and every test, bench and
/// example target, so that a newcomer finds each file's job there (lib.rs and mod.rs excepted).
#[test]
fn the_readme_map_names_every_file() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let map = readme_block(root, "```\ncors-macros/src");
    let named = |file: &str| {
        map.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.'))
            .any(|word| word == file)
    };
    let mut missing = Vec::new();
    let mut visit = vec![
        root.join("cors-macros/src"),
        root.join("cors-runtime/src"),
        root.join("cors-rules/src"),
    ];
    let mut files = Vec::new();
    while let Some(dir) = visit.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                visit.push(path);
            } else {
                files.push(path);
            }
        }
    }
    for dir in ["tests", "benches", "examples"] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            files.push(entry.unwrap().path());
        }
    }
    for path in files {
        let name = path.file_name().unwrap().to_str().unwrap().to_owned();
        let is_source = path.extension().is_some_and(|e| e == "rs");
        if is_source && name != "lib.rs" && name != "mod.rs" && !named(&name) {
            missing.push(path.strip_prefix(root).unwrap().display().to_string());
        }
    }
    missing.sort();
    assert!(
        missing.is_empty(),
        "the README's map of the folder tree does not name: {missing:?}"
    );
}
