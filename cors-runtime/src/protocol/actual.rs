//! Actual (non-preflight) requests: what a policy says before the handler runs, and the headers every response
//! then carries, whoever produced it (the handler, an extractor, or the application's middleware).

use crate::policy::{Origins, Policy};
use crate::protocol::origin::{allowed_origin, request_origin, RequestOrigin, STAR};
use crate::protocol::{vary, TRUE};
use crate::refusal::Refusal;
use http::header::{
    ACCESS_CONTROL_ALLOW_CREDENTIALS, ACCESS_CONTROL_ALLOW_ORIGIN, ACCESS_CONTROL_EXPOSE_HEADERS,
};
use http::{HeaderMap, HeaderValue};

/// What a policy says about an actual request, decided before the request goes further.
#[derive(Debug)]
pub(crate) enum Verdict {
    /// Send these origin headers.
    Allow(HeaderValue),
    /// No `Origin`, or a refused one: no CORS headers besides `Vary`.
    Silent,
}

/// The verdict for a request, or why its origin is refused.
pub(crate) fn judge(policy: &Policy, headers: &HeaderMap) -> Result<Verdict, Refusal> {
    match (request_origin(headers), &policy.origins) {
        (_, Origins::Any) => Ok(Verdict::Allow(STAR)),
        (RequestOrigin::Absent, _) => Ok(Verdict::Silent),
        (RequestOrigin::One(origin), _) => allowed_origin(policy, origin)
            .map(Verdict::Allow)
            .ok_or(Refusal::Origin),
        (RequestOrigin::Malformed, _) => Err(Refusal::MalformedOrigin),
    }
}

/// Sets the policy's headers for `verdict` on a response, whoever produced it.
///
/// The handler's policy is the only one for its route: CORS headers a layer inside set (a leftover tower-http
/// `CorsLayer`, a hand-written hook) are replaced, or removed where the policy sends none, so they can neither
/// allow an origin the policy refuses nor add credentials or exposed headers it does not grant.
pub(crate) fn decorate(policy: &Policy, verdict: Verdict, headers: &mut HeaderMap) {
    let set = |headers: &mut HeaderMap, name, value: Option<HeaderValue>| match value {
        Some(value) => {
            headers.insert(name, value);
        }
        None => {
            headers.remove(name);
        }
    };
    match verdict {
        Verdict::Allow(origin) => {
            headers.insert(ACCESS_CONTROL_ALLOW_ORIGIN, origin);
            set(
                headers,
                ACCESS_CONTROL_ALLOW_CREDENTIALS,
                policy.credentials.then_some(TRUE),
            );
            set(headers, ACCESS_CONTROL_EXPOSE_HEADERS, policy.expose.clone());
        }
        Verdict::Silent => {
            for name in [
                ACCESS_CONTROL_ALLOW_ORIGIN,
                ACCESS_CONTROL_ALLOW_CREDENTIALS,
                ACCESS_CONTROL_EXPOSE_HEADERS,
            ] {
                headers.remove(name);
            }
        }
    }
    if policy.varies_by_origin() {
        vary::append_origin(headers);
    }
}
