//! The origins of a policy: the attribute's literal origins and patterns, then its run-time slots.

use crate::protocol::origin_list::{allow_listed, ExactOrigin, OriginPattern};
use crate::runtime_origins::SlotRef;
use http::HeaderValue;

/// The listed origins of a policy: exact origins sorted by length then bytes (binary search), patterns, and
/// origins set at run time ([`RuntimeOrigins`](crate::RuntimeOrigins)).
#[derive(Debug)]
pub struct OriginMatcher {
    /// Sorted by `(len, bytes)`; the macro sorts them.
    pub(crate) exact: &'static [ExactOrigin],
    /// Checked in order after the exact origins.
    pub(crate) patterns: &'static [OriginPattern],
    /// Read last.
    pub(crate) runtime: &'static [SlotRef],
}

impl OriginMatcher {
    /// The `Access-Control-Allow-Origin` value for `origin`, or `None` if it is not allowed.
    ///
    /// Work is a scan of at most 8 exact origins or a binary search of more, plus one pass per pattern; run-time
    /// origins are read only when those do not match.
    ///
    /// ```
    /// use cors_runtime::{cors, policy::Origins, policy_of};
    /// use http::HeaderValue;
    ///
    /// #[cors(origins = ["https://app.example.com", "https://*.example.org"])]
    /// async fn list_items() {}
    ///
    /// let Origins::Listed(matcher) = policy_of(list_items).origins() else { unreachable!() };
    /// let allowed = |o: &'static str| matcher.allow(&HeaderValue::from_static(o)).is_some();
    /// assert!(allowed("https://app.example.com") && allowed("https://a.b.example.org"));
    /// assert!(!allowed("https://example.org") && !allowed("https://app.example.com.evil.net"));
    /// ```
    pub fn allow(&self, origin: &HeaderValue) -> Option<HeaderValue> {
        allow_listed(self.exact, self.patterns, origin)
            .or_else(|| self.runtime.iter().find_map(|slot| slot.allow(origin)))
    }
}

impl OriginMatcher {
    /// For the code `#[cors]` generates (through `__private`).
    pub(crate) const fn new(
        exact: &'static [ExactOrigin],
        patterns: &'static [OriginPattern],
        runtime: &'static [SlotRef],
    ) -> Self {
        Self {
            exact,
            patterns,
            runtime,
        }
    }
}
