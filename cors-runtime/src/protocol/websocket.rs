//! WebSocket handshakes: the one kind of cross-origin request browsers send without any CORS check. A page on any
//! origin may call `new WebSocket(url)`; the browser sends `Origin` and lets the connection through whatever the
//! server answers, so only the server can refuse a foreign origin (cross-site WebSocket hijacking, CWE-1385). An
//! annotated handler's policy says which origins it trusts; it is applied to its handshakes too, always (with or
//! without `refuse_disallowed`): the browser enforces nothing here that a missing check would leave to it.

use crate::policy::{Origins, Policy};
use crate::protocol::actual::is_same_origin;
use crate::protocol::origin::{allowed_origin, request_origin, RequestOrigin};
use crate::refusal::Refusal;
use http::header::UPGRADE;
use http::{HeaderMap, Method};

/// Whether a request asks to open a WebSocket: HTTP/1.1 `GET` with `Upgrade: websocket`, or HTTP/2's extended
/// `CONNECT` (RFC 8441; axum serves both through `WebSocketUpgrade`). Ordinary requests pay one header lookup.
pub(crate) fn is_handshake(method: &Method, headers: &HeaderMap) -> bool {
    if *method == Method::CONNECT {
        return true;
    }
    *method == Method::GET
        && headers
            .get(UPGRADE)
            .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"websocket"))
}

/// Whether `policy` lets a handshake through: an allowed origin, the API's own origin (`Sec-Fetch-Site:
/// same-origin`), or no `Origin` at all (not a browser: CORS never stopped such clients, and the handler's own
/// authentication is what does).
pub(crate) fn check_handshake(policy: &Policy, headers: &HeaderMap) -> Result<(), Refusal> {
    match request_origin(headers) {
        RequestOrigin::Absent => Ok(()),
        RequestOrigin::Malformed => Err(Refusal::MalformedOrigin),
        RequestOrigin::One(_) if matches!(policy.origins(), Origins::Any) => Ok(()),
        RequestOrigin::One(origin) if allowed_origin(policy, origin).is_some() => Ok(()),
        RequestOrigin::One(_) if is_same_origin(headers) => Ok(()),
        RequestOrigin::One(_) => Err(Refusal::Origin),
    }
}
