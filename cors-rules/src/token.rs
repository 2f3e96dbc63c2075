//! RFC 9110 tokens: the syntax of method and header names.

/// Whether `byte` is a `tchar` of RFC 9110 (section 5.6.2).
pub const fn is_tchar(byte: u8) -> bool {
    matches!(byte,
        b'!' | b'#' | b'$' | b'%' | b'&' | b'\'' | b'*' | b'+' | b'-' | b'.' | b'^' | b'_' | b'`' | b'|' | b'~'
        | b'0'..=b'9' | b'a'..=b'z' | b'A'..=b'Z')
}

/// Whether `bytes` is a non-empty RFC 9110 token.
///
/// ```
/// assert!(cors_rules::token::is_token(b"x-request-id"));
/// assert!(!cors_rules::token::is_token(b"GET, DELETE"));
/// assert!(!cors_rules::token::is_token(b""));
/// ```
pub fn is_token(bytes: &[u8]) -> bool {
    !bytes.is_empty() && bytes.iter().all(|&b| is_tchar(b))
}
