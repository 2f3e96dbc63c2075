//! Reading `Access-Control-Request-Headers` with bounded work, whatever a client sends.

use crate::policy::Headers;
use crate::refusal::Refusal;
use cors_rules::token::is_token;
use http::header::ACCESS_CONTROL_REQUEST_HEADERS;
use http::HeaderMap;

/// At most this many bytes over all `Access-Control-Request-Headers` lines, each line counting at least one (so
/// that empty lines are bounded too); more is refused, and no more than this is ever parsed.
///
/// The list may come on any number of lines: AWS API Gateway and some proxies split it into one line per name.
pub const MAX_BYTES: usize = 4096;
/// At most this many names; more is refused.
pub const MAX_NAMES: usize = 64;

/// Checks every requested header name against the policy.
///
/// Returns whether any name was requested. Empty list elements (`a,,b`, spaces, tabs) are skipped as
/// HTTP list syntax allows; names compare case-insensitively; `*` never covers `authorization`.
/// Work is linear in the (bounded) input times the number of listed names.
pub(crate) fn check_requested_headers(
    request: &HeaderMap,
    allowed: &Headers,
) -> Result<bool, Refusal> {
    let (mut bytes, mut names) = (0, 0);
    for line in request.get_all(ACCESS_CONTROL_REQUEST_HEADERS) {
        // The bound is checked before a line is read, so at most MAX_BYTES are ever parsed, on at most MAX_BYTES
        // lines.
        bytes += line.len().max(1);
        if bytes > MAX_BYTES {
            return Err(Refusal::MalformedRequestHeaders);
        }
        for element in line.as_bytes().split(|&b| b == b',') {
            let name = element.trim_ascii();
            if name.is_empty() {
                continue;
            }
            names += 1;
            if names > MAX_NAMES {
                return Err(Refusal::MalformedRequestHeaders);
            }
            // Listed names are tokens (checked at compile time), so only an unlisted name needs the token check
            // that tells a malformed list from a refused header.
            if !is_allowed(name, allowed) {
                return Err(if is_token(name) {
                    Refusal::Header
                } else {
                    Refusal::MalformedRequestHeaders
                });
            }
        }
    }
    Ok(names > 0)
}

fn is_allowed(name: &[u8], allowed: &Headers) -> bool {
    // Listed names are lowercase (the macro lowercases them) and browsers send lowercase names, so a plain
    // byte comparison decides the common case; the case-insensitive one serves other clients.
    let listed = |names: &[&str]| {
        names.iter().any(|n| n.as_bytes() == name)
            || names
                .iter()
                .any(|n| n.as_bytes().eq_ignore_ascii_case(name))
    };
    match allowed {
        Headers::Listed(names) => listed(names.names),
        Headers::Any(names) => !name.eq_ignore_ascii_case(b"authorization") || listed(names.names),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::Names;
    use http::HeaderValue;

    const LISTED: Headers = Headers::Listed(Names {
        names: &["content-type", "x-request-id"],
        value: HeaderValue::from_static("content-type, x-request-id"),
    });
    const ANY: Headers = Headers::Any(Names {
        names: &[],
        value: HeaderValue::from_static("*"),
    });

    fn request(lines: &[&'static str]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for l in lines {
            h.append(ACCESS_CONTROL_REQUEST_HEADERS, HeaderValue::from_static(l));
        }
        h
    }

    #[test]
    fn spacing_case_and_several_lines() {
        assert_eq!(
            check_requested_headers(&request(&["content-type,x-request-id"]), &LISTED),
            Ok(true)
        );
        assert_eq!(
            check_requested_headers(&request(&[" Content-Type ,\tX-Request-ID , "]), &LISTED),
            Ok(true)
        );
        assert_eq!(
            check_requested_headers(&request(&["content-type", "x-request-id"]), &LISTED),
            Ok(true)
        );
        assert_eq!(check_requested_headers(&request(&[]), &LISTED), Ok(false));
        assert_eq!(
            check_requested_headers(&request(&["x-other"]), &LISTED),
            Err(Refusal::Header)
        );
        assert_eq!(
            check_requested_headers(&request(&["content type"]), &LISTED),
            Err(Refusal::MalformedRequestHeaders)
        );
    }

    /// One line per name, as AWS API Gateway and some proxies send it: the bound is on names and bytes.
    #[test]
    fn a_list_split_into_one_line_per_name_is_read_whole() {
        let many: Headers = Headers::Any(Names {
            names: &[],
            value: HeaderValue::from_static("*"),
        });
        let lines: Vec<&'static str> = (0..MAX_NAMES)
            .map(|i| &*Box::leak(format!("x-h{i}").into_boxed_str()))
            .collect();
        assert_eq!(check_requested_headers(&request(&lines), &many), Ok(true));
        let mut too_many = lines.clone();
        too_many.push("x-one-more");
        assert_eq!(
            check_requested_headers(&request(&too_many), &many),
            Err(Refusal::MalformedRequestHeaders)
        );
    }

    /// The bounds stop the reading: what lies beyond them is never looked at. A name past the bounds that the
    /// policy does not allow would be refused as a header (`Refusal::Header`) if it were read; it is refused as
    /// oversized instead.
    #[test]
    fn nothing_beyond_the_bounds_is_read() {
        let names_then_refused = format!(
            "{},x-not-allowed",
            vec!["content-type"; MAX_NAMES].join(",")
        );
        let value = HeaderValue::from_str(&names_then_refused).unwrap();
        let mut h = HeaderMap::new();
        h.insert(ACCESS_CONTROL_REQUEST_HEADERS, value);
        assert_eq!(
            check_requested_headers(&h, &LISTED),
            Err(Refusal::MalformedRequestHeaders)
        );
        let filler = format!(
            "content-type,{}",
            " ".repeat(MAX_BYTES - "content-type,".len())
        );
        let mut h = HeaderMap::new();
        h.append(
            ACCESS_CONTROL_REQUEST_HEADERS,
            HeaderValue::from_str(&filler).unwrap(),
        );
        assert_eq!(
            check_requested_headers(&h, &LISTED),
            Ok(true),
            "exactly at the byte bound"
        );
        h.append(
            ACCESS_CONTROL_REQUEST_HEADERS,
            HeaderValue::from_static("x-not-allowed"),
        );
        assert_eq!(
            check_requested_headers(&h, &LISTED),
            Err(Refusal::MalformedRequestHeaders)
        );
        let mut h = HeaderMap::new();
        for _ in 0..MAX_BYTES {
            h.append(ACCESS_CONTROL_REQUEST_HEADERS, HeaderValue::from_static(""));
        }
        h.append(
            ACCESS_CONTROL_REQUEST_HEADERS,
            HeaderValue::from_static("x-not-allowed"),
        );
        assert_eq!(
            check_requested_headers(&h, &LISTED),
            Err(Refusal::MalformedRequestHeaders),
            "empty lines count against the bound"
        );
    }

    #[test]
    fn star_never_covers_authorization() {
        assert_eq!(
            check_requested_headers(&request(&["x-anything"]), &ANY),
            Ok(true)
        );
        assert_eq!(
            check_requested_headers(&request(&["Authorization"]), &ANY),
            Err(Refusal::Header)
        );
    }
}
