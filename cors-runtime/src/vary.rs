//! `Vary: Origin`, appended to what the handler set and never duplicated.

use http::header::VARY;
use http::{HeaderMap, HeaderValue};

const ORIGIN: HeaderValue = HeaderValue::from_static("Origin");

/// Adds `Origin` to the response's `Vary` unless a `Vary` line already names it (or is `*`).
pub(crate) fn append_origin(headers: &mut HeaderMap) {
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
        append_origin(&mut h);
        append_origin(&mut h);
        assert_eq!(h.get_all(VARY).iter().collect::<Vec<_>>(), ["Origin"]);

        let mut h = HeaderMap::new();
        h.insert(VARY, HeaderValue::from_static("Accept-Encoding"));
        append_origin(&mut h);
        assert_eq!(
            h.get_all(VARY).iter().collect::<Vec<_>>(),
            ["Accept-Encoding", "Origin"]
        );

        let mut h = HeaderMap::new();
        h.insert(VARY, HeaderValue::from_static("accept-encoding, origin"));
        append_origin(&mut h);
        assert_eq!(h.get_all(VARY).iter().count(), 1);
    }
}
