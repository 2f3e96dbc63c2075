//! The origins of a policy: the attribute's literal origins and patterns, then its run-time slots.

use crate::protocol::origin_list::{allow_listed, ExactOrigin, OriginPattern};
use crate::runtime_origins::SlotRef;
use http::HeaderValue;

/// The listed origins of a policy: exact origins sorted by length then bytes (binary search), and patterns.
#[derive(Debug)]
pub struct OriginMatcher {
    /// Sorted by `(len, bytes)`; the macro sorts them.
    pub exact: &'static [ExactOrigin],
    /// Checked in order after the exact origins.
    pub patterns: &'static [OriginPattern],
    /// Origins set at run time ([`RuntimeOrigins`](crate::RuntimeOrigins)), read last.
    pub runtime: &'static [SlotRef],
}

impl OriginMatcher {
    /// The `Access-Control-Allow-Origin` value for `origin`, or `None` if it is not allowed.
    ///
    /// Work is a scan of at most 8 exact origins or a binary search of more, plus one pass per pattern; run-time
    /// origins are read only when those do not match.
    ///
    /// ```
    /// use cors_runtime::origin::{ExactOrigin, HostPattern, OriginMatcher, OriginPattern, PortPattern};
    /// use http::HeaderValue;
    ///
    /// // What `#[cors(origins = ["https://app.example.com", "https://*.example.org"])]` builds.
    /// static EXACT: [ExactOrigin; 1] = [ExactOrigin {
    ///     origin: "https://app.example.com",
    ///     value: HeaderValue::from_static("https://app.example.com"),
    /// }];
    /// static PATTERNS: [OriginPattern; 1] = [OriginPattern {
    ///     scheme: "https://",
    ///     host: HostPattern::Subdomains(".example.org"),
    ///     port: PortPattern::Default,
    /// }];
    /// let matcher = OriginMatcher { exact: &EXACT, patterns: &PATTERNS, runtime: &[] };
    /// let allowed = |o: &'static str| matcher.allow(&HeaderValue::from_static(o)).is_some();
    /// assert!(allowed("https://app.example.com") && allowed("https://a.b.example.org"));
    /// assert!(!allowed("https://example.org") && !allowed("https://app.example.com.evil.net"));
    /// ```
    pub fn allow(&self, origin: &HeaderValue) -> Option<HeaderValue> {
        allow_listed(self.exact, self.patterns, origin)
            .or_else(|| self.runtime.iter().find_map(|slot| slot.allow(origin)))
    }
}
