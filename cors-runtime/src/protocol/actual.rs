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

/// Adds the policy's headers for `verdict` to a response's headers.
pub(crate) fn decorate(policy: &Policy, verdict: Verdict, headers: &mut HeaderMap) {
    if let Verdict::Allow(origin) = verdict {
        headers.insert(ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        if policy.credentials {
            headers.insert(ACCESS_CONTROL_ALLOW_CREDENTIALS, TRUE);
        }
        if let Some(expose) = &policy.expose {
            headers.insert(ACCESS_CONTROL_EXPOSE_HEADERS, expose.clone());
        }
    }
    if policy.varies_by_origin() {
        vary::append_origin(headers);
    }
}
