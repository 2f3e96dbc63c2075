//! Literal origins and origin patterns: matching a serialized origin against a list, on whole labels.
//!
//! Both the attribute's origins (built by the compiler) and [`RuntimeOrigins`](crate::RuntimeOrigins) (built at
//! start-up) are lists of this kind.

use cors_rules::origin::origin_order;
use cors_rules::serialized::{is_label, is_port, split_port};
use http::HeaderValue;

/// Up to this many exact origins are scanned; longer lists are binary-searched.
const LINEAR_SCAN_MAX: usize = 8;

/// One listed origin and its prepared `Access-Control-Allow-Origin` value.
#[derive(Debug)]
pub struct ExactOrigin {
    /// The serialized origin.
    pub(crate) origin: &'static str,
    /// The same, as a header value.
    pub(crate) value: HeaderValue,
}

impl ExactOrigin {
    /// One listed origin; `value` is `origin` as a header value.
    pub const fn new(origin: &'static str, value: HeaderValue) -> Self {
        Self { origin, value }
    }

    /// An origin known only at run time, leaked to `'static` like the compiled policies' origins, so that one
    /// matcher serves both. The caller has parsed it (`parse_origin`): it is visible ASCII, every byte
    /// `HeaderValue::from_static` accepts, so that cannot panic.
    pub(crate) fn leaked(origin: &str) -> Self {
        let origin: &'static str = Box::leak(origin.to_owned().into_boxed_str());
        Self::new(origin, HeaderValue::from_static(origin))
    }
}

/// An origin pattern, matched on whole labels.
#[derive(Debug)]
pub struct OriginPattern {
    /// `https://` or `http://`.
    pub(crate) scheme: &'static str,
    /// Which hosts match.
    pub(crate) host: HostPattern,
    /// Which ports match.
    pub(crate) port: PortPattern,
}

impl OriginPattern {
    /// A pattern of `scheme` (`https://` or `http://`), `host` and `port`.
    pub const fn new(scheme: &'static str, host: HostPattern, port: PortPattern) -> Self {
        Self { scheme, host, port }
    }
}

/// The host part of a pattern.
#[derive(Debug)]
pub enum HostPattern {
    /// This host exactly (a `:*` pattern such as `http://localhost:*`).
    Exact(&'static str),
    /// One or more whole labels before this suffix, which starts with a dot (`.example.com`).
    Subdomains(&'static str),
}

/// The port part of a pattern.
#[derive(Debug)]
pub enum PortPattern {
    /// No port in the origin (the scheme's default).
    Default,
    /// This port exactly.
    Exact(&'static str),
    /// Any port, or none.
    Any,
}

/// The `Access-Control-Allow-Origin` value for `origin` if `exact` (sorted by `(len, bytes)`) or `patterns`
/// allow it. Work is a scan of at most 8 exact origins or a binary search of more, plus one pass per pattern.
pub(crate) fn allow_listed(
    exact: &[ExactOrigin],
    patterns: &[OriginPattern],
    origin: &HeaderValue,
) -> Option<HeaderValue> {
    let bytes = origin.as_bytes();
    let found = if exact.len() <= LINEAR_SCAN_MAX {
        // Short lists: one length comparison per entry beats a binary search's ordered comparisons.
        exact
            .iter()
            .find(|e| e.origin.len() == bytes.len() && e.origin.as_bytes() == bytes)
    } else {
        exact
            .binary_search_by(|e| origin_order(e.origin).cmp(&(bytes.len(), bytes)))
            .ok()
            .map(|i| &exact[i])
    };
    if let Some(exact) = found {
        return Some(exact.value.clone());
    }
    patterns
        .iter()
        .any(|p| p.matches(bytes))
        .then(|| origin.clone())
}

impl OriginPattern {
    /// Whether a serialized origin matches this pattern: whole labels, the pattern's scheme and port only.
    pub fn matches(&self, origin: &[u8]) -> bool {
        let Some(authority) = origin.strip_prefix(self.scheme.as_bytes()) else {
            return false;
        };
        let (host, port) = split_port(authority);
        let port_ok = match (&self.port, port) {
            (PortPattern::Default, None) => true,
            (PortPattern::Exact(p), Some(q)) => p.as_bytes() == q,
            (PortPattern::Any, None) => true,
            (PortPattern::Any, Some(q)) => is_port(q),
            _ => false,
        };
        port_ok
            && match self.host {
                HostPattern::Exact(h) => h.as_bytes() == host,
                HostPattern::Subdomains(suffix) => {
                    host.strip_suffix(suffix.as_bytes()).is_some_and(|labels| {
                        !labels.is_empty() && labels.split(|&b| b == b'.').all(is_label)
                    })
                }
            }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // In (len, bytes) order, as the macro emits them.
    static EXACT: [ExactOrigin; 3] = [
        ExactOrigin {
            origin: "https://bar.com",
            value: HeaderValue::from_static("https://bar.com"),
        },
        ExactOrigin {
            origin: "https://foo.com",
            value: HeaderValue::from_static("https://foo.com"),
        },
        ExactOrigin {
            origin: "https://app.foo.com",
            value: HeaderValue::from_static("https://app.foo.com"),
        },
    ];

    #[test]
    fn pattern_matches_whole_labels_only() {
        let p = OriginPattern {
            scheme: "https://",
            host: HostPattern::Subdomains(".example.com"),
            port: PortPattern::Default,
        };
        assert!(p.matches(b"https://a.example.com"));
        assert!(p.matches(b"https://a.b.example.com"));
        for bad in [
            "https://example.com",
            "https://evilexample.com",
            "https://a.example.com.evil.net",
            "http://a.example.com",
            "https://a.example.com:8443",
            "https://.example.com",
            "https://a..example.com",
            "https://A.example.com",
            "https://a%2e.example.com",
            "https://a:1.example.com",
        ] {
            assert!(!p.matches(bad.as_bytes()), "{bad}");
        }
    }

    #[test]
    fn any_port_pattern() {
        let p = OriginPattern {
            scheme: "http://",
            host: HostPattern::Exact("localhost"),
            port: PortPattern::Any,
        };
        assert!(p.matches(b"http://localhost"));
        assert!(p.matches(b"http://localhost:3000"));
        for bad in [
            "http://localhost:0",
            "http://localhost:03000",
            "http://localhost:65536",
            "http://localhost:",
            "http://localhost.evil.com:80",
        ] {
            assert!(!p.matches(bad.as_bytes()), "{bad}");
        }
    }

    #[test]
    fn exact_lookup_does_not_accept_shared_suffixes() {
        let allow = |o: &HeaderValue| allow_listed(&EXACT, &[], o);
        for good in ["https://foo.com", "https://bar.com", "https://app.foo.com"] {
            assert_eq!(allow(&HeaderValue::from_static(good)).unwrap(), good);
        }
        for bad in [
            "https://barfoo.com",
            "https://foo.co",
            "https://foo.com/",
            "http://foo.com",
            "https://foo.com.",
            "https://FOO.com",
        ] {
            assert!(allow(&HeaderValue::from_static(bad)).is_none(), "{bad}");
        }
    }

    #[test]
    fn long_lists_are_searched_like_short_ones() {
        let mut names: Vec<String> = (0..40)
            .map(|i| format!("https://app{i}.example.com"))
            .collect();
        names.sort_by(|a, b| origin_order(a).cmp(&origin_order(b)));
        let exact: Vec<ExactOrigin> = names.iter().map(|n| ExactOrigin::leaked(n)).collect();
        let exact: &'static [ExactOrigin] = Box::leak(exact.into_boxed_slice());
        for len in [1, LINEAR_SCAN_MAX, LINEAR_SCAN_MAX + 1, exact.len()] {
            let allow = |o: &HeaderValue| allow_listed(&exact[..len], &[], o);
            for e in &exact[..len] {
                assert!(allow(&e.value).is_some(), "{len}: {}", e.origin);
            }
            for e in &exact[len..] {
                assert!(allow(&e.value).is_none(), "{len}: {}", e.origin);
            }
            assert!(allow(&HeaderValue::from_static("https://app1.example.co")).is_none());
        }
    }
}
