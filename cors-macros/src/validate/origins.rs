//! `origins`, and the opt-ins that loosen what a credentialed policy may trust.

use super::keys::{did_you_mean, Keys};
use super::lists::{check_list_not_empty, check_listed_once};
use super::path_text;
use crate::attr::{Arg, Value};
use crate::ctxt::Ctxt;
use crate::model::Origins;
use crate::symbol::*;
use cors_rules::origin::{parse_origin, AllowedOrigin, CredentialRisk};
use proc_macro2::Span;

/// Which of the opt-ins a listed origin needed; an opt-in nothing needs is reported.
#[derive(Default)]
pub struct OptInsUsed {
    insecure: bool,
    public_suffix: bool,
}

pub fn origins(
    cx: &Ctxt,
    keys: &Keys,
    all: &[&Arg],
    credentials: bool,
    used: &mut OptInsUsed,
) -> Origins {
    let Some(value) = keys.value(ORIGINS) else {
        check_origins_given(cx, all);
        return Origins::Listed {
            exact: Vec::new(),
            patterns: Vec::new(),
            runtime: Vec::new(),
        };
    };
    match star(value) {
        Some(span) => any_origin(cx, keys, span, credentials),
        None => listed(cx, keys, value, credentials, used),
    }
}

/// `origins` has no default. A misspelled `origins` was already reported with a suggestion, and a named
/// policy's were checked where it is declared: neither is reported missing too.
fn check_origins_given(cx: &Ctxt, all: &[&Arg]) {
    let mentioned = all.iter().any(|a| {
        a.key == ORIGINS
            || a.key == POLICY
            || did_you_mean(&a.key.to_string()) == Some(ORIGINS.as_str())
    });
    if !mentioned {
        cx.error(
            Span::call_site(),
            "missing `origins`: list the origins allowed to read this handler's responses, e.g. \
             `origins = [\"https://app.example.com\"]` (there is no default), or `origins = \"*\"` for a public API",
        );
    }
}

/// `"*"`, or `["*"]`.
fn star(value: &Value) -> Option<Span> {
    let one = match value {
        Value::List { items, .. } if items.len() == 1 => &items[0],
        other => other,
    };
    match one {
        Value::Str(s) if s.value() == "*" => Some(s.span()),
        _ => None,
    }
}

/// `origins = "*"`: `*` without credentials; with them, only as the explicit opt-in to reflect every origin.
fn any_origin(cx: &Ctxt, keys: &Keys, span: Span, credentials: bool) -> Origins {
    match (credentials, keys.flag(DANGEROUSLY_REFLECT_ANY_ORIGIN)) {
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
}

fn listed(
    cx: &Ctxt,
    keys: &Keys,
    value: &Value,
    credentials: bool,
    used: &mut OptInsUsed,
) -> Origins {
    let mut exact = Vec::new();
    let mut patterns = Vec::new();
    let mut runtime = Vec::new();
    let mut seen = Vec::new();
    for (text, span) in origin_elements(cx, value, &mut runtime) {
        let allowed = match parse_origin(&text) {
            Ok(allowed) => allowed,
            Err(e) => {
                cx.error(span, e);
                continue;
            }
        };
        if !check_listed_once(cx, &mut seen, &text, span, ORIGINS) {
            continue;
        }
        if credentials {
            check_credential_risk(cx, keys, &text, span, &allowed, used);
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

/// An origin trusted with credentials over plain HTTP, or a pattern over a public suffix: each needs its opt-in.
fn check_credential_risk(
    cx: &Ctxt,
    keys: &Keys,
    text: &str,
    span: Span,
    allowed: &AllowedOrigin,
    used: &mut OptInsUsed,
) {
    match allowed.credential_risk() {
        None => {}
        Some(CredentialRisk::InsecureScheme) if keys.flag(DANGEROUSLY_ALLOW_INSECURE_ORIGINS).is_some() => {
            used.insecure = true;
        }
        Some(risk @ CredentialRisk::InsecureScheme) => cx.error(
            span,
            format!("`{text}`: {risk}, or add `dangerously_allow_insecure_origins` if you accept the risk"),
        ),
        Some(CredentialRisk::PublicSuffixPattern(_))
            if keys.flag(DANGEROUSLY_ALLOW_PUBLIC_SUFFIX_PATTERNS).is_some() =>
        {
            used.public_suffix = true;
        }
        Some(risk @ CredentialRisk::PublicSuffixPattern(_)) => cx.error(
            span,
            format!("`{text}`: {risk}, or add `dangerously_allow_public_suffix_patterns` if you accept the risk"),
        ),
    }
}

/// An opt-in that loosens nothing in this policy is a mistake (or left over): it is reported.
pub fn check_opt_ins_used(cx: &Ctxt, keys: &Keys, origins: &Origins, used: &OptInsUsed) {
    for (flag, needed, why) in [
        (
            DANGEROUSLY_REFLECT_ANY_ORIGIN,
            matches!(origins, Origins::ReflectAny),
            "it only applies to `origins = \"*\"` with `credentials`",
        ),
        (
            DANGEROUSLY_ALLOW_INSECURE_ORIGINS,
            used.insecure,
            "no `http://` origin other than loopback is trusted with `credentials` here",
        ),
        (
            DANGEROUSLY_ALLOW_PUBLIC_SUFFIX_PATTERNS,
            used.public_suffix,
            "no pattern over a public suffix is trusted with `credentials` here",
        ),
    ] {
        if let (Some(arg), false) = (keys.flag(flag), needed) {
            cx.error(
                &arg.key,
                format!("`{flag}` has no effect: {why}; remove it"),
            );
        }
    }
}

/// `refuse_disallowed` refuses the origins a policy does not allow; with `*` there are none.
pub fn check_refuse_disallowed(cx: &Ctxt, keys: &Keys, origins: &Origins) -> bool {
    match keys.flag(REFUSE_DISALLOWED) {
        Some(arg) if matches!(origins, Origins::Any) => {
            cx.error(
                &arg.key,
                "`refuse_disallowed` has no effect with `origins = \"*\"`: every origin is allowed; remove it",
            );
            false
        }
        found => found.is_some(),
    }
}

/// The literal origins of `origins`; names of `RuntimeOrigins` statics go to `runtime`.
fn origin_elements(cx: &Ctxt, value: &Value, runtime: &mut Vec<syn::Path>) -> Vec<(String, Span)> {
    let items = match value {
        Value::List { items, span } => {
            check_list_not_empty(cx, ORIGINS, items, *span);
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
        if check_runtime_listed_once(cx, runtime, &path, item.span()) {
            runtime.push(path);
        }
    }
    literal
}

fn check_runtime_listed_once(
    cx: &Ctxt,
    runtime: &[syn::Path],
    path: &syn::Path,
    span: Span,
) -> bool {
    let twice = runtime.iter().any(|r| path_text(r) == path_text(path));
    if twice {
        cx.error(
            span,
            "this `RuntimeOrigins` is listed twice in `origins`: remove one",
        );
    }
    !twice
}
