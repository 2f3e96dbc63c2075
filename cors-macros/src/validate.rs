//! Applies the rules of `cors-rules` to the parsed arguments, reporting every mistake on its own token.

use crate::attr::{Arg, Args, Value};
use crate::ctxt::Ctxt;
use crate::model::{Headers, Methods, Origins, Policy};
use cors_rules::header::{check_exposed_header, check_request_header};
use cors_rules::max_age::check_max_age;
use cors_rules::method::check_method;
use cors_rules::origin::{parse_origin, AllowedOrigin, CredentialRisk};
use proc_macro2::Span;

const FLAGS: [&str; 5] = [
    "credentials",
    "refuse_disallowed",
    "dangerously_reflect_any_origin",
    "dangerously_allow_insecure_origins",
    "dangerously_allow_public_suffix_patterns",
];
const VALUED: [(&str, &str); 6] = [
    ("origins", "origins = [\"https://app.example.com\"]"),
    ("methods", "methods = [GET, POST]"),
    ("headers", "headers = [\"content-type\"]"),
    ("expose", "expose = [\"x-total-count\"]"),
    ("max_age", "max_age = 600"),
    ("preflight_status", "preflight_status = 200"),
];

/// `policy = NAME`: the named policy a handler's attribute builds on.
pub const POLICY_KEY: &str = "policy";

/// The arguments by key, after the checks that need no knowledge of the values.
struct Keys<'a> {
    args: Vec<&'a Arg>,
}

impl<'a> Keys<'a> {
    fn check(cx: &Ctxt, args: &[&'a Arg]) -> Keys<'a> {
        let mut kept: Vec<&Arg> = Vec::new();
        for &arg in args {
            let name = arg.key.to_string();
            let is_flag = FLAGS.contains(&name.as_str());
            let example = VALUED.iter().find(|(k, _)| *k == name).map(|(_, e)| *e);
            if name == POLICY_KEY {
                // Applied before validation (`#[cors]`'s first pass), or reported by the caller.
                continue;
            }
            if !is_flag && example.is_none() {
                let suggestion = did_you_mean(&name)
                    .map(|s| format!("; did you mean `{s}`?"))
                    .unwrap_or_else(|| format!("; the keys are {}", all_keys()));
                cx.error(&arg.key, format!("unknown key `{name}`{suggestion}"));
                continue;
            }
            if kept.iter().any(|k| k.key == arg.key) {
                cx.error(
                    &arg.key,
                    format!("`{name}` is given twice: keep one (merge the lists into one)"),
                );
                continue;
            }
            if arg.list_form {
                let fix = example
                    .map(|e| format!("write `{e}`"))
                    .unwrap_or_else(|| format!("write `{name}` alone"));
                cx.error(
                    &arg.key,
                    format!("`{name}(...)` is not a form #[cors] takes: {fix}"),
                );
                continue;
            }
            match (is_flag, &arg.value, example) {
                (true, Some(v), _) => {
                    cx.error(v, format!("`{name}` is a flag and takes no value: write `{name}` alone, or remove it"));
                    continue;
                }
                (false, None, Some(e)) => {
                    cx.error(&arg.key, format!("`{name}` needs a value, e.g. `{e}`"));
                    continue;
                }
                _ => {}
            }
            kept.push(arg);
        }
        Keys { args: kept }
    }

    fn value(&self, key: &str) -> Option<&'a Value> {
        self.args
            .iter()
            .find(|a| a.key == key)
            .and_then(|a| a.value.as_ref())
    }

    fn flag(&self, key: &str) -> Option<&'a Arg> {
        self.args.iter().find(|a| a.key == key).copied()
    }
}

fn all_keys() -> String {
    let mut keys: Vec<&str> = VALUED
        .iter()
        .map(|(k, _)| *k)
        .chain(FLAGS)
        .chain([POLICY_KEY])
        .collect();
    keys.sort_unstable();
    keys.iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn did_you_mean(unknown: &str) -> Option<&'static str> {
    let lower = unknown.to_ascii_lowercase();
    VALUED
        .iter()
        .map(|(k, _)| *k)
        .chain(FLAGS)
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

/// A string, or a list of strings; `idents` also accepts bare identifiers (method names).
fn elements(cx: &Ctxt, key: &str, value: &Value, idents: bool) -> Option<Vec<(String, Span)>> {
    let kind = if idents {
        "a method (`GET`, `\"PURGE\"`) or a list of them"
    } else {
        "a string or a list of strings"
    };
    let one = |v: &Value| match v {
        Value::Str(s) => Some((s.value(), s.span())),
        Value::Ident(i) if idents => Some((i.to_string(), i.span())),
        other => {
            cx.error(other, format!("`{key}` takes {kind} here"));
            None
        }
    };
    match value {
        Value::List { items, span } => {
            if items.is_empty() {
                cx.error(*span, empty_list_message(key));
                return None;
            }
            let all: Vec<_> = items.iter().map(one).collect();
            all.into_iter().collect()
        }
        single => one(single).map(|e| vec![e]),
    }
}

/// The literal origins of `origins`; names of `RuntimeOrigins` statics go to `runtime`.
fn origin_elements(cx: &Ctxt, value: &Value, runtime: &mut Vec<syn::Path>) -> Vec<(String, Span)> {
    let items = match value {
        Value::List { items, span } => {
            if items.is_empty() {
                cx.error(*span, empty_list_message("origins"));
            }
            items.iter().collect()
        }
        single => vec![single],
    };
    let mut literal = Vec::new();
    for item in items {
        let path = match item {
            Value::Str(s) => {
                literal.push((s.value(), s.span()));
                continue;
            }
            Value::Ident(i) => syn::Path::from(i.clone()),
            Value::Path(p) => p.clone(),
            other => {
                cx.error(
                    other.span(),
                    "`origins` takes origins as strings (`\"https://app.example.com\"`), or the name of a \
                     `RuntimeOrigins` static for origins set at run time",
                );
                continue;
            }
        };
        if runtime.iter().any(|r| path_text(r) == path_text(&path)) {
            cx.error(
                item.span(),
                "this `RuntimeOrigins` is listed twice in `origins`: remove one",
            );
        } else {
            runtime.push(path);
        }
    }
    literal
}

fn empty_list_message(key: &str) -> String {
    match key {
        "origins" => "`origins = []` allows no origin: list the origins allowed to read this handler's responses, e.g. `origins = [\"https://app.example.com\"]`".into(),
        "methods" => "`methods = []` allows nothing: list the methods, or remove the key to allow exactly the methods the handler is routed under".into(),
        _ => format!("`{key} = []` says nothing: remove the key"),
    }
}

/// Reports a second occurrence of the same (normalized) name.
fn duplicate(cx: &Ctxt, seen: &mut Vec<String>, name: &str, span: Span, key: &str) -> bool {
    if seen.iter().any(|s| s == name) {
        cx.error(
            span,
            format!("`{name}` is listed twice in `{key}`: remove one"),
        );
        return true;
    }
    seen.push(name.to_owned());
    false
}

/// The arguments of a handler's attribute, after its named policy's (if any): a handler may add keys the
/// named policy leaves out, never change one it sets, so that a shared policy means the same everywhere.
fn merged<'a>(cx: &Ctxt, args: &'a Args) -> Vec<&'a Arg> {
    let Some(named) = &args.named else {
        return args.items.iter().collect();
    };
    let name = path_text(&named.path);
    let mut all: Vec<&Arg> = named.args.items.iter().collect();
    for arg in &args.items {
        if arg.key == POLICY_KEY {
            cx.error(
                &arg.key,
                format!("this handler already uses the named policy `{name}`: name one policy, and add keys beside it"),
            );
        } else if named.args.get(&arg.key.to_string()).is_some() {
            cx.error(
                &arg.key,
                format!(
                    "`{}` is already set by the named policy `{name}`: a handler may add keys a named policy leaves out, \
                     but not change one it sets. Remove it here, or declare another policy with `cors_policy!`",
                    arg.key
                ),
            );
        } else {
            all.push(arg);
        }
    }
    all
}

/// Checks a policy of a handler's attribute (merged with its named policy, if any).
pub fn policy(cx: &Ctxt, args: &Args) -> Policy {
    let all = merged(cx, args);
    Policy {
        named: args.named.as_ref().map(|n| path_text(&n.path)),
        ..checked(cx, &all)
    }
}

fn path_text(path: &syn::Path) -> String {
    quote::ToTokens::to_token_stream(path)
        .to_string()
        .replace(' ', "")
}

/// Checks the arguments of a `cors_policy!` declaration: a complete policy on its own.
pub fn named_policy(cx: &Ctxt, args: &Args) -> Policy {
    if let Some(arg) = args.get(POLICY_KEY) {
        cx.error(
            &arg.key,
            "a named policy cannot build on another named policy: copy the keys you need",
        );
    }
    let all: Vec<&Arg> = args.items.iter().collect();
    checked(cx, &all)
}

fn checked(cx: &Ctxt, all: &[&Arg]) -> Policy {
    let keys = Keys::check(cx, all);
    let credentials = keys.flag("credentials").is_some();
    let opt_in = |name: &str| keys.flag(name);

    let mut insecure_used = false;
    let mut suffix_used = false;
    let origins = match keys.value("origins") {
        None => {
            // A misspelled `origins` was already reported with a suggestion; do not report it missing too.
            let mentioned = all.iter().any(|a| {
                a.key == "origins"
                    || a.key == POLICY_KEY
                    || did_you_mean(&a.key.to_string()) == Some("origins")
            });
            if !mentioned {
                cx.error(
                    Span::call_site(),
                    "missing `origins`: list the origins allowed to read this handler's responses, e.g. \
                     `origins = [\"https://app.example.com\"]` (there is no default), or `origins = \"*\"` for a public API",
                );
            }
            Origins::Listed {
                exact: Vec::new(),
                patterns: Vec::new(),
                runtime: Vec::new(),
            }
        }
        Some(value) => {
            let star = match value {
                Value::Str(s) if s.value() == "*" => Some(s.span()),
                Value::List { items, .. } if items.len() == 1 => match &items[0] {
                    Value::Str(s) if s.value() == "*" => Some(s.span()),
                    _ => None,
                },
                _ => None,
            };
            if let Some(span) = star {
                match (credentials, opt_in("dangerously_reflect_any_origin")) {
                    (false, _) => Origins::Any,
                    (true, Some(_)) => Origins::ReflectAny,
                    (true, None) => {
                        cx.error(
                            span,
                            "`origins = \"*\"` cannot be combined with `credentials`: browsers reject `Access-Control-Allow-Origin: *` \
                             on credentialed requests. List the origins (e.g. [\"https://app.example.com\"]) or use a pattern \
                             (\"https://*.example.com\"); echoing every origin with credentials lets any site read your users' data \
                             (if you accept that, add `dangerously_reflect_any_origin`)",
                        );
                        Origins::Any
                    }
                }
            } else {
                let mut exact = Vec::new();
                let mut patterns = Vec::new();
                let mut runtime = Vec::new();
                let mut seen = Vec::new();
                for (text, span) in origin_elements(cx, value, &mut runtime) {
                    let allowed = match parse_origin(&text) {
                        Ok(a) => a,
                        Err(e) => {
                            cx.error(span, e);
                            continue;
                        }
                    };
                    if duplicate(cx, &mut seen, &text, span, "origins") {
                        continue;
                    }
                    if credentials {
                        match allowed.credential_risk() {
                            Some(CredentialRisk::InsecureScheme) if opt_in("dangerously_allow_insecure_origins").is_some() => insecure_used = true,
                            Some(CredentialRisk::InsecureScheme) => cx.error(
                                span,
                                format!(
                                    "`{text}` is trusted with `credentials` over plain HTTP: a network attacker who injects script into \
                                     that origin can read your users' data. Use `https://` (plain `http://` is fine for localhost), or \
                                     add `dangerously_allow_insecure_origins` if you accept the risk"
                                ),
                            ),
                            Some(CredentialRisk::PublicSuffixPattern(_)) if opt_in("dangerously_allow_public_suffix_patterns").is_some() => suffix_used = true,
                            Some(CredentialRisk::PublicSuffixPattern(suffix)) => cx.error(
                                span,
                                format!(
                                    "`{text}` matches sites anyone can register (`{suffix}` is a public suffix), and `credentials` would \
                                     let them read your users' data: list your own origins (e.g. \"https://myapp.{suffix}\"), or add \
                                     `dangerously_allow_public_suffix_patterns` if you accept the risk"
                                ),
                            ),
                            None => {}
                        }
                    }
                    match allowed {
                        AllowedOrigin::Exact(_) => exact.push(text),
                        AllowedOrigin::Pattern(p) => patterns.push(p),
                    }
                }
                Origins::Listed {
                    exact,
                    patterns,
                    runtime,
                }
            }
        }
    };

    for (flag, used, why) in [
        (
            "dangerously_reflect_any_origin",
            matches!(origins, Origins::ReflectAny),
            "it only applies to `origins = \"*\"` with `credentials`",
        ),
        (
            "dangerously_allow_insecure_origins",
            insecure_used,
            "no `http://` origin other than loopback is trusted with `credentials` here",
        ),
        (
            "dangerously_allow_public_suffix_patterns",
            suffix_used,
            "no pattern over a public suffix is trusted with `credentials` here",
        ),
    ] {
        if let Some(arg) = opt_in(flag) {
            if !used {
                cx.error(
                    &arg.key,
                    format!("`{flag}` has no effect: {why}; remove it"),
                );
            }
        }
    }
    let refuse_disallowed = match opt_in("refuse_disallowed") {
        Some(arg) if matches!(origins, Origins::Any) => {
            cx.error(&arg.key, "`refuse_disallowed` has no effect with `origins = \"*\"`: every origin is allowed; remove it");
            false
        }
        found => found.is_some(),
    };

    Policy {
        named: None,
        methods: methods(cx, keys.value("methods")),
        headers: headers(cx, keys.value("headers")),
        expose: expose(cx, keys.value("expose"), credentials),
        max_age: keys.value("max_age").and_then(|v| max_age(cx, v)),
        preflight_status: keys
            .value("preflight_status")
            .and_then(|v| preflight_status(cx, v))
            .unwrap_or(204),
        origins,
        credentials,
        refuse_disallowed,
    }
}

fn is_star(value: &Value) -> bool {
    matches!(value, Value::Str(s) if s.value() == "*")
}

fn methods(cx: &Ctxt, value: Option<&Value>) -> Methods {
    let Some(value) = value else {
        return Methods::Routed;
    };
    if is_star(value) {
        return Methods::Any;
    }
    let mut seen = Vec::new();
    for (name, span) in elements(cx, "methods", value, true).unwrap_or_default() {
        if name == "*" {
            cx.error(span, "`*` cannot be mixed with named methods: write `methods = \"*\"` alone, or list the methods");
        } else if let Err(e) = check_method(&name) {
            cx.error(span, e);
        } else {
            duplicate(cx, &mut seen, &name, span, "methods");
        }
    }
    Methods::Listed(seen)
}

fn headers(cx: &Ctxt, value: Option<&Value>) -> Headers {
    let Some(value) = value else {
        return Headers::Listed(Vec::new());
    };
    if is_star(value) {
        return Headers::Any(Vec::new());
    }
    let elements = elements(cx, "headers", value, false).unwrap_or_default();
    let any = elements.iter().any(|(n, _)| n == "*");
    let mut seen = Vec::new();
    for (name, span) in &elements {
        if name == "*" {
            continue;
        }
        match check_request_header(name) {
            Err(e) => cx.error(*span, e),
            Ok(lower) if any && lower != "authorization" => cx.error(
                *span,
                format!("`{name}` is already covered by `*`: remove it (only `authorization`, which `*` never covers, needs naming beside `*`)"),
            ),
            Ok(lower) => {
                duplicate(cx, &mut seen, &lower, *span, "headers");
            }
        }
    }
    if any {
        Headers::Any(seen)
    } else {
        Headers::Listed(seen)
    }
}

fn expose(cx: &Ctxt, value: Option<&Value>, credentials: bool) -> Vec<String> {
    let Some(value) = value else {
        return Vec::new();
    };
    let mut seen = Vec::new();
    let elements = elements(cx, "expose", value, false).unwrap_or_default();
    for (name, span) in &elements {
        if name == "*" {
            if elements.len() > 1 {
                cx.error(*span, "`*` cannot be mixed with named headers: write `expose = \"*\"` alone, or list the headers");
            } else if credentials {
                cx.error(
                    *span,
                    "`expose = \"*\"` does not work with `credentials`: browsers read it as a header literally named `*`. \
                     List the response headers script may read, e.g. `expose = [\"x-total-count\"]`",
                );
            } else {
                seen.push("*".to_owned());
            }
            continue;
        }
        match check_exposed_header(name) {
            Err(e) => cx.error(*span, e),
            Ok(lower) => {
                duplicate(cx, &mut seen, &lower, *span, "expose");
            }
        }
    }
    seen
}

fn integer(cx: &Ctxt, key: &str, value: &Value) -> Option<i64> {
    match value {
        Value::Int {
            lit,
            negative,
            span,
        } => match lit.base10_parse::<i64>() {
            Ok(n) => Some(if *negative { -n } else { n }),
            Err(_) => {
                cx.error(*span, format!("`{key}` is out of range"));
                None
            }
        },
        other => {
            cx.error(
                other.span(),
                format!(
                    "`{key}` takes an integer literal, e.g. `{key} = {}`",
                    if key == "max_age" { 600 } else { 200 }
                ),
            );
            None
        }
    }
}

fn max_age(cx: &Ctxt, value: &Value) -> Option<i64> {
    let n = integer(cx, "max_age", value)?;
    check_max_age(n).map_err(|e| cx.error(value, e)).ok()
}

fn preflight_status(cx: &Ctxt, value: &Value) -> Option<u16> {
    match integer(cx, "preflight_status", value)? {
        n @ (200 | 204) => Some(n as u16),
        n => {
            cx.error(value, format!("`preflight_status = {n}`: a preflight answer is `204` (the default) or `200` (for old clients)"));
            None
        }
    }
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
