//! Hosts as browsers serialize them: lowercase ASCII domains, canonical IPv4, bracketed RFC 5952 IPv6.

use core::fmt;
use std::net::Ipv6Addr;

/// A host in serialized form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Host {
    /// A domain name (lowercase ASCII labels).
    Domain(String),
    /// A dotted-quad IPv4 address.
    Ipv4([u8; 4]),
    /// An IPv6 address (serialized in brackets).
    Ipv6(Ipv6Addr),
}

impl Host {
    /// Whether requests from this host come from the user's own machine (`localhost`, `*.localhost`,
    /// `127.0.0.0/8`, `[::1]`): the only hosts where plain `http://` is not readable by a network attacker.
    pub fn is_loopback(&self) -> bool {
        match self {
            Host::Domain(d) => d == "localhost" || d.ends_with(".localhost"),
            Host::Ipv4(a) => a[0] == 127,
            Host::Ipv6(a) => a.is_loopback(),
        }
    }
}

impl fmt::Display for Host {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Host::Domain(d) => f.write_str(d),
            Host::Ipv4([a, b, c, d]) => write!(f, "{a}.{b}.{c}.{d}"),
            Host::Ipv6(a) => write!(f, "[{}]", ipv6_serialize(a)),
        }
    }
}

/// Why a host is not in serialized form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HostError {
    /// No host at all.
    Empty,
    /// Two dots in a row, or a leading or trailing dot.
    EmptyLabel,
    /// Uppercase letters; carries the lowercase form.
    Uppercase(String),
    /// Non-ASCII characters.
    NonAscii,
    /// A character no host may contain.
    BadCharacter(char),
    /// A label longer than 63 bytes or a name longer than 253.
    TooLong,
    /// An IP address not written the way browsers serialize it; carries the canonical form when known.
    NonCanonicalIp(Option<String>),
}

impl fmt::Display for HostError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HostError::Empty => f.write_str("the host is empty: write a host such as `app.example.com`"),
            HostError::EmptyLabel => f.write_str(
                "the host has an empty label (two dots in a row, or a leading or trailing dot): remove the extra dot",
            ),
            HostError::Uppercase(lower) => write!(
                f,
                "browsers send hosts in lowercase and compare origins byte for byte: write `{lower}`"
            ),
            HostError::NonAscii => f.write_str(
                "the host is not ASCII: browsers send internationalized names in punycode; write the `xn--` form",
            ),
            HostError::BadCharacter(c) => write!(f, "`{c}` cannot appear in a host"),
            HostError::TooLong => f.write_str("the host is too long (labels of at most 63 bytes, 253 in all)"),
            HostError::NonCanonicalIp(Some(c)) => {
                write!(f, "browsers serialize this IP address as `{c}`: write it that way")
            }
            HostError::NonCanonicalIp(None) => {
                f.write_str("this is not an IP address browsers would send: write a dotted quad such as `127.0.0.1`")
            }
        }
    }
}

/// Parses a host (without port) that must already be in serialized form.
///
/// ```
/// use cors_rules::host::{parse_host, Host};
/// assert_eq!(parse_host("127.0.0.1").unwrap(), Host::Ipv4([127, 0, 0, 1]));
/// assert!(parse_host("127.1").is_err());
/// assert!(parse_host("[::1]").unwrap().is_loopback());
/// assert!(parse_host("[0:0::1]").is_err());
/// ```
pub fn parse_host(host: &str) -> Result<Host, HostError> {
    if host.is_empty() {
        return Err(HostError::Empty);
    }
    if let Some(inner) = host.strip_prefix('[') {
        let inner = inner
            .strip_suffix(']')
            .ok_or(HostError::BadCharacter('['))?;
        let addr: Ipv6Addr = inner.parse().map_err(|_| HostError::NonCanonicalIp(None))?;
        let canonical = ipv6_serialize(&addr);
        return if canonical == inner {
            Ok(Host::Ipv6(addr))
        } else {
            Err(HostError::NonCanonicalIp(Some(format!("[{canonical}]"))))
        };
    }
    if !host.is_ascii() {
        return Err(HostError::NonAscii);
    }
    if let Some(c) = host
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_')))
    {
        return Err(HostError::BadCharacter(c));
    }
    if host.bytes().any(|b| b.is_ascii_uppercase()) {
        return Err(HostError::Uppercase(host.to_ascii_lowercase()));
    }
    let last = host.rsplit('.').next().unwrap_or(host);
    if ends_in_number(last) {
        return parse_ipv4(host).map(Host::Ipv4);
    }
    check_domain(host)?;
    Ok(Host::Domain(host.to_owned()))
}

/// Checks the labels of a lowercase ASCII domain name.
pub fn check_domain(domain: &str) -> Result<(), HostError> {
    if domain.len() > 253 {
        return Err(HostError::TooLong);
    }
    for label in domain.split('.') {
        if label.is_empty() {
            return Err(HostError::EmptyLabel);
        }
        if label.len() > 63 {
            return Err(HostError::TooLong);
        }
    }
    Ok(())
}

/// The URL standard treats a host whose last label is a number (decimal, or `0x` hex) as IPv4.
fn ends_in_number(label: &str) -> bool {
    !label.is_empty()
        && (label.bytes().all(|b| b.is_ascii_digit())
            || label
                .strip_prefix("0x")
                .or_else(|| label.strip_prefix("0X"))
                .is_some_and(|h| h.bytes().all(|b| b.is_ascii_hexdigit())))
}

/// Accepts only the canonical dotted quad; for any other IPv4 spelling the URL standard accepts
/// (`127.1`, `0x7f.0.0.1`, `0177.0.0.1`, `2130706433`) it names the canonical form.
fn parse_ipv4(host: &str) -> Result<[u8; 4], HostError> {
    let parts: Vec<&str> = host.split('.').collect();
    let canonical = url_ipv4(&parts);
    match canonical {
        Some(v) => {
            let octets = v.to_be_bytes();
            let text = format!("{}.{}.{}.{}", octets[0], octets[1], octets[2], octets[3]);
            if text == host {
                Ok(octets)
            } else {
                Err(HostError::NonCanonicalIp(Some(text)))
            }
        }
        None => Err(HostError::NonCanonicalIp(None)),
    }
}

/// The URL standard's IPv4 parser (decimal, octal with a leading 0, hex with 0x; 1 to 4 parts).
fn url_ipv4(parts: &[&str]) -> Option<u32> {
    if parts.is_empty() || parts.len() > 4 {
        return None;
    }
    let mut numbers = Vec::with_capacity(4);
    for part in parts {
        let (digits, radix) =
            if let Some(h) = part.strip_prefix("0x").or_else(|| part.strip_prefix("0X")) {
                (h, 16)
            } else if let Some(octal) = part.strip_prefix('0') {
                // A lone `0` leaves no digits: 0, as the standard reads it in decimal.
                (octal, 8)
            } else {
                (*part, 10)
            };
        let n = if digits.is_empty() {
            0
        } else {
            u64::from_str_radix(digits, radix).ok()?
        };
        numbers.push(n);
    }
    let last = numbers.pop()?;
    if numbers.iter().any(|&n| n > 255) || last >= 256u64.pow(4 - numbers.len() as u32) {
        return None;
    }
    let mut value = last;
    for (i, n) in numbers.iter().enumerate() {
        value += n * 256u64.pow(3 - i as u32);
    }
    u32::try_from(value).ok()
}

/// RFC 5952 / URL-standard serialization: lowercase hex, the first longest run of two or more zero
/// pieces compressed, and no embedded IPv4 notation.
pub fn ipv6_serialize(addr: &Ipv6Addr) -> String {
    let pieces = addr.segments();
    let (mut best, mut best_len, mut i) = (None, 1, 0);
    while i < 8 {
        if pieces[i] == 0 {
            let start = i;
            while i < 8 && pieces[i] == 0 {
                i += 1;
            }
            if i - start > best_len {
                best = Some(start);
                best_len = i - start;
            }
        } else {
            i += 1;
        }
    }
    let mut out = String::new();
    let mut i = 0;
    while i < 8 {
        if Some(i) == best {
            out.push_str(if i == 0 { "::" } else { ":" });
            i += best_len;
            continue;
        }
        out.push_str(&format!("{:x}", pieces[i]));
        if i < 7 {
            out.push(':');
        }
        i += 1;
    }
    out
}

/// Whether `domain` is itself a public suffix (`com`, `co.uk`, `github.io`): a pattern over it
/// matches sites owned by strangers.
///
/// ```
/// use cors_rules::host::is_public_suffix;
/// assert!(is_public_suffix("github.io"));
/// assert!(is_public_suffix("co.uk"));
/// assert!(!is_public_suffix("example.com"));
/// ```
pub fn is_public_suffix(domain: &str) -> bool {
    match psl::suffix(domain.as_bytes()) {
        Some(suffix) => suffix.is_known() && suffix.as_bytes() == domain.as_bytes(),
        None => false,
    }
}
