//! `Access-Control-Max-Age`: how long a browser may cache a preflight answer.

use core::fmt;

/// The smallest accepted value: `-1` asks browsers not to cache the preflight answer at all.
pub const MIN: i64 = -1;
/// The largest accepted value, one day: Firefox's cap. Chromium caps at 7200 s and Safari at 600 s.
pub const MAX: i64 = 86_400;

/// A `max_age` outside `-1..=86400`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MaxAgeError(pub i64);

impl fmt::Display for MaxAgeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "max_age = {} is outside -1..=86400; browsers cap it anyway (Chromium at 7200, Safari at 600, \
             Firefox at 86400): use a value in seconds such as 600, or -1 to disable preflight caching",
            self.0
        )
    }
}

/// Checks a preflight cache time in seconds.
///
/// ```
/// assert!(cors_rules::max_age::check_max_age(600).is_ok());
/// assert!(cors_rules::max_age::check_max_age(90_000).is_err());
/// ```
pub fn check_max_age(seconds: i64) -> Result<i64, MaxAgeError> {
    if (MIN..=MAX).contains(&seconds) {
        Ok(seconds)
    } else {
        Err(MaxAgeError(seconds))
    }
}
