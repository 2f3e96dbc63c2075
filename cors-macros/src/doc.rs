//! The policy as the handler's rustdoc page shows it: after the handler's own documentation, in a section of
//! its own, so that the handler keeps its own summary line.

use crate::model::{Headers, Methods, Origins, Policy};
use cors_rules::origin::{HostPattern, OriginPattern, PortPattern};
use proc_macro2::TokenStream;
use quote::quote;
use syn::Attribute;

/// The handler's doc attributes: its own documentation (or, without any, a summary line naming the origins),
/// then the policy's section.
pub fn docs(policy: &Policy, own: &[&Attribute]) -> TokenStream {
    let section = format!("# CORS policy\n\n{}", policy_doc(policy));
    if own.is_empty() {
        let summary = format!("A `#[cors]` handler for {}.", origins_text(policy));
        quote!(#[doc = #summary] #[doc = ""] #[doc = #section])
    } else {
        quote!(#(#own)* #[doc = ""] #[doc = #section])
    }
}

fn origins_text(policy: &Policy) -> String {
    match &policy.origins {
        Origins::Any => "any origin (`*`)".to_owned(),
        Origins::ReflectAny => "any origin, echoed back".to_owned(),
        Origins::Listed {
            exact,
            patterns,
            runtime,
        } => {
            let mut listed: Vec<String> = exact.iter().map(|o| format!("`{o}`")).collect();
            listed.extend(patterns.iter().map(|p| format!("`{}`", pattern(p))));
            if !runtime.is_empty() {
                listed.push("origins set at run time".to_owned());
            }
            listed.join(", ")
        }
    }
}

/// A short Markdown summary of a checked policy.
pub fn policy_doc(policy: &Policy) -> String {
    let code = |items: &[String]| {
        items
            .iter()
            .map(|i| format!("`{i}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let origins = match &policy.origins {
        Origins::Any => "any (`*`)".to_owned(),
        Origins::ReflectAny => {
            "any origin, echoed back (`dangerously_reflect_any_origin`)".to_owned()
        }
        Origins::Listed {
            exact,
            patterns,
            runtime,
        } => {
            let mut listed: Vec<String> = exact.clone();
            listed.extend(patterns.iter().map(pattern));
            let mut text = code(&listed);
            for slot in runtime {
                let name = quote::quote!(#slot).to_string().replace(' ', "");
                text.push_str(&format!(
                    "{}origins set at run time in `{name}`",
                    if text.is_empty() { "" } else { ", and " }
                ));
            }
            text
        }
    };
    let methods = match &policy.methods {
        Methods::Routed => "the methods it is routed under".to_owned(),
        Methods::Any => "any".to_owned(),
        Methods::Listed(names) => code(names),
    };
    let headers = match &policy.headers {
        Headers::Listed(names) if names.is_empty() => "none beyond the safelisted ones".to_owned(),
        Headers::Listed(names) => code(names),
        Headers::Any(names) if names.is_empty() => "any (answered by name, never `*`)".to_owned(),
        Headers::Any(names) => format!("any (answered by name, never `*`), and {}", code(names)),
    };
    let mut lines = vec![
        "Written with `#[cors]` and checked at compile time; `cors_runtime::routing` enforces it in front of \
         every layer of the app."
            .to_owned(),
        String::new(),
        format!("- origins: {origins}"),
        format!("- methods: {methods}"),
        format!("- request headers: {headers}"),
    ];
    if !policy.expose.is_empty() {
        lines.push(format!("- exposed headers: {}", code(&policy.expose)));
    }
    lines.push(format!(
        "- credentials: {}",
        if policy.credentials { "yes" } else { "no" }
    ));
    lines.push(match policy.max_age {
        Some(n) if n > 0 => format!("- preflight cached for {n} s"),
        Some(_) => "- preflight not cached".to_owned(),
        None => "- preflight cached for the browser's default (5 s)".to_owned(),
    });
    if policy.refuse_disallowed {
        lines.push(
            "- requests from other origins: refused with `403`, the handler does not run"
                .to_owned(),
        );
    }
    if let Some(named) = &policy.named {
        lines.push(format!("- named policy: `{named}`"));
    }
    lines.join("\n")
}

fn pattern(p: &OriginPattern) -> String {
    let host = match &p.host {
        HostPattern::Exact(h) => h.to_string(),
        HostPattern::Subdomains(d) => format!("*.{d}"),
    };
    let port = match p.port {
        PortPattern::Default => String::new(),
        PortPattern::Exact(n) => format!(":{n}"),
        PortPattern::Any => ":*".to_owned(),
    };
    format!("{}://{host}{port}", p.scheme.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use cors_rules::origin::parse_origin;

    #[test]
    fn the_summary_names_every_part_of_the_policy() {
        let pattern = match parse_origin("https://*.example.com:*").unwrap() {
            cors_rules::origin::AllowedOrigin::Pattern(p) => p,
            other => panic!("{other:?}"),
        };
        let policy = Policy {
            named: Some("WEB".into()),
            origins: Origins::Listed {
                exact: vec!["https://app.example.com".into()],
                patterns: vec![pattern],
                runtime: vec![syn::parse_quote!(DEPLOYMENT)],
            },
            credentials: true,
            methods: Methods::Listed(vec!["GET".into(), "PUT".into()]),
            headers: Headers::Any(vec!["authorization".into()]),
            expose: vec!["x-total-count".into()],
            max_age: Some(600),
            preflight_status: 204,
            refuse_disallowed: true,
        };
        let doc = policy_doc(&policy);
        for part in [
            "- origins: `https://app.example.com`, `https://*.example.com:*`, and origins set at run time in `DEPLOYMENT`",
            "- methods: `GET`, `PUT`",
            "- request headers: any (answered by name, never `*`), and `authorization`",
            "- exposed headers: `x-total-count`",
            "- credentials: yes",
            "- preflight cached for 600 s",
            "refused with `403`",
            "- named policy: `WEB`",
        ] {
            assert!(doc.contains(part), "{part} in:\n{doc}");
        }
    }
}
