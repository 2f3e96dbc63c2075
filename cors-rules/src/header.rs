//! Header names a policy may allow (`headers`) or expose (`expose`).

use crate::token::is_token;
use core::fmt;

/// Request headers that scripts cannot set (Fetch, "forbidden request-header"), besides the
/// `proxy-` and `sec-` prefixes.
pub const FORBIDDEN_REQUEST: [&str; 21] = [
    "accept-charset",
    "accept-encoding",
    "access-control-request-headers",
    "access-control-request-method",
    "connection",
    "content-length",
    "cookie",
    "cookie2",
    "date",
    "dnt",
    "expect",
    "host",
    "keep-alive",
    "origin",
    "referer",
    "set-cookie",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "via",
];
/// Response headers that can never be exposed to script.
pub const FORBIDDEN_RESPONSE: [&str; 2] = ["set-cookie", "set-cookie2"];
/// Response headers script can always read, so exposing them changes nothing.
pub const SAFELISTED_RESPONSE: [&str; 7] = [
    "cache-control",
    "content-language",
    "content-length",
    "content-type",
    "expires",
    "last-modified",
    "pragma",
];

/// Why a header name cannot be listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeaderError {
    /// Not an RFC 9110 token.
    NotToken(String),
    /// A request header scripts cannot set.
    ForbiddenRequest(String),
    /// A CORS protocol header, which only browsers send.
    ProtocolRequest(String),
    /// `set-cookie` or `set-cookie2` in `expose`.
    ForbiddenResponse(String),
    /// A CORS protocol header in `expose`.
    ProtocolResponse(String),
    /// A safelisted response header in `expose`.
    AlwaysExposed(String),
}

impl fmt::Display for HeaderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HeaderError::NotToken(h) => write!(
                f,
                "`{h}` is not a header name (an HTTP token without spaces, commas or colons): list one name per element, e.g. [\"content-type\", \"x-request-id\"]"
            ),
            HeaderError::ForbiddenRequest(h) => write!(
                f,
                "`{h}` is a forbidden request header: scripts cannot set it, so allowing it has no effect; remove it"
            ),
            HeaderError::ProtocolRequest(h) => write!(
                f,
                "`{h}` is set by the browser itself, never by script; remove it from `headers`"
            ),
            HeaderError::ForbiddenResponse(h) => write!(
                f,
                "`{h}` can never be exposed to script (browsers filter it out); remove it from `expose`"
            ),
            HeaderError::ProtocolResponse(h) => write!(
                f,
                "`{h}` is a CORS protocol header, not application data; remove it from `expose`"
            ),
            HeaderError::AlwaysExposed(h) => write!(
                f,
                "`{h}` is a safelisted response header that script can always read; remove it from `expose`"
            ),
        }
    }
}

fn lowercase_token(name: &str) -> Result<String, HeaderError> {
    if !is_token(name.as_bytes()) {
        return Err(HeaderError::NotToken(name.to_owned()));
    }
    Ok(name.to_ascii_lowercase())
}

/// Checks a request header name for `headers`; returns its lowercase form.
///
/// ```
/// use cors_rules::header::check_request_header;
/// assert_eq!(check_request_header("X-Request-Id").unwrap(), "x-request-id");
/// assert!(check_request_header("cookie").is_err());
/// assert!(check_request_header("sec-fetch-mode").is_err());
/// ```
pub fn check_request_header(name: &str) -> Result<String, HeaderError> {
    let lower = lowercase_token(name)?;
    if lower == "origin" || lower.starts_with("access-control-") {
        return Err(HeaderError::ProtocolRequest(name.to_owned()));
    }
    if FORBIDDEN_REQUEST.contains(&lower.as_str())
        || lower.starts_with("proxy-")
        || lower.starts_with("sec-")
    {
        return Err(HeaderError::ForbiddenRequest(name.to_owned()));
    }
    Ok(lower)
}

/// Checks a response header name for `expose`; returns its lowercase form.
///
/// ```
/// use cors_rules::header::check_exposed_header;
/// assert_eq!(check_exposed_header("X-Total-Count").unwrap(), "x-total-count");
/// assert!(check_exposed_header("set-cookie").is_err());
/// ```
pub fn check_exposed_header(name: &str) -> Result<String, HeaderError> {
    let lower = lowercase_token(name)?;
    if FORBIDDEN_RESPONSE.contains(&lower.as_str()) {
        return Err(HeaderError::ForbiddenResponse(name.to_owned()));
    }
    if lower.starts_with("access-control-") {
        return Err(HeaderError::ProtocolResponse(name.to_owned()));
    }
    if SAFELISTED_RESPONSE.contains(&lower.as_str()) {
        return Err(HeaderError::AlwaysExposed(name.to_owned()));
    }
    Ok(lower)
}
