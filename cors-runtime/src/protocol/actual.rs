//! Actual (non-preflight) requests: what a policy says before the handler runs, and the headers every response
//! then carries, whoever produced it (the handler, an extractor, or the application's middleware).

use crate::policy::{Origins, Policy};
use crate::protocol::origin::{allowed_origin, request_origin, RequestOrigin, STAR};
use crate::protocol::{vary, TRUE};
use crate::refusal::Refusal;
use http::header::{
    ACCESS_CONTROL_ALLOW_CREDENTIALS, ACCESS_CONTROL_ALLOW_ORIGIN, ACCESS_CONTROL_EXPOSE_HEADERS,
    VARY,
};
use http::{HeaderMap, HeaderName, HeaderValue};

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
    match (request_origin(headers), policy.origins()) {
        (_, Origins::Any) => Ok(Verdict::Allow(STAR)),
        (RequestOrigin::Absent, _) => Ok(Verdict::Silent),
        (RequestOrigin::One(origin), _) => match allowed_origin(policy, origin) {
            Some(allowed) => Ok(Verdict::Allow(allowed)),
            // Browsers send `Origin` on same-origin writes too: such a request is not a CORS request, so refuse
            // mode lets it through (it needs no CORS headers). Elsewhere the answer is the same either way, and
            // the lookup is not paid.
            None if policy.refuse_disallowed() && is_same_origin(headers) => Ok(Verdict::Silent),
            None => Err(Refusal::Origin),
        },
        (RequestOrigin::Malformed, _) => Err(Refusal::MalformedOrigin),
    }
}

/// Whether the browser says the request comes from the API's own origin: `Sec-Fetch-Site: same-origin`.
///
/// Browsers send it on every request (Chromium 76, Firefox 90, Safari 16.4 and later) and script cannot set it
/// (`Sec-` names are forbidden request headers), so a page of another origin cannot claim it. A client that is not
/// a browser can send it, as it can send any `Origin` or none; CORS never stopped such clients.
pub(crate) fn is_same_origin(headers: &HeaderMap) -> bool {
    const SEC_FETCH_SITE: HeaderName = HeaderName::from_static("sec-fetch-site");
    headers
        .get(SEC_FETCH_SITE)
        .is_some_and(|v| v.as_bytes() == b"same-origin")
}

/// The response headers a policy decides for actual requests.
const POLICY_HEADERS: [HeaderName; 3] = [
    ACCESS_CONTROL_ALLOW_ORIGIN,
    ACCESS_CONTROL_ALLOW_CREDENTIALS,
    ACCESS_CONTROL_EXPOSE_HEADERS,
];

/// Sets the policy's headers for `verdict` on a response, whoever produced it.
///
/// The handler's policy is the only one for its route: CORS headers a layer inside set (a leftover tower-http
/// `CorsLayer`, a hand-written hook) are removed first, so they can neither allow an origin the policy refuses
/// nor add credentials or exposed headers it does not grant.
pub(crate) fn decorate(policy: &Policy, verdict: Verdict, headers: &mut HeaderMap) {
    set_headers(policy, verdict, headers, true);
}

/// The headers of a `405` for a method no annotated handler of the path serves: the front-end may read that
/// its method is not allowed (and the `Allow` header), nothing the policy exposes.
pub(crate) fn decorate_method_not_allowed(
    policy: &Policy,
    verdict: Verdict,
    headers: &mut HeaderMap,
) {
    set_headers(policy, verdict, headers, false);
}

fn set_headers(policy: &Policy, verdict: Verdict, headers: &mut HeaderMap, expose: bool) {
    // A response has few headers: one walk over their names is cheaper than hashing each name we look for, and
    // tells whether a layer set CORS headers (rarely) and whether there is a `Vary` to extend.
    let (mut foreign, mut vary) = (true, true);
    if headers.keys_len() <= 8 {
        (foreign, vary) = (false, false);
        for name in headers.keys() {
            foreign |= POLICY_HEADERS.contains(name);
            vary |= name == VARY;
        }
    }
    if foreign {
        for name in POLICY_HEADERS {
            headers.remove(name);
        }
    }
    // None of the three is in the map now, so appending adds each once (and skips `insert`'s search for values
    // to replace).
    if let Verdict::Allow(origin) = verdict {
        headers.append(ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        if policy.credentials() {
            headers.append(ACCESS_CONTROL_ALLOW_CREDENTIALS, TRUE);
        }
        if let Some(exposed) = policy.expose().filter(|_| expose) {
            headers.append(ACCESS_CONTROL_EXPOSE_HEADERS, exposed.clone());
        }
    }
    if policy.varies_by_origin() {
        vary::append_origin(headers, vary);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Small responses take the walk over header names, large ones the lookups: the same headers either way.
    #[test]
    fn small_and_large_responses_get_the_same_headers() {
        for extra in [0, 6, 7, 20] {
            for (verdict, allowed) in [
                (
                    Verdict::Allow(HeaderValue::from_static("https://a.example")),
                    true,
                ),
                (Verdict::Silent, false),
            ] {
                let mut h = HeaderMap::new();
                for i in 0..extra {
                    h.insert(
                        HeaderName::from_bytes(format!("x-h{i}").as_bytes()).unwrap(),
                        HeaderValue::from_static("1"),
                    );
                }
                h.insert(VARY, HeaderValue::from_static("Origin"));
                h.insert(ACCESS_CONTROL_ALLOW_ORIGIN, STAR);
                h.insert(ACCESS_CONTROL_ALLOW_CREDENTIALS, TRUE);
                decorate(&crate::policy::TEST_POLICY, verdict, &mut h);
                assert_eq!(h.get_all(VARY).iter().count(), 1, "{extra} other headers");
                assert_eq!(
                    h.get(ACCESS_CONTROL_ALLOW_ORIGIN).map(|v| v.as_bytes()),
                    allowed.then_some(&b"https://a.example"[..]),
                    "{extra}: a layer's `*` never survives"
                );
                assert!(!h.contains_key(ACCESS_CONTROL_ALLOW_CREDENTIALS), "{extra}");
            }
        }
    }

    /// The walk over names finds a `Vary` also when it is the response's only header.
    #[test]
    fn a_lone_vary_is_extended_not_repeated() {
        let mut h = HeaderMap::new();
        h.insert(VARY, HeaderValue::from_static("Origin"));
        decorate(&crate::policy::TEST_POLICY, Verdict::Silent, &mut h);
        assert_eq!(h.get_all(VARY).iter().collect::<Vec<_>>(), ["Origin"]);
    }
}
