//! RFC 9110 tokens: the syntax of method and header names.

/// `TCHAR[b]` is whether byte `b` is a `tchar`: one load per byte on the request path.
static TCHAR: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = matches!(b as u8,
            b'!' | b'#' | b'$' | b'%' | b'&' | b'\'' | b'*' | b'+' | b'-' | b'.' | b'^' | b'_' | b'`' | b'|' | b'~'
            | b'0'..=b'9' | b'a'..=b'z' | b'A'..=b'Z');
        b += 1;
    }
    table
};

/// Whether `byte` is a `tchar` of RFC 9110 (section 5.6.2).
pub fn is_tchar(byte: u8) -> bool {
    TCHAR[byte as usize]
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
