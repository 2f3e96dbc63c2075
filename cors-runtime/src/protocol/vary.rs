//! `Vary: Origin`, appended to what the handler set and never duplicated.

use http::header::VARY;
use http::{HeaderMap, HeaderValue};

const ORIGIN: HeaderValue = HeaderValue::from_static("Origin");

/// Adds `Origin` to the response's `Vary` unless a `Vary` line already names it (or is `*`). `may_have_vary` is
/// false when the caller already knows the response has no `Vary` (it walked a small response's header names).
pub(crate) fn append_origin(headers: &mut HeaderMap, may_have_vary: bool) {
    if !may_have_vary {
        headers.append(VARY, ORIGIN);
        return;
    }
    let present = headers.get_all(VARY).iter().any(|line| {
        line.as_bytes()
            .split(|&b| b == b',')
            .map(<[u8]>::trim_ascii)
            .any(|t| t == b"*" || t.eq_ignore_ascii_case(b"origin"))
    });
    if !present {
        headers.append(VARY, ORIGIN);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn appends_once_and_keeps_existing() {
        let mut h = HeaderMap::new();
        append_origin(&mut h, true);
        append_origin(&mut h, true);
        assert_eq!(h.get_all(VARY).iter().collect::<Vec<_>>(), ["Origin"]);

        let mut h = HeaderMap::new();
        h.insert(VARY, HeaderValue::from_static("Accept-Encoding"));
        append_origin(&mut h, true);
        assert_eq!(
            h.get_all(VARY).iter().collect::<Vec<_>>(),
            ["Accept-Encoding", "Origin"]
        );

        let mut h = HeaderMap::new();
        h.insert(VARY, HeaderValue::from_static("accept-encoding, origin"));
        append_origin(&mut h, true);
        assert_eq!(h.get_all(VARY).iter().count(), 1);
    }

    #[test]
    fn an_existing_vary_is_found_whatever_the_size_of_the_map() {
        for extra in [0, 7, 20] {
            let mut h = HeaderMap::new();
            for i in 0..extra {
                h.insert(
                    http::HeaderName::from_bytes(format!("x-h{i}").as_bytes()).unwrap(),
                    HeaderValue::from_static("1"),
                );
            }
            h.insert(VARY, HeaderValue::from_static("Origin"));
            append_origin(&mut h, true);
            assert_eq!(h.get_all(VARY).iter().count(), 1, "{extra} other headers");
            h.remove(VARY);
            append_origin(&mut h, true);
            assert_eq!(
                h.get_all(VARY).iter().collect::<Vec<_>>(),
                ["Origin"],
                "{extra}"
            );
        }
    }
}
