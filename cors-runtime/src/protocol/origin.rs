//! The request's `Origin`, read once with bounded work, and whether a policy allows it: the one decision that
//! preflights and actual requests share.

use crate::policy::{Origins, Policy};
use cors_rules::serialized::is_tuple_origin;
use http::header::ORIGIN;
use http::{HeaderMap, HeaderValue};

/// The longest `Origin` value considered: a serialized origin is at most about 270 bytes
/// (`https://` + a 253-byte host + `:65535`); anything longer is refused without being read.
pub const MAX_ORIGIN_LEN: usize = 512;

pub(crate) const STAR: HeaderValue = HeaderValue::from_static("*");

/// What a request's `Origin` header says.
#[derive(Debug)]
pub(crate) enum RequestOrigin<'a> {
    /// No `Origin` header: not a CORS request.
    Absent,
    /// Exactly one value of acceptable length.
    One(&'a HeaderValue),
    /// Several `Origin` lines, or an oversized value: refused without further reading.
    Malformed,
}

pub(crate) fn request_origin(headers: &HeaderMap) -> RequestOrigin<'_> {
    let mut values = headers.get_all(ORIGIN).iter();
    match (values.next(), values.next()) {
        (None, _) => RequestOrigin::Absent,
        (Some(v), None) if v.len() <= MAX_ORIGIN_LEN => RequestOrigin::One(v),
        _ => RequestOrigin::Malformed,
    }
}

/// The `Access-Control-Allow-Origin` value for a request's origin under a policy, if it is allowed.
pub(crate) fn allowed_origin(policy: &Policy, origin: &HeaderValue) -> Option<HeaderValue> {
    match policy.origins() {
        Origins::Any => Some(STAR),
        Origins::ReflectAny => is_tuple_origin(origin.as_bytes()).then(|| origin.clone()),
        Origins::Listed(matcher) => matcher.allow(origin),
    }
}
