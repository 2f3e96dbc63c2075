//! Applies the rules of `cors-rules` to the parsed arguments, reporting every mistake on its own token.
//!
//! One function per rule, as serde's `check.rs` has them, grouped by what they look at: `keys.rs` (the keys
//! themselves: known, given once, in the right form), `origins.rs` (`origins` and the opt-ins that loosen it),
//! `lists.rs` (`methods`, `headers`, `expose`) and `numbers.rs` (`max_age`, `preflight_status`). Every rule reports
//! and goes on, so that one build shows every mistake.

mod keys;
mod lists;
mod numbers;
mod origins;

use crate::attr::{Arg, Args};
use crate::ctxt::Ctxt;
use crate::model::Policy;
use crate::symbol::*;
use keys::Keys;

/// Checks a policy of a handler's attribute (merged with its named policy, if any).
pub fn policy(cx: &Ctxt, args: &Args) -> Policy {
    let all = merged(cx, args);
    Policy {
        named: args.named.as_ref().map(|n| path_text(&n.path)),
        ..checked(cx, &all)
    }
}

/// Checks the arguments of a `cors_policy!` declaration: a complete policy on its own.
pub fn named_policy(cx: &Ctxt, args: &Args) -> Policy {
    check_named_policy_builds_on_none(cx, args);
    let all: Vec<&Arg> = args.items.iter().collect();
    checked(cx, &all)
}

fn check_named_policy_builds_on_none(cx: &Ctxt, args: &Args) {
    if let Some(arg) = args.get(POLICY) {
        cx.error(
            &arg.key,
            "a named policy cannot build on another named policy: copy the keys you need",
        );
    }
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
        if check_one_named_policy(cx, arg, &name) && check_not_overriding(cx, arg, named, &name) {
            all.push(arg);
        }
    }
    all
}

fn check_one_named_policy(cx: &Ctxt, arg: &Arg, name: &str) -> bool {
    if arg.key != POLICY {
        return true;
    }
    cx.error(
        &arg.key,
        format!("this handler already uses the named policy `{name}`: name one policy, and add keys beside it"),
    );
    false
}

fn check_not_overriding(cx: &Ctxt, arg: &Arg, named: &crate::attr::Named, name: &str) -> bool {
    if !named.args.items.iter().any(|a| a.key == arg.key) {
        return true;
    }
    cx.error(
        &arg.key,
        format!(
            "`{}` is already set by the named policy `{name}`: a handler may add keys a named policy leaves out, \
             but not change one it sets. Remove it here, or declare another policy with `cors_policy!`",
            arg.key
        ),
    );
    false
}

/// Every rule, in the order the errors are reported.
fn checked(cx: &Ctxt, all: &[&Arg]) -> Policy {
    let keys = Keys::check(cx, all);
    let credentials = keys.flag(CREDENTIALS).is_some();
    let mut opt_ins = origins::OptInsUsed::default();
    let origins = origins::origins(cx, &keys, all, credentials, &mut opt_ins);
    origins::check_opt_ins_used(cx, &keys, &origins, &opt_ins);
    let refuse_disallowed = origins::check_refuse_disallowed(cx, &keys, &origins);
    Policy {
        named: None,
        methods: lists::methods(cx, keys.value(METHODS)),
        headers: lists::headers(cx, keys.value(HEADERS)),
        expose: lists::expose(cx, keys.value(EXPOSE), credentials),
        max_age: keys.value(MAX_AGE).and_then(|v| numbers::max_age(cx, v)),
        preflight_status: keys
            .value(PREFLIGHT_STATUS)
            .and_then(|v| numbers::preflight_status(cx, v))
            .unwrap_or(204),
        origins,
        credentials,
        refuse_disallowed,
    }
}

fn path_text(path: &syn::Path) -> String {
    quote::ToTokens::to_token_stream(path)
        .to_string()
        .replace(' ', "")
}
