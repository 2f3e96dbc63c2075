//! The keys themselves: each known, given once, in the form it takes (`flag`, `key = value`).

use crate::attr::{Arg, Value};
use crate::ctxt::Ctxt;
use crate::symbol::*;

const FLAGS: [Symbol; 5] = [
    CREDENTIALS,
    REFUSE_DISALLOWED,
    DANGEROUSLY_REFLECT_ANY_ORIGIN,
    DANGEROUSLY_ALLOW_INSECURE_ORIGINS,
    DANGEROUSLY_ALLOW_PUBLIC_SUFFIX_PATTERNS,
];
const VALUED: [(Symbol, &str); 6] = [
    (ORIGINS, "origins = [\"https://app.example.com\"]"),
    (METHODS, "methods = [GET, POST]"),
    (HEADERS, "headers = [\"content-type\"]"),
    (EXPOSE, "expose = [\"x-total-count\"]"),
    (MAX_AGE, "max_age = 600"),
    (PREFLIGHT_STATUS, "preflight_status = 200"),
];

/// What a known key takes.
#[derive(Clone, Copy)]
enum Kind {
    Flag,
    /// A value, with an example of it for the messages.
    Valued(&'static str),
}

fn kind_of(name: &str) -> Option<Kind> {
    if FLAGS.iter().any(|flag| *name == *flag) {
        return Some(Kind::Flag);
    }
    VALUED
        .iter()
        .find(|(k, _)| *name == *k)
        .map(|(_, example)| Kind::Valued(example))
}

/// The arguments by key, after the checks that need no knowledge of the values.
pub struct Keys<'a> {
    args: Vec<&'a Arg>,
}

impl<'a> Keys<'a> {
    /// Keeps each argument that passes every rule of this file; reports the others.
    pub fn check(cx: &Ctxt, args: &[&'a Arg]) -> Keys<'a> {
        let mut kept: Vec<&Arg> = Vec::new();
        for &arg in args {
            if arg.key == POLICY {
                // Applied before validation (`#[cors]`'s first pass), or reported by the caller.
                continue;
            }
            let Some(kind) = check_known(cx, arg) else {
                continue;
            };
            if check_given_once(cx, &kept, arg)
                && check_not_list_form(cx, arg, kind)
                && check_value_matches_kind(cx, arg, kind)
            {
                kept.push(arg);
            }
        }
        Keys { args: kept }
    }

    pub fn value(&self, key: Symbol) -> Option<&'a Value> {
        self.args
            .iter()
            .find(|a| a.key == key)
            .and_then(|a| a.value.as_ref())
    }

    pub fn flag(&self, key: Symbol) -> Option<&'a Arg> {
        self.args.iter().find(|a| a.key == key).copied()
    }
}

/// An unknown key, with the known one it most likely means, or the list of keys.
fn check_known(cx: &Ctxt, arg: &Arg) -> Option<Kind> {
    let name = arg.key.to_string();
    let kind = kind_of(&name);
    if kind.is_none() {
        let suggestion = did_you_mean(&name)
            .map(|s| format!("; did you mean `{s}`?"))
            .unwrap_or_else(|| format!("; the keys are {}", all_keys()));
        cx.error(&arg.key, format!("unknown key `{name}`{suggestion}"));
    }
    kind
}

fn check_given_once(cx: &Ctxt, kept: &[&Arg], arg: &Arg) -> bool {
    if !kept.iter().any(|k| k.key == arg.key) {
        return true;
    }
    cx.error(
        &arg.key,
        format!(
            "`{}` is given twice: keep one (merge the lists into one)",
            arg.key
        ),
    );
    false
}

/// `origins(...)`, `credentials(...)`: a form of attribute argument `#[cors]` never takes.
fn check_not_list_form(cx: &Ctxt, arg: &Arg, kind: Kind) -> bool {
    if !arg.list_form {
        return true;
    }
    let name = &arg.key;
    let fix = match kind {
        Kind::Valued(example) => format!("write `{example}`"),
        Kind::Flag => format!("write `{name}` alone"),
    };
    cx.error(
        name,
        format!("`{name}(...)` is not a form #[cors] takes: {fix}"),
    );
    false
}

/// A flag takes no value; every other key needs one.
fn check_value_matches_kind(cx: &Ctxt, arg: &Arg, kind: Kind) -> bool {
    let name = &arg.key;
    match (kind, &arg.value) {
        (Kind::Flag, Some(value)) => cx.error(
            value,
            format!("`{name}` is a flag and takes no value: write `{name}` alone, or remove it"),
        ),
        (Kind::Valued(example), None) => {
            cx.error(name, format!("`{name}` needs a value, e.g. `{example}`"))
        }
        _ => return true,
    }
    false
}

fn all_keys() -> String {
    let mut keys: Vec<&str> = VALUED
        .iter()
        .map(|(k, _)| *k)
        .chain(FLAGS)
        .chain([POLICY])
        .map(Symbol::as_str)
        .collect();
    keys.sort_unstable();
    keys.iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The known key closest to a misspelled one, if any is close enough.
pub fn did_you_mean(unknown: &str) -> Option<&'static str> {
    let lower = unknown.to_ascii_lowercase();
    VALUED
        .iter()
        .map(|(k, _)| k.as_str())
        .chain(FLAGS.map(Symbol::as_str))
        .map(|k| (levenshtein(&lower, k), k))
        .filter(|(d, k)| *d <= (k.len() / 3).max(2))
        .min()
        .map(|(_, k)| k)
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions() {
        assert_eq!(did_you_mean("origin"), Some("origins"));
        assert_eq!(did_you_mean("max-age"), Some("max_age"));
        assert_eq!(did_you_mean("credential"), Some("credentials"));
        assert_eq!(did_you_mean("zzz"), None);
    }
}
