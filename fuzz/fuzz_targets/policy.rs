//! The attribute's parse and validate stages (the very files of `cors-macros`) on any string policy:
//! never a panic, and every policy they accept keeps the promises of the rules.
#![no_main]

#[allow(dead_code)]
#[path = "../../cors-macros/src/attr.rs"]
mod attr;
#[allow(dead_code)]
#[path = "../../cors-macros/src/ctxt.rs"]
mod ctxt;
#[allow(dead_code)]
#[path = "../../cors-macros/src/model.rs"]
mod model;
#[allow(dead_code)]
#[path = "../../cors-macros/src/symbol.rs"]
mod symbol;
#[allow(dead_code)]
#[path = "../../cors-macros/src/validate/mod.rs"]
mod validate;

use cors_rules::origin::{parse_origin, AllowedOrigin};
use libfuzzer_sys::fuzz_target;
use model::{Headers, Methods, Origins};
use symbol::{
    Symbol, CREDENTIALS, DANGEROUSLY_ALLOW_INSECURE_ORIGINS,
    DANGEROUSLY_ALLOW_PUBLIC_SUFFIX_PATTERNS, DANGEROUSLY_REFLECT_ANY_ORIGIN, POLICY,
};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(args) = syn::parse_str::<attr::Args>(text) else {
        return;
    };
    if args.named.is_none() && args.get(POLICY).is_some() {
        // `#[cors(policy = NAME)]`: the macro's first pass hands the item to the named policy (named.rs).
        return;
    }
    let cx = ctxt::Ctxt::new();
    let policy = validate::policy(&cx, &args);
    if cx.finish().is_err() {
        return;
    }
    let flag = |name: Symbol| args.get(name).is_some();
    assert_eq!(policy.credentials, flag(CREDENTIALS));
    match &policy.origins {
        Origins::Any => assert!(!policy.credentials, "`*` with credentials accepted: {text}"),
        Origins::ReflectAny => assert!(flag(DANGEROUSLY_REFLECT_ANY_ORIGIN), "{text}"),
        Origins::Listed {
            exact,
            patterns,
            runtime,
        } => {
            assert!(
                !exact.is_empty() || !patterns.is_empty() || !runtime.is_empty(),
                "{text}"
            );
            for origin in exact {
                let Ok(AllowedOrigin::Exact(parsed)) = parse_origin(origin) else {
                    panic!(
                        "accepted `{origin}`, which the rules do not parse as an origin: {text}"
                    );
                };
                assert_eq!(
                    &parsed.to_string(),
                    origin,
                    "accepted a non-canonical origin: {text}"
                );
                let allowed = AllowedOrigin::Exact(parsed);
                if policy.credentials && allowed.credential_risk().is_some() {
                    assert!(flag(DANGEROUSLY_ALLOW_INSECURE_ORIGINS), "{text}");
                }
            }
            if policy.credentials && !patterns.is_empty() {
                for p in patterns {
                    if AllowedOrigin::Pattern(p.clone())
                        .credential_risk()
                        .is_some()
                    {
                        assert!(
                            flag(DANGEROUSLY_ALLOW_INSECURE_ORIGINS)
                                || flag(DANGEROUSLY_ALLOW_PUBLIC_SUFFIX_PATTERNS),
                            "{text}"
                        );
                    }
                }
            }
        }
    }
    if let Methods::Listed(names) = &policy.methods {
        for m in names {
            assert!(cors_rules::method::check_method(m).is_ok(), "{text}");
        }
    }
    let (Headers::Listed(names) | Headers::Any(names)) = &policy.headers;
    for h in names {
        assert!(
            cors_rules::token::is_token(h.as_bytes()) && *h == h.to_ascii_lowercase(),
            "{text}"
        );
    }
    if policy.expose.iter().any(|e| e == "*") {
        assert!(!policy.credentials && policy.expose.len() == 1, "{text}");
    }
    if let Some(age) = policy.max_age {
        assert!(cors_rules::max_age::check_max_age(age).is_ok(), "{text}");
    }
});
