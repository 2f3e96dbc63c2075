//! WebSocket handshakes: the one kind of cross-origin request browsers send without any CORS check. A page on any
//! origin may call `new WebSocket(url)`; the browser sends `Origin` and lets the connection through whatever the
//! server answers, so only the server can refuse a foreign origin (cross-site WebSocket hijacking, CWE-1385). An
//! annotated handler's policy says which origins it trusts; it is applied to its handshakes too, always (with or
//! without `refuse_disallowed`): the browser enforces nothing here that a missing check would leave to it.

use crate::protocol::actual::is_same_origin;
use crate::refusal::Refusal;
use http::header::UPGRADE;
use http::{HeaderMap, Method};

/// Whether a request whose origin the policy refused is a WebSocket handshake to refuse, in either mode.
///
/// A handshake passes when it has no `Origin` (not a browser: CORS never stopped such clients, and the handler's
/// own authentication is what does), an allowed one, or comes from the API's own origin (`Sec-Fetch-Site:
/// same-origin`). The first two never reach here (the policy does not refuse them), so an ordinary request pays
/// nothing for this check; a refused one pays one header lookup.
pub(crate) fn refuses_handshake(method: &Method, headers: &HeaderMap, refusal: Refusal) -> bool {
    is_handshake(method, headers) && !(refusal == Refusal::Origin && is_same_origin(headers))
}

/// Whether a request asks to open a WebSocket: HTTP/1.1 `GET` with `Upgrade: websocket`, or HTTP/2's extended
/// `CONNECT` (RFC 8441; axum serves both through `WebSocketUpgrade`).
fn is_handshake(method: &Method, headers: &HeaderMap) -> bool {
    if *method == Method::CONNECT {
        return true;
    }
    *method == Method::GET
        && headers
            .get(UPGRADE)
            .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"websocket"))
}
