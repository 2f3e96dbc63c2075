//! Every rule of `cors-rules`, each with the inputs on both sides of it and the exact error it gives: the
//! crate's own guard, so that breaking a rule fails here (`scripts/mutants` holds it to that), whatever the
//! macro's UI tests and the runtime's tests also check.

use cors_rules::header::{check_exposed_header, check_request_header, HeaderError};
use cors_rules::host::{
    check_domain, ipv6_serialize, is_public_suffix, parse_host, Host, HostError,
};
use cors_rules::max_age::{check_max_age, MaxAgeError, MAX, MIN};
use cors_rules::method::{check_method, MethodError, ROUTABLE};
use cors_rules::origin::{
    origin_order, parse_origin, AllowedOrigin, CredentialRisk, HostPattern, Origin, OriginError,
    OriginPattern, PortPattern, Scheme,
};
use cors_rules::serialized::{is_credential_safe, is_label, is_port, is_tuple_origin, split_port};
use cors_rules::token::{is_tchar, is_token};
use std::net::Ipv6Addr;

// --- hosts -------------------------------------------------------------------------------------------------------

#[test]
fn hosts_in_serialized_form_parse() {
    assert_eq!(
        parse_host("app.example.com"),
        Ok(Host::Domain("app.example.com".into()))
    );
    assert_eq!(
        parse_host("a_b-c.example"),
        Ok(Host::Domain("a_b-c.example".into()))
    );
    assert_eq!(parse_host("127.0.0.1"), Ok(Host::Ipv4([127, 0, 0, 1])));
    assert_eq!(parse_host("255.255.255.255"), Ok(Host::Ipv4([255; 4])));
    assert_eq!(parse_host("[::1]"), Ok(Host::Ipv6(Ipv6Addr::LOCALHOST)));
    assert_eq!(
        parse_host("[2001:db8::1]"),
        Ok(Host::Ipv6("2001:db8::1".parse().unwrap()))
    );
}

#[test]
fn each_host_mistake_has_its_error() {
    let cases: &[(&str, HostError)] = &[
        ("", HostError::Empty),
        ("a..b", HostError::EmptyLabel),
        (".a.com", HostError::EmptyLabel),
        ("a.com.", HostError::EmptyLabel),
        (
            "App.Example.com",
            HostError::Uppercase("app.example.com".into()),
        ),
        ("bücher.de", HostError::NonAscii),
        ("a b.com", HostError::BadCharacter(' ')),
        ("a/b.com", HostError::BadCharacter('/')),
        ("a:b", HostError::BadCharacter(':')),
        ("[::1", HostError::BadCharacter('[')),
        ("[zz::1]", HostError::NonCanonicalIp(None)),
        ("[0:0::1]", HostError::NonCanonicalIp(Some("[::1]".into()))),
        (
            "[2001:DB8::1]",
            HostError::NonCanonicalIp(Some("[2001:db8::1]".into())),
        ),
        ("127.1", HostError::NonCanonicalIp(Some("127.0.0.1".into()))),
        (
            "0x7f.0.0.1",
            HostError::NonCanonicalIp(Some("127.0.0.1".into())),
        ),
        (
            "0177.0.0.1",
            HostError::NonCanonicalIp(Some("127.0.0.1".into())),
        ),
        (
            "2130706433",
            HostError::NonCanonicalIp(Some("127.0.0.1".into())),
        ),
        ("1.2.3.4.5", HostError::NonCanonicalIp(None)),
        ("256.0.0.1", HostError::NonCanonicalIp(None)),
        ("1.2.3.256", HostError::NonCanonicalIp(None)),
        ("1.2.65536", HostError::NonCanonicalIp(None)),
    ];
    for (host, error) in cases {
        assert_eq!(parse_host(host).as_ref(), Err(error), "{host}");
    }
}

#[test]
fn host_lengths_at_their_bounds() {
    // A label holds 63 characters, a host 253.
    let label = |n: usize| "a".repeat(n);
    assert!(parse_host(&format!("{}.com", label(63))).is_ok());
    assert_eq!(
        parse_host(&format!("{}.com", label(64))),
        Err(HostError::TooLong)
    );
    let host = |total: usize| {
        format!(
            "{}.{}.{}.{}",
            label(63),
            label(63),
            label(63),
            label(total - 3 * 64)
        )
    };
    assert!(parse_host(&host(253)).is_ok());
    assert_eq!(parse_host(&host(254)), Err(HostError::TooLong));
}

#[test]
fn ipv4_numbers_at_their_bounds() {
    // Each part of a shortened form may fill what the missing parts leave.
    assert_eq!(
        parse_host("1.16777215"),
        Err(HostError::NonCanonicalIp(Some("1.255.255.255".into())))
    );
    assert_eq!(
        parse_host("1.16777216"),
        Err(HostError::NonCanonicalIp(None))
    );
    assert_eq!(
        parse_host("1.2.65535"),
        Err(HostError::NonCanonicalIp(Some("1.2.255.255".into())))
    );
    assert_eq!(
        parse_host("4294967295"),
        Err(HostError::NonCanonicalIp(Some("255.255.255.255".into())))
    );
    assert_eq!(
        parse_host("4294967296"),
        Err(HostError::NonCanonicalIp(None))
    );
    assert_eq!(
        parse_host("0x.0.0.1"),
        Err(HostError::NonCanonicalIp(Some("0.0.0.1".into())))
    );
    assert_eq!(
        parse_host("0X7F.0.0.1"),
        Err(HostError::Uppercase("0x7f.0.0.1".into()))
    );
    assert_eq!(
        parse_host("1.2.3.08"),
        Err(HostError::NonCanonicalIp(None)),
        "8 is not octal"
    );
    // Each leading part is one byte: 255 is the largest.
    assert_eq!(
        parse_host("255.255.255.255"),
        Ok(Host::Ipv4([255, 255, 255, 255]))
    );
    assert_eq!(
        parse_host("1.256.0.1"),
        Err(HostError::NonCanonicalIp(None))
    );
    // At most four parts, whatever the fifth holds.
    assert_eq!(
        parse_host("1.2.3.4.0"),
        Err(HostError::NonCanonicalIp(None))
    );
    // A last label that is a number makes the host an IPv4 address; anything else a domain.
    assert_eq!(parse_host("a.1"), Err(HostError::NonCanonicalIp(None)));
    assert_eq!(parse_host("a.0x1f"), Err(HostError::NonCanonicalIp(None)));
    assert_eq!(parse_host("a.0x1g"), Ok(Host::Domain("a.0x1g".into())));
    assert_eq!(parse_host("a.1b"), Ok(Host::Domain("a.1b".into())));
}

#[test]
fn domain_lengths_at_their_bounds() {
    let label63 = "a".repeat(63);
    let label64 = "a".repeat(64);
    assert_eq!(check_domain(&format!("{label63}.com")), Ok(()));
    assert_eq!(
        check_domain(&format!("{label64}.com")),
        Err(HostError::TooLong)
    );
    // 253 bytes in all is the most.
    let name253 = format!("{}.{}.{}.{}", label63, label63, label63, "a".repeat(61));
    assert_eq!(name253.len(), 253);
    assert_eq!(check_domain(&name253), Ok(()));
    assert_eq!(
        check_domain(&format!("{name253}a")),
        Err(HostError::TooLong)
    );
}

#[test]
fn loopback_hosts_are_the_users_own_machine() {
    for host in [
        "localhost",
        "dev.localhost",
        "127.0.0.1",
        "127.200.1.2",
        "[::1]",
    ] {
        assert!(parse_host(host).unwrap().is_loopback(), "{host}");
    }
    for host in [
        "localhost.example.com",
        "mylocalhost",
        "128.0.0.1",
        "10.0.0.1",
        "[::2]",
    ] {
        assert!(!parse_host(host).unwrap().is_loopback(), "{host}");
    }
}

#[test]
fn hosts_display_as_browsers_serialize_them() {
    assert_eq!(Host::Domain("a.example".into()).to_string(), "a.example");
    assert_eq!(Host::Ipv4([10, 0, 0, 1]).to_string(), "10.0.0.1");
    assert_eq!(Host::Ipv6(Ipv6Addr::LOCALHOST).to_string(), "[::1]");
}

#[test]
fn ipv6_serialization_compresses_the_first_longest_run_of_zeros() {
    let s = |a: &str| ipv6_serialize(&a.parse().unwrap());
    assert_eq!(s("::"), "::");
    assert_eq!(s("::1"), "::1");
    assert_eq!(s("1::"), "1::");
    assert_eq!(s("1:0:0:2:0:0:0:3"), "1:0:0:2::3", "the longest run");
    assert_eq!(
        s("1:0:0:2:0:0:3:4"),
        "1::2:0:0:3:4",
        "the first of equal runs"
    );
    assert_eq!(
        s("1:0:2:3:4:5:6:7"),
        "1:0:2:3:4:5:6:7",
        "a single zero stays"
    );
    assert_eq!(s("ABCD::EF"), "abcd::ef");
    assert_eq!(s("::ffff:1.2.3.4"), "::ffff:102:304", "no embedded IPv4");
}

#[test]
fn public_suffixes_are_known_suffixes_only() {
    for suffix in ["com", "co.uk", "github.io"] {
        assert!(is_public_suffix(suffix), "{suffix}");
    }
    for domain in ["example.com", "myapp.github.io", "example.invalidtld", ""] {
        assert!(!is_public_suffix(domain), "{domain}");
    }
}

#[test]
fn host_errors_say_how_to_fix_them() {
    let cases: &[(HostError, &str)] = &[
        (HostError::Empty, "the host is empty: write a host such as `app.example.com`"),
        (HostError::EmptyLabel, "the host has an empty label (two dots in a row, or a leading or trailing dot): remove the extra dot"),
        (HostError::Uppercase("a.com".into()), "browsers send hosts in lowercase and compare origins byte for byte: write `a.com`"),
        (HostError::NonAscii, "the host is not ASCII: browsers send internationalized names in punycode; write the `xn--` form"),
        (HostError::BadCharacter('/'), "`/` cannot appear in a host"),
        (HostError::TooLong, "the host is too long (labels of at most 63 bytes, 253 in all)"),
        (HostError::NonCanonicalIp(Some("127.0.0.1".into())), "browsers serialize this IP address as `127.0.0.1`: write it that way"),
        (HostError::NonCanonicalIp(None), "this is not an IP address browsers would send: write a dotted quad such as `127.0.0.1`"),
    ];
    for (error, message) in cases {
        assert_eq!(error.to_string(), *message);
    }
}

// --- origins and patterns ------------------------------------------------------------------------------------------

fn exact(scheme: Scheme, host: Host, port: Option<u16>) -> AllowedOrigin {
    AllowedOrigin::Exact(Origin { scheme, host, port })
}

#[test]
fn serialized_origins_and_patterns_parse() {
    use Scheme::*;
    let domain = |d: &str| Host::Domain(d.into());
    assert_eq!(
        parse_origin("https://app.example.com"),
        Ok(exact(Https, domain("app.example.com"), None))
    );
    assert_eq!(
        parse_origin("http://localhost:3000"),
        Ok(exact(Http, domain("localhost"), Some(3000)))
    );
    assert_eq!(
        parse_origin("https://a.example:1"),
        Ok(exact(Https, domain("a.example"), Some(1)))
    );
    assert_eq!(
        parse_origin("https://a.example:65535"),
        Ok(exact(Https, domain("a.example"), Some(65535)))
    );
    assert_eq!(
        parse_origin("http://a.example:443"),
        Ok(exact(Http, domain("a.example"), Some(443)))
    );
    assert_eq!(
        parse_origin("https://a.example:80"),
        Ok(exact(Https, domain("a.example"), Some(80)))
    );
    assert_eq!(
        parse_origin("https://[::1]:8443"),
        Ok(exact(Https, Host::Ipv6(Ipv6Addr::LOCALHOST), Some(8443)))
    );
    let pattern =
        |scheme, host, port| Ok(AllowedOrigin::Pattern(OriginPattern { scheme, host, port }));
    assert_eq!(
        parse_origin("https://*.example.com"),
        pattern(
            Https,
            HostPattern::Subdomains("example.com".into()),
            PortPattern::Default
        )
    );
    assert_eq!(
        parse_origin("https://*.example.com:8443"),
        pattern(
            Https,
            HostPattern::Subdomains("example.com".into()),
            PortPattern::Exact(8443)
        )
    );
    assert_eq!(
        parse_origin("https://*.example.com:*"),
        pattern(
            Https,
            HostPattern::Subdomains("example.com".into()),
            PortPattern::Any
        )
    );
    assert_eq!(
        parse_origin("http://localhost:*"),
        pattern(
            Http,
            HostPattern::Exact(domain("localhost")),
            PortPattern::Any
        )
    );
    assert_eq!(
        parse_origin("http://[::1]:*"),
        pattern(
            Http,
            HostPattern::Exact(Host::Ipv6(Ipv6Addr::LOCALHOST)),
            PortPattern::Any
        )
    );
}

#[test]
fn each_origin_mistake_has_its_error() {
    use OriginError::*;
    let cases: Vec<(&str, OriginError)> = vec![
        ("", Empty),
        (" https://a.example", Whitespace("https://a.example".into())),
        ("https://a .example", Whitespace("https://a.example".into())),
        ("null", Null),
        ("NULL", Null),
        ("*", WildcardInList),
        ("a.example", MissingScheme("https://a.example".into())),
        (
            "a.example:8080",
            MissingScheme("https://a.example:8080".into()),
        ),
        ("HTTPS://a.example", UppercaseScheme("https".into())),
        ("Http://a.example", UppercaseScheme("http".into())),
        ("file:///tmp/x", OpaqueScheme("file".into())),
        ("data:text/html,x", OpaqueScheme("data".into())),
        ("FILE:///tmp", OpaqueScheme("FILE".into())),
        ("blob://x", OpaqueScheme("blob".into())),
        ("ftp://a.example", UnknownScheme("ftp".into())),
        ("ws://a.example", UnknownScheme("ws".into())),
        ("*://a.example", WildcardScheme("a.example".into())),
        ("https://user@a.example", Userinfo),
        (
            "https://a.example/",
            TrailingSlash("https://a.example".into()),
        ),
        ("https://a.example/x", Path("https://a.example".into())),
        ("https://a.example?q", Query("https://a.example".into())),
        ("https://a.example#f", Fragment("https://a.example".into())),
        ("https://a.example/x@y", Path("https://a.example".into())),
        (
            "https://a.example:443",
            DefaultPort("https://a.example".into()),
        ),
        (
            "http://a.example:80",
            DefaultPort("http://a.example".into()),
        ),
        (
            "https://*.example.com:443",
            DefaultPort("https://*.example.com".into()),
        ),
        ("https://a.example:0", BadPort("0".into())),
        ("https://a.example:065", BadPort("065".into())),
        ("https://a.example:65536", BadPort("65536".into())),
        ("https://a.example:123456", BadPort("123456".into())),
        ("https://a.example:", BadPort("".into())),
        ("https://a.example:8a", BadPort("8a".into())),
        (
            "https://*example.com",
            PartialLabelWildcard("https://*.example.com".into()),
        ),
        (
            "https://*-api.example.com:8443",
            PartialLabelWildcard("https://*.example.com:8443".into()),
        ),
        ("https://api.*.example.com", InnerWildcard),
        ("https://*.*.example.com", InnerWildcard),
        ("https://*", InnerWildcard),
        // No suggestion of `*.` over a name without a dot, nor over one with a second wildcard.
        ("https://*localhost", InnerWildcard),
        ("https://*a.*.example.com", InnerWildcard),
        ("https://*.127.0.0.1", PatternOverIp),
        ("https://*.[::1]", PatternOverIp),
        ("https://*.[::1]:8443", PatternOverIp),
        ("https://[::1", Host(HostError::NonCanonicalIp(None))),
        ("https://[::1]x", Host(HostError::BadCharacter('x'))),
        (
            "https://A.example",
            Host(HostError::Uppercase("a.example".into())),
        ),
        (
            "https://*.A.example",
            Host(HostError::Uppercase("a.example".into())),
        ),
        ("https://*.com.", Host(HostError::EmptyLabel)),
        ("https://münchen.de", Host(HostError::NonAscii)),
    ];
    for (input, error) in cases {
        assert_eq!(parse_origin(input), Err(error), "{input}");
    }
}

#[test]
fn credentials_are_risky_over_plain_http_and_over_public_suffixes() {
    let risk = |s| parse_origin(s).unwrap().credential_risk();
    for safe in [
        "https://app.example.com",
        "http://localhost:3000",
        "http://127.0.0.1",
        "http://[::1]:8080",
        "http://*.localhost",
        "http://*.dev.localhost:*",
        "https://*.example.com",
        "http://localhost:*",
    ] {
        assert_eq!(risk(safe), None, "{safe}");
    }
    for insecure in [
        "http://app.example.com",
        "http://10.0.0.1",
        "http://*.example.com",
        "http://*.localhostx.com",
    ] {
        assert_eq!(
            risk(insecure),
            Some(CredentialRisk::InsecureScheme),
            "{insecure}"
        );
    }
    assert_eq!(
        risk("https://*.github.io"),
        Some(CredentialRisk::PublicSuffixPattern("github.io".into()))
    );
    assert_eq!(
        risk("https://*.co.uk"),
        Some(CredentialRisk::PublicSuffixPattern("co.uk".into()))
    );
    assert_eq!(risk("https://*.myapp.github.io"), None);
}

#[test]
fn elements_know_their_scheme_and_whether_they_are_loopback() {
    let parsed = |s| parse_origin(s).unwrap();
    assert_eq!(parsed("http://localhost:*").scheme(), Scheme::Http);
    assert_eq!(parsed("https://*.example.com").scheme(), Scheme::Https);
    assert!(parsed("http://localhost:*").is_loopback());
    assert!(parsed("http://*.localhost").is_loopback());
    assert!(parsed("http://*.a.localhost").is_loopback());
    assert!(!parsed("http://*.example.com").is_loopback());
    assert!(!parsed("http://example.com:*").is_loopback());
    assert_eq!(Scheme::Http.as_str(), "http");
    assert_eq!(Scheme::Https.as_str(), "https");
}

#[test]
fn origins_display_as_browsers_serialize_them() {
    let AllowedOrigin::Exact(o) = parse_origin("https://[::1]:8443").unwrap() else {
        panic!()
    };
    assert_eq!(o.to_string(), "https://[::1]:8443");
    let AllowedOrigin::Exact(o) = parse_origin("http://a.example").unwrap() else {
        panic!()
    };
    assert_eq!(o.to_string(), "http://a.example");
}

#[test]
fn exact_origins_are_ordered_by_length_then_bytes() {
    assert!(origin_order("https://b.io") < origin_order("https://a.com"));
    assert!(origin_order("https://a.com") < origin_order("https://b.com"));
    assert_eq!(origin_order("https://a.com"), (13, &b"https://a.com"[..]));
}

#[test]
fn origin_errors_say_how_to_fix_them() {
    use OriginError::*;
    let cases: Vec<(OriginError, &str)> = vec![
        (Empty, "an origin cannot be empty: write one such as \"https://app.example.com\""),
        (Whitespace("https://a.b".into()), "an origin has no whitespace (browsers never send any, and compare byte for byte): write `https://a.b`"),
        (MissingScheme("https://a.b".into()), "an origin starts with its scheme: write `https://a.b`"),
        (UppercaseScheme("https".into()), "browsers send the scheme in lowercase: write `https://`"),
        (UnknownScheme("ftp".into()), "`ftp` is not a scheme of web origins: browsers send CORS requests from `https://` (or `http://`) origins"),
        (Userinfo, "an origin has no user information: remove the part up to and including `@`"),
        (TrailingSlash("https://a.b".into()), "browsers send origins without a trailing slash and compare byte for byte: write `https://a.b`"),
        (Path("https://a.b".into()), "an origin has no path: write `https://a.b`"),
        (Query("https://a.b".into()), "an origin has no query: write `https://a.b`"),
        (Fragment("https://a.b".into()), "an origin has no fragment: write `https://a.b`"),
        (DefaultPort("https://a.b".into()), "browsers omit the scheme's default port and compare byte for byte: write `https://a.b`"),
        (BadPort("0".into()), "`0` is not a port: write a number from 1 to 65535 without leading zeros, or `*` for any port"),
        (PatternOverIp, "`*.` needs a domain after it, not an IP address"),
        (Host(HostError::TooLong), "the host is too long (labels of at most 63 bytes, 253 in all)"),
    ];
    for (error, message) in cases {
        assert_eq!(error.to_string(), message);
    }
    for (error, part) in [
        (Null, "`null` must never be allowed"),
        (WildcardInList, "write `origins = \"*\"` alone"),
        (
            OpaqueScheme("file".into()),
            "`file:` pages have an opaque origin",
        ),
        (WildcardScheme("a.b".into()), "e.g. `https://a.b`"),
        (
            PartialLabelWildcard("https://*.a.b".into()),
            "write `https://*.a.b`",
        ),
        (InnerWildcard, "not for one in the middle"),
    ] {
        assert!(error.to_string().contains(part), "{error:?}: {error}");
    }
    assert!(CredentialRisk::InsecureScheme
        .to_string()
        .starts_with("plain `http://` is not trusted with credentials"));
    assert!(CredentialRisk::PublicSuffixPattern("github.io".into())
        .to_string()
        .contains("`github.io` is a public suffix"));
}

// --- serialized origins (the runtime's reading of a request's `Origin`) ------------------------------------------

#[test]
fn the_port_is_after_the_last_colon_outside_brackets() {
    let split = |a: &'static str| {
        let (host, port) = split_port(a.as_bytes());
        (
            std::str::from_utf8(host).unwrap(),
            port.map(|p| std::str::from_utf8(p).unwrap()),
        )
    };
    assert_eq!(split("a.example"), ("a.example", None));
    assert_eq!(split("a.example:8080"), ("a.example", Some("8080")));
    assert_eq!(split("a.example:"), ("a.example", Some("")));
    assert_eq!(split("[::1]"), ("[::1]", None));
    assert_eq!(split("[::1]:8443"), ("[::1]", Some("8443")));
    assert_eq!(split("[2001:db8::1]"), ("[2001:db8::1]", None));
}

#[test]
fn ports_are_one_to_65535_without_leading_zeros() {
    for ok in ["1", "80", "8443", "65535"] {
        assert!(is_port(ok.as_bytes()), "{ok}");
    }
    // 11 digits would overflow the sum: the length bound comes first.
    for bad in [
        "",
        "0",
        "065",
        "65536",
        "99999",
        "123456",
        "99999999999",
        "8a",
        "-1",
        " 80",
    ] {
        assert!(!is_port(bad.as_bytes()), "{bad}");
    }
}

#[test]
fn labels_are_what_browsers_serialize() {
    for ok in ["a", "xn--bcher-kva", "a_b-c", "0", &"a".repeat(63)] {
        assert!(is_label(ok.as_bytes()), "{ok}");
    }
    for bad in ["", "A", "a.b", "a%2e", "a b", "ü", &"a".repeat(64)] {
        assert!(!is_label(bad.as_bytes()), "{bad}");
    }
}

#[test]
fn tuple_origins_have_a_scheme_a_serialized_host_and_maybe_a_port() {
    for good in [
        "https://a.com",
        "http://localhost:3000",
        "http://127.0.0.1",
        "https://[::1]",
        "https://[::]",
        "https://[::1]:8443",
        "https://[2001:db8::1]",
    ] {
        assert!(is_tuple_origin(good.as_bytes()), "{good}");
    }
    for bad in [
        "null",
        "file://",
        "ftp://a.com",
        "https://",
        "https://a.com/",
        "https://A.com",
        "https://a..com",
        "https://a.com:99999",
        "https://a.com:0",
        "https://a.com:",
        "https://[]",
        "https://[:]",
        "https://[::1",
        "https://::1]",
        "https://[::1]x",
        "https://[::1]:0",
        "https://[::1]:x",
        "https://[::FFFF]",
        "https://[::g]",
        "https://[::ffff:1.2.3.4]",
    ] {
        assert!(!is_tuple_origin(bad.as_bytes()), "{bad}");
    }
}

#[test]
fn credentials_are_safe_over_https_and_on_loopback_hosts() {
    for safe in [
        "https://a.example",
        "http://localhost",
        "http://localhost:3000",
        "http://a.localhost",
        "http://127.0.0.1",
        "http://127.1.2.3:8080",
        "http://[::1]",
        "http://[::1]:8080",
    ] {
        assert!(is_credential_safe(safe.as_bytes()), "{safe}");
    }
    for risky in [
        "http://a.example",
        "http://localhostx.com",
        "http://localhost.example.com",
        "http://128.0.0.1",
        "http://10.0.0.1",
        "http://[::2]",
        "ws://localhost",
        "null",
    ] {
        assert!(!is_credential_safe(risky.as_bytes()), "{risky}");
    }
}

#[test]
fn the_serialized_reading_agrees_with_the_parser() {
    for written in [
        "https://app.example.com",
        "http://app.example.com:8080",
        "http://localhost:3000",
        "http://a.b.localhost",
        "http://127.0.0.1",
        "http://127.9.9.9:1",
        "http://10.0.0.1",
        "http://[::1]:8080",
        "https://[2001:db8::1]",
        "http://[2001:db8::1]",
    ] {
        let parsed = parse_origin(written).unwrap();
        let AllowedOrigin::Exact(origin) = &parsed else {
            panic!("{written}")
        };
        let serialized = origin.to_string();
        assert_eq!(serialized, written);
        assert!(is_tuple_origin(serialized.as_bytes()), "{written}");
        assert_eq!(
            is_credential_safe(serialized.as_bytes()),
            parsed.credential_risk().is_none(),
            "{written}"
        );
    }
}

// --- methods, headers, max-age, tokens ----------------------------------------------------------------------------

#[test]
fn methods_are_tokens_browsers_can_send_as_written() {
    for ok in ["GET", "PATCH", "PURGE", "patch", "Purge", "M-SEARCH"] {
        assert_eq!(check_method(ok), Ok(()), "{ok}");
    }
    for (bad, error) in [
        ("", MethodError::NotToken("".into())),
        ("GET, DELETE", MethodError::NotToken("GET, DELETE".into())),
        ("CONNECT", MethodError::Forbidden("CONNECT".into())),
        ("trace", MethodError::Forbidden("trace".into())),
        ("Track", MethodError::Forbidden("Track".into())),
        (
            "get",
            MethodError::NotNormalized {
                written: "get".into(),
                normalized: "GET",
            },
        ),
        (
            "Delete",
            MethodError::NotNormalized {
                written: "Delete".into(),
                normalized: "DELETE",
            },
        ),
        (
            "options",
            MethodError::NotNormalized {
                written: "options".into(),
                normalized: "OPTIONS",
            },
        ),
    ] {
        assert_eq!(check_method(bad), Err(error), "{bad}");
    }
    assert_eq!(
        ROUTABLE,
        ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"]
    );
    assert!(MethodError::NotNormalized {
        written: "get".into(),
        normalized: "GET"
    }
    .to_string()
    .contains("write `GET`"));
    assert!(MethodError::Forbidden("TRACE".into())
        .to_string()
        .starts_with("`TRACE` is a forbidden method"));
    assert!(MethodError::NotToken("a b".into())
        .to_string()
        .starts_with("`a b` is not a method name"));
}

#[test]
fn request_headers_are_tokens_scripts_can_set() {
    assert_eq!(
        check_request_header("X-Request-Id"),
        Ok("x-request-id".into())
    );
    assert_eq!(
        check_request_header("Authorization"),
        Ok("authorization".into())
    );
    assert_eq!(check_request_header("originx"), Ok("originx".into()));
    assert_eq!(check_request_header("proxyish"), Ok("proxyish".into()));
    for (bad, error) in [
        ("x request", HeaderError::NotToken("x request".into())),
        ("", HeaderError::NotToken("".into())),
        ("Origin", HeaderError::ProtocolRequest("Origin".into())),
        (
            "Access-Control-Allow-Origin",
            HeaderError::ProtocolRequest("Access-Control-Allow-Origin".into()),
        ),
        (
            "access-control-request-method",
            HeaderError::ProtocolRequest("access-control-request-method".into()),
        ),
        ("Cookie", HeaderError::ForbiddenRequest("Cookie".into())),
        ("host", HeaderError::ForbiddenRequest("host".into())),
        ("via", HeaderError::ForbiddenRequest("via".into())),
        (
            "Proxy-Authorization",
            HeaderError::ForbiddenRequest("Proxy-Authorization".into()),
        ),
        (
            "sec-fetch-mode",
            HeaderError::ForbiddenRequest("sec-fetch-mode".into()),
        ),
    ] {
        assert_eq!(check_request_header(bad), Err(error), "{bad}");
    }
}

#[test]
fn exposed_headers_are_tokens_script_could_not_read_otherwise() {
    assert_eq!(
        check_exposed_header("X-Total-Count"),
        Ok("x-total-count".into())
    );
    assert_eq!(
        check_exposed_header("set-cookie3"),
        Ok("set-cookie3".into())
    );
    for (bad, error) in [
        ("x total", HeaderError::NotToken("x total".into())),
        (
            "Set-Cookie",
            HeaderError::ForbiddenResponse("Set-Cookie".into()),
        ),
        (
            "set-cookie2",
            HeaderError::ForbiddenResponse("set-cookie2".into()),
        ),
        (
            "Access-Control-Allow-Origin",
            HeaderError::ProtocolResponse("Access-Control-Allow-Origin".into()),
        ),
        (
            "Content-Type",
            HeaderError::AlwaysExposed("Content-Type".into()),
        ),
        ("pragma", HeaderError::AlwaysExposed("pragma".into())),
    ] {
        assert_eq!(check_exposed_header(bad), Err(error), "{bad}");
    }
}

#[test]
fn header_errors_say_how_to_fix_them() {
    let cases = [
        (
            HeaderError::NotToken("a b".into()),
            "`a b` is not a header name",
        ),
        (
            HeaderError::ForbiddenRequest("cookie".into()),
            "`cookie` is a forbidden request header",
        ),
        (
            HeaderError::ProtocolRequest("origin".into()),
            "`origin` is set by the browser itself",
        ),
        (
            HeaderError::ForbiddenResponse("set-cookie".into()),
            "`set-cookie` can never be exposed",
        ),
        (
            HeaderError::ProtocolResponse("access-control-max-age".into()),
            "`access-control-max-age` is a CORS protocol header",
        ),
        (
            HeaderError::AlwaysExposed("pragma".into()),
            "`pragma` is a safelisted response header",
        ),
    ];
    for (error, start) in cases {
        let message = error.to_string();
        assert!(message.starts_with(start), "{message}");
        assert!(
            message.contains("remove it") || message.contains("e.g."),
            "{message}"
        );
    }
}

#[test]
fn max_age_is_minus_one_to_a_day() {
    assert_eq!((MIN, MAX), (-1, 86_400));
    for ok in [-1, 0, 600, 86_400] {
        assert_eq!(check_max_age(ok), Ok(ok));
    }
    for bad in [-2, 86_401, i64::MIN, i64::MAX] {
        assert_eq!(check_max_age(bad), Err(MaxAgeError(bad)));
    }
    assert!(MaxAgeError(-2)
        .to_string()
        .starts_with("max_age = -2 is outside -1..=86400"));
}

#[test]
fn tokens_are_rfc_9110_tchars() {
    let tchars: Vec<u8> = (0..=255u8).filter(|&b| is_tchar(b)).collect();
    assert_eq!(
        String::from_utf8(tchars).unwrap(),
        "!#$%&'*+-.0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ^_`abcdefghijklmnopqrstuvwxyz|~"
    );
    assert!(is_token(b"x-request-id"));
    assert!(!is_token(b""));
    assert!(!is_token(b"a b"));
    assert!(!is_token(b"a,b"));
}
