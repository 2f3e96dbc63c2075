//! Preflight answers: the allow headers of the policy of the handler routed for the requested method.

use crate::policy::{Headers, Methods, Policy};
use crate::protocol::origin::{allowed_origin, request_origin, RequestOrigin, STAR};
use crate::protocol::path_policies::{Entry, PathPolicies, Routed};
use crate::protocol::request_headers::check_requested_headers;
use crate::protocol::TRUE;
use crate::refusal::Refusal;
use cors_rules::token::is_token;
use http::header::{
    ACCESS_CONTROL_ALLOW_CREDENTIALS, ACCESS_CONTROL_ALLOW_HEADERS, ACCESS_CONTROL_ALLOW_METHODS,
    ACCESS_CONTROL_ALLOW_ORIGIN, ACCESS_CONTROL_MAX_AGE, ACCESS_CONTROL_REQUEST_HEADERS,
    ACCESS_CONTROL_REQUEST_METHOD, ORIGIN, VARY,
};
use http::{HeaderMap, HeaderValue, Method, StatusCode};

/// The most headers a preflight answer carries (allow-origin, -credentials, -methods, -headers, max-age, vary)
/// plus the `content-length` axum adds.
const PREFLIGHT_HEADERS: usize = 7;

const PREFLIGHT_VARY: HeaderValue = HeaderValue::from_static(
    "Origin, Access-Control-Request-Method, Access-Control-Request-Headers",
);

/// Whether a request is a CORS preflight: `OPTIONS` with both `Origin` and `Access-Control-Request-Method`.
/// Every other `OPTIONS` request belongs to the application.
///
/// ```
/// use cors_runtime::is_preflight;
/// use http::{HeaderMap, HeaderValue, Method};
///
/// let mut headers = HeaderMap::new();
/// headers.insert("origin", HeaderValue::from_static("https://app.example.com"));
/// assert!(!is_preflight(&Method::OPTIONS, &headers), "an OPTIONS request of the application's");
/// headers.insert("access-control-request-method", HeaderValue::from_static("PUT"));
/// assert!(is_preflight(&Method::OPTIONS, &headers));
/// assert!(!is_preflight(&Method::GET, &headers));
/// ```
pub fn is_preflight(method: &Method, headers: &HeaderMap) -> bool {
    method == Method::OPTIONS
        && headers.contains_key(ORIGIN)
        && headers.contains_key(ACCESS_CONTROL_REQUEST_METHOD)
}

/// A successful preflight answer: its status (204 unless the policy says 200) and headers.
#[derive(Debug)]
pub(crate) struct Answer {
    pub(crate) status: StatusCode,
    pub(crate) headers: HeaderMap,
}

/// Why a preflight was refused, and by which policy when one was found for the requested method.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Refused {
    pub(crate) reason: Refusal,
    pub(crate) policy: Option<&'static Policy>,
}

impl Refused {
    fn without_policy(reason: Refusal) -> Self {
        Refused {
            reason,
            policy: None,
        }
    }
}

impl PathPolicies {
    /// Answers an `OPTIONS` request: `None` when it is not a preflight (no `Origin` or no
    /// `Access-Control-Request-Method`: it belongs to the application), else the allow headers or the reason
    /// for a 403. Each request header is looked up once, here, not again by an `is_preflight` check.
    pub(crate) fn answer(&self, headers: &HeaderMap) -> Option<Result<Answer, Refused>> {
        let origin = request_origin(headers);
        if matches!(origin, RequestOrigin::Absent) {
            return None;
        }
        let mut methods = headers.get_all(ACCESS_CONTROL_REQUEST_METHOD).iter();
        let method = methods.next()?;
        let RequestOrigin::One(origin) = origin else {
            return Some(Err(Refused::without_policy(Refusal::MalformedOrigin)));
        };
        if methods.next().is_some() || !is_token(method.as_bytes()) {
            return Some(Err(Refused::without_policy(Refusal::MalformedMethod)));
        }
        Some(self.answer_preflight(headers, origin, method))
    }

    fn answer_preflight(
        &self,
        headers: &HeaderMap,
        origin: &HeaderValue,
        method: &HeaderValue,
    ) -> Result<Answer, Refused> {
        let entry = self
            .find(method.as_bytes())
            .ok_or(Refused::without_policy(Refusal::Method))?;
        let policy = entry.policy;
        let refused = |reason| Refused {
            reason,
            policy: Some(policy),
        };
        let allow_origin = allowed_origin(policy, origin).ok_or(refused(Refusal::Origin))?;
        let allow_methods = allow_methods(entry, method).map_err(refused)?;
        let requested_headers =
            check_requested_headers(headers, policy.headers()).map_err(refused)?;

        // Room for every header below plus the content-length axum adds, so the map never grows.
        let mut out = HeaderMap::with_capacity(PREFLIGHT_HEADERS);
        out.insert(ACCESS_CONTROL_ALLOW_ORIGIN, allow_origin);
        if policy.credentials() {
            out.insert(ACCESS_CONTROL_ALLOW_CREDENTIALS, TRUE);
        }
        out.insert(ACCESS_CONTROL_ALLOW_METHODS, allow_methods);
        if requested_headers {
            match policy.headers() {
                // `headers = "*"` answers with the validated request, never `*`: with credentials `*` would be a
                // header literally named `*`, and without them WebKit let a cached `*` cover `authorization`
                // (which the check above never lets `*` cover), so one policy would mean two things.
                Headers::Any(_) => {
                    for line in headers.get_all(ACCESS_CONTROL_REQUEST_HEADERS) {
                        out.append(ACCESS_CONTROL_ALLOW_HEADERS, line.clone());
                    }
                }
                Headers::Listed(names) => {
                    out.insert(ACCESS_CONTROL_ALLOW_HEADERS, names.value.clone());
                }
            }
        }
        if let Some(max_age) = policy.max_age() {
            out.insert(ACCESS_CONTROL_MAX_AGE, max_age.clone());
        }
        out.insert(VARY, PREFLIGHT_VARY);
        Ok(Answer {
            status: policy.preflight_status(),
            headers: out,
        })
    }
}

/// The `Access-Control-Allow-Methods` value, after checking the requested method against the policy.
fn allow_methods(entry: &Entry, requested: &HeaderValue) -> Result<HeaderValue, Refusal> {
    let policy = entry.policy;
    match (policy.methods(), &entry.routed) {
        // The compiler checked that a handler is only routed under methods its policy lists.
        (Methods::Listed(listed), Routed::Method(_)) => Ok(listed.value.clone()),
        (Methods::Listed(listed), Routed::Any) => {
            if listed
                .names
                .iter()
                .any(|n| n.as_bytes() == requested.as_bytes())
            {
                Ok(listed.value.clone())
            } else {
                Err(Refusal::Method)
            }
        }
        (Methods::Any, Routed::Any) if !policy.credentials() => Ok(STAR),
        // Echo the one validated method token: with credentials, `*` would be a method named `*`.
        (Methods::Routed | Methods::Any, _) => Ok(requested.clone()),
    }
}
