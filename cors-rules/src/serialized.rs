//! Origins as browsers send them, read as bytes without allocating: how `cors-runtime` looks at a request's
//! `Origin` on every request.
//!
//! [`origin`](crate::origin) parses what a developer wrote and explains each mistake; these functions only say
//! yes or no about a serialized origin, and agree with that parser on every origin it accepts (the crate's tests
//! hold them to it). A browser serializes an origin as `scheme://host[:port]`: lowercase, IPv6 hosts in brackets
//! and compressed, no default port.
//!
//! ```
//! use cors_rules::serialized::{is_credential_safe, is_tuple_origin, split_port};
//!
//! assert!(is_tuple_origin(b"https://app.example.com"));
//! assert!(!is_tuple_origin(b"null"));
//! assert_eq!(split_port(b"[::1]:8443"), (&b"[::1]"[..], Some(&b"8443"[..])));
//! assert!(is_credential_safe(b"http://localhost:3000"));
//! assert!(!is_credential_safe(b"http://app.example.com"));
//! ```

/// Splits a serialized `host[:port]` at the port's colon; the colons of a bracketed IPv6 host are not one.
pub fn split_port(authority: &[u8]) -> (&[u8], Option<&[u8]>) {
    match authority.iter().rposition(|&b| b == b':') {
        Some(i) if !authority[i..].contains(&b']') => (&authority[..i], Some(&authority[i + 1..])),
        _ => (authority, None),
    }
}

/// A port as browsers serialize it: 1 to 65535, digits only, no leading zero.
pub fn is_port(port: &[u8]) -> bool {
    (1..=5).contains(&port.len())
        && port[0] != b'0'
        && port.iter().all(u8::is_ascii_digit)
        && port.iter().fold(0u32, |n, &d| n * 10 + u32::from(d - b'0')) <= 65535
}

/// A label of a host as browsers serialize it: 1 to 63 lowercase letters, digits, `-` and `_`.
pub fn is_label(label: &[u8]) -> bool {
    (1..=63).contains(&label.len())
        && label
            .iter()
            .all(|&b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

/// Whether `origin` has the shape of a serialized `http(s)` tuple origin: what a policy that echoes any origin
/// accepts (`null`, opaque and malformed origins do not).
pub fn is_tuple_origin(origin: &[u8]) -> bool {
    let authority = origin
        .strip_prefix(b"https://")
        .or_else(|| origin.strip_prefix(b"http://"));
    let Some(authority) = authority else {
        return false;
    };
    let (host, port) = split_port(authority);
    let host_ok = match host.strip_prefix(b"[") {
        // Compressed lowercase hexadecimal, as browsers write an IPv6 address.
        Some(rest) => rest.strip_suffix(b"]").is_some_and(|ip| {
            ip.len() >= 2
                && ip
                    .iter()
                    .all(|&b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b) || b == b':')
        }),
        None => host.split(|&b| b == b'.').all(is_label),
    };
    host_ok && port.is_none_or(is_port)
}

/// Whether a serialized origin is trusted with credentials without an opt-in: `https://`, or `http://` on a
/// loopback host (`localhost` and its subdomains, `127.0.0.0/8`, `[::1]`), as
/// [`AllowedOrigin::credential_risk`](crate::origin::AllowedOrigin::credential_risk) decides for a written one.
pub fn is_credential_safe(origin: &[u8]) -> bool {
    if origin.starts_with(b"https://") {
        return true;
    }
    let Some(authority) = origin.strip_prefix(b"http://") else {
        return false;
    };
    let (host, _) = split_port(authority);
    host == b"localhost"
        || host.ends_with(b".localhost")
        || host == b"[::1]"
        || std::str::from_utf8(host)
            .ok()
            .and_then(|h| h.parse::<std::net::Ipv4Addr>().ok())
            .is_some_and(|ip| ip.is_loopback())
}
