//! Methods a policy may allow.

use crate::token::is_token;
use core::fmt;

/// The methods browsers normalize to uppercase before sending (Fetch, "normalize a method").
pub const NORMALIZED: [&str; 6] = ["DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT"];
/// Methods browsers refuse to send, so allowing them means nothing.
pub const FORBIDDEN: [&str; 3] = ["CONNECT", "TRACE", "TRACK"];
/// The methods `cors_runtime::routing` has a function for (`get`, `post`, …): the routes a policy's `methods`
/// are checked against at compile time. Others (`"PURGE"`) are served through `any`.
pub const ROUTABLE: [&str; 7] = ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"];

/// Why a method cannot be allowed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MethodError {
    /// Not an RFC 9110 token.
    NotToken(String),
    /// `CONNECT`, `TRACE` or `TRACK`.
    Forbidden(String),
    /// A lowercase (or mixed-case) spelling of a method that browsers send uppercase.
    NotNormalized {
        /// What was written.
        written: String,
        /// What browsers send.
        normalized: &'static str,
    },
}

impl fmt::Display for MethodError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MethodError::NotToken(m) => write!(
                f,
                "`{m}` is not a method name (an HTTP token without spaces, commas or quotes): list one method per element, e.g. [GET, POST, \"PURGE\"]"
            ),
            MethodError::Forbidden(m) => write!(
                f,
                "`{m}` is a forbidden method: browsers refuse to send it, so allowing it has no effect; remove it"
            ),
            MethodError::NotNormalized { written, normalized } => write!(
                f,
                "browsers send `{written}` as `{normalized}` (they uppercase it), and methods are compared byte for byte: write `{normalized}`"
            ),
        }
    }
}

/// Checks a method name as the client sends it (methods are case-sensitive).
///
/// ```
/// use cors_rules::method::check_method;
/// assert!(check_method("PATCH").is_ok());
/// assert!(check_method("PURGE").is_ok());
/// assert!(check_method("get").is_err());
/// assert!(check_method("TRACE").is_err());
/// ```
pub fn check_method(method: &str) -> Result<(), MethodError> {
    if !is_token(method.as_bytes()) {
        return Err(MethodError::NotToken(method.to_owned()));
    }
    if FORBIDDEN.iter().any(|f| f.eq_ignore_ascii_case(method)) {
        return Err(MethodError::Forbidden(method.to_owned()));
    }
    if let Some(n) = NORMALIZED.iter().find(|n| n.eq_ignore_ascii_case(method)) {
        if *n != method {
            return Err(MethodError::NotNormalized {
                written: method.to_owned(),
                normalized: n,
            });
        }
    }
    Ok(())
}
