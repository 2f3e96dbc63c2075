//! Why a request was refused.

use core::fmt;

/// The reason a preflight was refused, or an actual request got no CORS headers.
///
/// It is the `reason` field of the debug-level `tracing` event (target `cors_runtime`) logged for every refused
/// request; its `Display` is what the event prints:
///
/// ```
/// use cors_runtime::Refusal;
///
/// assert_eq!(Refusal::Origin.to_string(), "origin not allowed");
/// assert_eq!(Refusal::MalformedMethod.to_string(), "malformed Access-Control-Request-Method header");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The `Origin` is not allowed by the policy.
    Origin,
    /// Several `Origin` lines, or an oversized one.
    MalformedOrigin,
    /// No annotated handler is routed for the requested method on this path, or its policy does not list it.
    Method,
    /// `Access-Control-Request-Method` is not a single method token (`GET, DELETE`, several lines).
    MalformedMethod,
    /// A requested header is not allowed.
    Header,
    /// `Access-Control-Request-Headers` is not a list of tokens, or exceeds the documented limits.
    MalformedRequestHeaders,
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Refusal::Origin => "origin not allowed",
            Refusal::MalformedOrigin => "malformed Origin header",
            Refusal::Method => "method not allowed",
            Refusal::MalformedMethod => "malformed Access-Control-Request-Method header",
            Refusal::Header => "request header not allowed",
            Refusal::MalformedRequestHeaders => {
                "malformed or oversized Access-Control-Request-Headers header"
            }
        })
    }
}
