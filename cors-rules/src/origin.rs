//! Allowed origins: exact serialized origins and the two pattern forms (`scheme://*.domain`, `:*`).

use crate::host::{check_domain, is_public_suffix, parse_host, Host, HostError};
use core::fmt;

/// Schemes whose origins are opaque: browsers send `Origin: null` for them.
const OPAQUE_SCHEMES: [&str; 6] = ["file", "data", "blob", "about", "javascript", "filesystem"];

/// An origin, exactly as a browser serializes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// `http` or `https`.
    pub scheme: Scheme,
    /// The host.
    pub host: Host,
    /// The port, absent when it is the scheme's default.
    pub port: Option<u16>,
}

/// The schemes of origins that can make CORS requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scheme {
    /// `http://`
    Http,
    /// `https://`
    Https,
}

impl Scheme {
    /// The scheme's name.
    pub fn as_str(self) -> &'static str {
        match self {
            Scheme::Http => "http",
            Scheme::Https => "https",
        }
    }
    fn default_port(self) -> u16 {
        match self {
            Scheme::Http => 80,
            Scheme::Https => 443,
        }
    }
}

/// Which hosts a pattern matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HostPattern {
    /// Exactly this host (with `:*`, any port of it).
    Exact(Host),
    /// Every host with one or more whole labels in front of this domain (`*.example.com`).
    Subdomains(String),
}

/// Which ports a pattern matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PortPattern {
    /// Only the scheme's default port.
    Default,
    /// Only this port.
    Exact(u16),
    /// Any port, including the default (`:*`).
    Any,
}

/// An origin pattern: `https://*.example.com`, `http://localhost:*`, `https://*.example.com:*`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OriginPattern {
    /// The scheme, matched exactly.
    pub scheme: Scheme,
    /// The hosts matched.
    pub host: HostPattern,
    /// The ports matched.
    pub port: PortPattern,
}

/// One element of `origins`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AllowedOrigin {
    /// An exact origin.
    Exact(Origin),
    /// A pattern.
    Pattern(OriginPattern),
}

impl AllowedOrigin {
    /// The scheme.
    pub fn scheme(&self) -> Scheme {
        match self {
            AllowedOrigin::Exact(o) => o.scheme,
            AllowedOrigin::Pattern(p) => p.scheme,
        }
    }

    /// Whether every host this element matches is a loopback host.
    pub fn is_loopback(&self) -> bool {
        match self {
            AllowedOrigin::Exact(o) => o.host.is_loopback(),
            AllowedOrigin::Pattern(p) => match &p.host {
                HostPattern::Exact(h) => h.is_loopback(),
                HostPattern::Subdomains(d) => d == "localhost" || d.ends_with(".localhost"),
            },
        }
    }

    /// What is unsafe about trusting this element with credentials, if anything.
    ///
    /// ```
    /// use cors_rules::origin::{parse_origin, CredentialRisk};
    /// let risk = |s| parse_origin(s).unwrap().credential_risk();
    /// assert_eq!(risk("https://app.example.com"), None);
    /// assert_eq!(risk("http://localhost:3000"), None);
    /// assert_eq!(risk("http://app.example.com"), Some(CredentialRisk::InsecureScheme));
    /// assert_eq!(risk("https://*.github.io"), Some(CredentialRisk::PublicSuffixPattern("github.io".into())));
    /// ```
    pub fn credential_risk(&self) -> Option<CredentialRisk> {
        if self.scheme() == Scheme::Http && !self.is_loopback() {
            return Some(CredentialRisk::InsecureScheme);
        }
        if let AllowedOrigin::Pattern(OriginPattern {
            host: HostPattern::Subdomains(d),
            ..
        }) = self
        {
            if is_public_suffix(d) {
                return Some(CredentialRisk::PublicSuffixPattern(d.clone()));
            }
        }
        None
    }
}

/// The order exact origins are kept in, by the macro and at run time alike, so that matching can stop early on
/// length and binary-search long lists: length first, then bytes.
///
/// ```
/// use cors_rules::origin::origin_order;
/// let mut origins = ["https://b.example", "https://app.example", "https://a.example"];
/// origins.sort_by_key(|o| origin_order(o));
/// assert_eq!(origins, ["https://a.example", "https://b.example", "https://app.example"]);
/// ```
pub fn origin_order(origin: &str) -> (usize, &[u8]) {
    (origin.len(), origin.as_bytes())
}

/// Why an element is unsafe to trust with credentials. Its `Display` says why and how to fix it, in the words
/// of both the attribute's compile error and the run-time error of `RuntimeOrigins` (each adds its own opt-out).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CredentialRisk {
    /// A non-loopback `http://` origin: a network attacker can inject script into it.
    InsecureScheme,
    /// A pattern over a public suffix: anybody can register a matching site.
    PublicSuffixPattern(String),
}

impl fmt::Display for CredentialRisk {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CredentialRisk::InsecureScheme => f.write_str(
                "plain `http://` is not trusted with credentials: a network attacker who injects script into that \
                 origin can read your users' data. Use `https://` (plain `http://` is fine for localhost)",
            ),
            CredentialRisk::PublicSuffixPattern(suffix) => write!(
                f,
                "the pattern matches sites anyone can register (`{suffix}` is a public suffix), and credentials \
                 would let them read your users' data: list your own origins (e.g. `https://myapp.{suffix}`)"
            ),
        }
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}://{}", self.scheme.as_str(), self.host)?;
        match self.port {
            Some(p) => write!(f, ":{p}"),
            None => Ok(()),
        }
    }
}

/// Why an origin string is not a serialized origin or a valid pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OriginError {
    /// The empty string.
    Empty,
    /// Whitespace anywhere; the origin without it.
    Whitespace(String),
    /// The literal `null`.
    Null,
    /// `*` inside a list of origins.
    WildcardInList,
    /// No `scheme://`.
    MissingScheme(String),
    /// A scheme written with uppercase letters.
    UppercaseScheme(String),
    /// `file://`, `data:` and the like.
    OpaqueScheme(String),
    /// A scheme other than `http` and `https`.
    UnknownScheme(String),
    /// `user@` before the host.
    Userinfo,
    /// A `/` after the host and nothing else.
    TrailingSlash(String),
    /// A path after the host.
    Path(String),
    /// A `?query`.
    Query(String),
    /// A `#fragment`.
    Fragment(String),
    /// The scheme's default port written out.
    DefaultPort(String),
    /// A port that is not 1..=65535 without leading zeros.
    BadPort(String),
    /// `*://`: a wildcard scheme; the rest of the origin.
    WildcardScheme(String),
    /// A `*` that is part of a label (`*example.com`); the pattern as it must be written.
    PartialLabelWildcard(String),
    /// A `*` in the middle of the host (`api.*.example.com`), or a second one.
    InnerWildcard,
    /// A pattern whose domain is an IP address.
    PatternOverIp,
    /// The host is not in serialized form.
    Host(HostError),
}

impl fmt::Display for OriginError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use OriginError::*;
        match self {
            Empty => f.write_str("an origin cannot be empty: write one such as \"https://app.example.com\""),
            Whitespace(fixed) => write!(
                f,
                "an origin has no whitespace (browsers never send any, and compare byte for byte): write `{fixed}`"
            ),
            Null => f.write_str(
                "`null` must never be allowed: sandboxed iframes, `file:` pages and redirected requests all send \
                 `Origin: null`, so any site can produce it; serve such clients from a real origin instead",
            ),
            WildcardInList => f.write_str(
                "`*` cannot be mixed with other origins: write `origins = \"*\"` alone to allow every origin, or list the origins",
            ),
            MissingScheme(fixed) => write!(f, "an origin starts with its scheme: write `{fixed}`"),
            UppercaseScheme(lower) => write!(f, "browsers send the scheme in lowercase: write `{lower}://`"),
            OpaqueScheme(s) => write!(
                f,
                "`{s}:` pages have an opaque origin: browsers send `Origin: null` for them, which must never be allowed; \
                 serve the page from an `https://` origin and list that"
            ),
            UnknownScheme(s) => write!(
                f,
                "`{s}` is not a scheme of web origins: browsers send CORS requests from `https://` (or `http://`) origins"
            ),
            Userinfo => f.write_str("an origin has no user information: remove the part up to and including `@`"),
            TrailingSlash(fixed) => write!(
                f,
                "browsers send origins without a trailing slash and compare byte for byte: write `{fixed}`"
            ),
            Path(fixed) => write!(f, "an origin has no path: write `{fixed}`"),
            Query(fixed) => write!(f, "an origin has no query: write `{fixed}`"),
            Fragment(fixed) => write!(f, "an origin has no fragment: write `{fixed}`"),
            DefaultPort(fixed) => write!(
                f,
                "browsers omit the scheme's default port and compare byte for byte: write `{fixed}`"
            ),
            BadPort(p) => write!(f, "`{p}` is not a port: write a number from 1 to 65535 without leading zeros, or `*` for any port"),
            WildcardScheme(rest) => write!(
                f,
                "the scheme cannot be `*`: list each scheme the front-end uses, e.g. `https://{rest}` (plain `http://` \
                 only for local development)"
            ),
            PartialLabelWildcard(fixed) => write!(
                f,
                "`*` stands for whole labels, before a dot: write `{fixed}` (which matches every subdomain but not \
                 the domain itself: list that too if it needs access)"
            ),
            InnerWildcard => f.write_str(
                "`*` can only stand for the leftmost labels (`https://*.example.com`), not for one in the middle: \
                 list the hosts, or use the leftmost form if every subdomain may read",
            ),
            PatternOverIp => f.write_str("`*.` needs a domain after it, not an IP address"),
            Host(e) => e.fmt(f),
        }
    }
}

/// Parses one element of `origins`: a serialized origin or a pattern.
///
/// ```
/// use cors_rules::origin::parse_origin;
/// assert!(parse_origin("http://localhost:*").is_ok());
/// assert!(parse_origin("https://[::1]:8443").is_ok());
/// for bad in ["null", "app.example.com", "https://app.example.com:443", "https://App.example.com",
///             "https://*example.com", "https://a..com", "https://münchen.de", "file:///tmp"] {
///     assert!(parse_origin(bad).is_err(), "{bad}");
/// }
/// ```
pub fn parse_origin(input: &str) -> Result<AllowedOrigin, OriginError> {
    use OriginError::*;
    if input.is_empty() {
        return Err(Empty);
    }
    if input.chars().any(char::is_whitespace) {
        return Err(Whitespace(input.split_whitespace().collect()));
    }
    if input.eq_ignore_ascii_case("null") {
        return Err(Null);
    }
    if input == "*" {
        return Err(WildcardInList);
    }
    let Some((scheme, rest)) = input.split_once("://") else {
        if let Some((scheme, _)) = input.split_once(':') {
            if OPAQUE_SCHEMES.contains(&scheme.to_ascii_lowercase().as_str()) {
                return Err(OpaqueScheme(scheme.to_owned()));
            }
        }
        return Err(MissingScheme(format!("https://{input}")));
    };
    let scheme = match scheme {
        "https" => Scheme::Https,
        "http" => Scheme::Http,
        s if s.eq_ignore_ascii_case("https") || s.eq_ignore_ascii_case("http") => {
            return Err(UppercaseScheme(s.to_ascii_lowercase()))
        }
        s if OPAQUE_SCHEMES.contains(&s.to_ascii_lowercase().as_str()) => {
            return Err(OpaqueScheme(s.to_owned()))
        }
        "*" => return Err(WildcardScheme(rest.to_owned())),
        s => return Err(UnknownScheme(s.to_owned())),
    };
    let prefix = &input[..input.len() - rest.len()];
    if let Some(at) = rest.find('@') {
        if rest[..at].find(['/', '?', '#']).is_none() {
            return Err(Userinfo);
        }
    }
    // Everything after the authority is wrong; name the first part and show the fixed origin.
    if let Some(cut) = rest.find(['/', '?', '#']) {
        let fixed = format!("{prefix}{}", &rest[..cut]);
        let tail = &rest[cut..];
        return Err(match tail.as_bytes()[0] {
            b'/' if tail == "/" => TrailingSlash(fixed),
            b'/' => Path(fixed),
            b'?' => Query(fixed),
            _ => Fragment(fixed),
        });
    }
    let (host, port) = split_port(rest)?;
    let port = match port {
        None => PortPattern::Default,
        Some("*") => PortPattern::Any,
        Some(p) => {
            let valid = !p.is_empty()
                && p.len() <= 5
                && p.bytes().all(|b| b.is_ascii_digit())
                && !p.starts_with('0');
            let n: u16 = if valid {
                p.parse().map_err(|_| BadPort(p.to_owned()))?
            } else {
                return Err(BadPort(p.to_owned()));
            };
            if n == scheme.default_port() {
                return Err(DefaultPort(format!("{prefix}{host}")));
            }
            PortPattern::Exact(n)
        }
    };
    if let Some(domain) = host.strip_prefix("*.") {
        if domain.contains('*') {
            return Err(InnerWildcard);
        }
        return match parse_host(domain).map_err(Host)? {
            crate::host::Host::Domain(d) => {
                check_domain(&d).map_err(Host)?;
                Ok(AllowedOrigin::Pattern(OriginPattern {
                    scheme,
                    host: HostPattern::Subdomains(d),
                    port,
                }))
            }
            _ => Err(PatternOverIp),
        };
    }
    if let Some(label_rest) = host.strip_prefix('*') {
        // `*example.com` most likely lost its dot; `*-api.example.com` meant every subdomain of the rest.
        let domain = if label_rest.starts_with(|c: char| c.is_ascii_alphanumeric()) {
            Some(label_rest)
        } else {
            label_rest.split_once('.').map(|(_, d)| d)
        };
        if let Some(domain) = domain.filter(|d| !d.contains('*') && d.contains('.')) {
            let port = &rest[host.len()..];
            return Err(PartialLabelWildcard(format!("{prefix}*.{domain}{port}")));
        }
    }
    if host.contains('*') {
        return Err(InnerWildcard);
    }
    let host = parse_host(host).map_err(Host)?;
    Ok(match port {
        PortPattern::Any => AllowedOrigin::Pattern(OriginPattern {
            scheme,
            host: HostPattern::Exact(host),
            port,
        }),
        PortPattern::Exact(p) => AllowedOrigin::Exact(Origin {
            scheme,
            host,
            port: Some(p),
        }),
        PortPattern::Default => AllowedOrigin::Exact(Origin {
            scheme,
            host,
            port: None,
        }),
    })
}

/// Splits `host[:port]`, minding the colons of a bracketed IPv6 host, even one behind `*.`.
fn split_port(authority: &str) -> Result<(&str, Option<&str>), OriginError> {
    if let Some(open) = authority.find('[') {
        let end = authority[open..]
            .find(']')
            .map(|close| open + close + 1)
            .ok_or(OriginError::Host(HostError::NonCanonicalIp(None)))?;
        let (host, rest) = authority.split_at(end);
        return match rest.strip_prefix(':') {
            Some(port) => Ok((host, Some(port))),
            None if rest.is_empty() => Ok((host, None)),
            None => Err(OriginError::Host(HostError::BadCharacter(
                rest.chars().next().unwrap_or(']'),
            ))),
        };
    }
    Ok(match authority.rsplit_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (authority, None),
    })
}
