//! `methods`, `headers` and `expose`: lists of names, each checked by the shared rules of `cors-rules`.

use crate::attr::Value;
use crate::ctxt::Ctxt;
use crate::model::{Headers, Methods};
use crate::symbol::{Symbol, EXPOSE, HEADERS, METHODS, ORIGINS};
use cors_rules::header::{check_exposed_header, check_request_header};
use cors_rules::method::check_method;
use proc_macro2::Span;

pub fn methods(cx: &Ctxt, value: Option<&Value>) -> Methods {
    let Some(value) = value else {
        return Methods::Routed;
    };
    if is_star(value) {
        return Methods::Any;
    }
    let mut seen = Vec::new();
    for (name, span) in elements(cx, METHODS, value, true).unwrap_or_default() {
        if name == "*" {
            report_star_in_list(cx, span, METHODS, "methods");
        } else if check_rule(cx, check_method(&name), span).is_some() {
            check_listed_once(cx, &mut seen, &name, span, METHODS);
        }
    }
    Methods::Listed(seen)
}

pub fn headers(cx: &Ctxt, value: Option<&Value>) -> Headers {
    let Some(value) = value else {
        return Headers::Listed(Vec::new());
    };
    if is_star(value) {
        return Headers::Any(Vec::new());
    }
    let elements = elements(cx, HEADERS, value, false).unwrap_or_default();
    let any = elements.iter().any(|(n, _)| n == "*");
    let mut seen = Vec::new();
    for (name, span) in &elements {
        if name == "*" {
            continue;
        }
        let Some(lower) = check_rule(cx, check_request_header(name), *span) else {
            continue;
        };
        if check_not_covered_by_star(cx, any, name, &lower, *span) {
            check_listed_once(cx, &mut seen, &lower, *span, HEADERS);
        }
    }
    if any {
        Headers::Any(seen)
    } else {
        Headers::Listed(seen)
    }
}

pub fn expose(cx: &Ctxt, value: Option<&Value>, credentials: bool) -> Vec<String> {
    let Some(value) = value else {
        return Vec::new();
    };
    let mut seen = Vec::new();
    let elements = elements(cx, EXPOSE, value, false).unwrap_or_default();
    for (name, span) in &elements {
        if name == "*" {
            if elements.len() > 1 {
                report_star_in_list(cx, *span, EXPOSE, "headers");
            } else if check_expose_star_without_credentials(cx, credentials, *span) {
                seen.push("*".to_owned());
            }
            continue;
        }
        if let Some(lower) = check_rule(cx, check_exposed_header(name), *span) {
            check_listed_once(cx, &mut seen, &lower, *span, EXPOSE);
        }
    }
    seen
}

/// A rule of `cors-rules`: its error, reported at the name.
fn check_rule<T>(cx: &Ctxt, result: Result<T, impl std::fmt::Display>, span: Span) -> Option<T> {
    result.map_err(|e| cx.error(span, e)).ok()
}

/// `*` means every name, so it is written alone (`methods = "*"`), never in a list beside names.
fn report_star_in_list(cx: &Ctxt, span: Span, key: Symbol, what: &str) {
    cx.error(
        span,
        format!("`*` cannot be mixed with named {what}: write `{key} = \"*\"` alone, or list the {what}"),
    );
}

/// Only `authorization` needs naming beside `*` in `headers`: `*` covers every other name.
fn check_not_covered_by_star(cx: &Ctxt, any: bool, name: &str, lower: &str, span: Span) -> bool {
    if !any || lower == "authorization" {
        return true;
    }
    cx.error(
        span,
        format!("`{name}` is already covered by `*`: remove it (only `authorization`, which `*` never covers, needs naming beside `*`)"),
    );
    false
}

fn check_expose_star_without_credentials(cx: &Ctxt, credentials: bool, span: Span) -> bool {
    if credentials {
        cx.error(
            span,
            "`expose = \"*\"` does not work with `credentials`: browsers read it as a header literally named `*`. \
             List the response headers script may read, e.g. `expose = [\"x-total-count\"]`",
        );
    }
    !credentials
}

/// Reports a second occurrence of the same (normalized) name.
pub fn check_listed_once(
    cx: &Ctxt,
    seen: &mut Vec<String>,
    name: &str,
    span: Span,
    key: Symbol,
) -> bool {
    if seen.iter().any(|s| s == name) {
        cx.error(
            span,
            format!("`{name}` is listed twice in `{key}`: remove one"),
        );
        return false;
    }
    seen.push(name.to_owned());
    true
}

fn is_star(value: &Value) -> bool {
    matches!(value, Value::Str(s) if s.value() == "*")
}

/// A string, or a list of strings; `idents` also accepts bare identifiers (method names).
fn elements(cx: &Ctxt, key: Symbol, value: &Value, idents: bool) -> Option<Vec<(String, Span)>> {
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
            if !check_list_not_empty(cx, key, items, *span) {
                return None;
            }
            let all: Vec<_> = items.iter().map(one).collect();
            all.into_iter().collect()
        }
        single => one(single).map(|e| vec![e]),
    }
}

/// `key = []`: a list that says nothing, or (for `origins`, `methods`) allows nothing.
pub fn check_list_not_empty(cx: &Ctxt, key: Symbol, items: &[Value], span: Span) -> bool {
    if !items.is_empty() {
        return true;
    }
    let message = match key {
        ORIGINS => "`origins = []` allows no origin: list the origins allowed to read this handler's responses, e.g. `origins = [\"https://app.example.com\"]`".into(),
        METHODS => "`methods = []` allows nothing: list the methods, or remove the key to allow exactly the methods the handler is routed under".into(),
        _ => format!("`{key} = []` says nothing: remove the key"),
    };
    cx.error(span, message);
    false
}
