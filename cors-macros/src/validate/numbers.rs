//! `max_age` and `preflight_status`: integers within what browsers honour.

use crate::attr::Value;
use crate::ctxt::Ctxt;
use crate::symbol::{Symbol, MAX_AGE, PREFLIGHT_STATUS};
use cors_rules::max_age::check_max_age;

pub fn max_age(cx: &Ctxt, value: &Value) -> Option<i64> {
    let n = integer(cx, MAX_AGE, value)?;
    check_max_age(n).map_err(|e| cx.error(value, e)).ok()
}

/// `204` (the default) or `200`, for clients that mishandle `204`.
pub fn preflight_status(cx: &Ctxt, value: &Value) -> Option<u16> {
    match integer(cx, PREFLIGHT_STATUS, value)? {
        n @ (200 | 204) => Some(n as u16),
        n => {
            cx.error(value, format!("`preflight_status = {n}`: a preflight answer is `204` (the default) or `200` (for old clients)"));
            None
        }
    }
}

/// An integer literal, possibly negative, that fits an `i64`.
fn integer(cx: &Ctxt, key: Symbol, value: &Value) -> Option<i64> {
    let Value::Int { lit, negative, .. } = value else {
        let example = if key == MAX_AGE { 600 } else { 200 };
        cx.error(
            value.span(),
            format!("`{key}` takes an integer literal, e.g. `{key} = {example}`"),
        );
        return None;
    };
    match lit.base10_parse::<i64>() {
        Ok(n) => Some(if *negative { -n } else { n }),
        Err(_) => {
            cx.error(value, format!("`{key}` is out of range"));
            None
        }
    }
}
