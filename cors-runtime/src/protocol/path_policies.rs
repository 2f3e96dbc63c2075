//! The policies of one path: which annotated handler serves which method. Preflights are answered, and actual
//! requests decorated, by the policy of the handler routed for the method (never another method's).

use crate::policy::Policy;
use crate::protocol::actual::{judge, Verdict};
use http::{HeaderMap, Method};

/// Which requested methods an entry serves.
#[derive(Debug, Clone)]
pub(crate) enum Routed {
    /// A handler routed for this method (`get` also serves `HEAD`, as axum routes it).
    Method(Method),
    /// A handler routed with `any`.
    Any,
}

/// One annotated handler on the path.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub(crate) routed: Routed,
    pub(crate) policy: &'static Policy,
}

/// The annotated handlers of one path, built with the router and shared (not copied) by every request; and, for
/// the router's report only, the methods of its plain handlers.
#[derive(Debug, Default, Clone)]
pub(crate) struct PathPolicies {
    entries: Vec<Entry>,
    /// Plain handlers routed with `cors_runtime::routing`.
    plain: Vec<Routed>,
    /// An axum `MethodRouter` was routed here: its methods are not known.
    axum_methods: bool,
}

impl PathPolicies {
    pub(crate) fn push(&mut self, routed: Routed, policy: &'static Policy) {
        self.entries.push(Entry { routed, policy });
    }

    /// A plain handler's method, for the report.
    pub(crate) fn push_plain(&mut self, routed: Routed) {
        self.plain.push(routed);
    }

    /// Handlers of an axum `MethodRouter`, whose methods are not known, for the report.
    pub(crate) fn push_axum_methods(&mut self) {
        self.axum_methods = true;
    }

    /// Adds another chain's handlers for the same path (axum has already refused overlapping methods).
    pub(crate) fn extend(&mut self, other: &PathPolicies) {
        self.entries.extend(other.entries.iter().cloned());
        self.plain.extend(other.plain.iter().cloned());
        self.axum_methods |= other.axum_methods;
    }

    /// Every handler of the path, for the report: its method, and its policy if it has one.
    pub(crate) fn handlers(&self) -> impl Iterator<Item = (&Routed, Option<&'static Policy>)> {
        let annotated = self.entries.iter().map(|e| (&e.routed, Some(e.policy)));
        annotated.chain(self.plain.iter().map(|r| (r, None)))
    }

    pub(crate) fn has_axum_methods(&self) -> bool {
        self.axum_methods
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entry serving an actual request's method (see [`find`](Self::find)); `Method`s compare without
    /// touching their bytes.
    #[inline]
    pub(crate) fn for_request(&self, method: &Method) -> Option<&Entry> {
        self.entries
            .iter()
            .find(|e| matches!(&e.routed, Routed::Method(m) if m == method))
            .or_else(|| self.find(method.as_str().as_bytes()))
    }

    /// The entry serving `method` (as the request line or `Access-Control-Request-Method` spells it): its own
    /// handler, else `GET`'s for `HEAD` (axum routes `HEAD` there), else an `any` handler.
    pub(crate) fn find(&self, method: &[u8]) -> Option<&Entry> {
        let routed_for = |name: &[u8]| {
            self.entries.iter().find(
                move |e| matches!(&e.routed, Routed::Method(m) if m.as_str().as_bytes() == name),
            )
        };
        routed_for(method)
            .or_else(|| (method == b"HEAD").then(|| routed_for(b"GET")).flatten())
            .or_else(|| {
                self.entries
                    .iter()
                    .find(|e| matches!(e.routed, Routed::Any))
            })
    }

    /// For a method no annotated handler of the path serves (axum answers `405`): the first policy of the path
    /// that allows the request's origin, else the first policy (for `Vary` alone). The `405` then tells the
    /// front-end that its method is not allowed, instead of failing as a network error.
    pub(crate) fn for_unrouted(&self, headers: &HeaderMap) -> Option<(&'static Policy, Verdict)> {
        let first = self.entries.first()?.policy;
        let allowing = self
            .entries
            .iter()
            .find_map(|e| match judge(e.policy, headers) {
                Ok(verdict @ Verdict::Allow(_)) => Some((e.policy, verdict)),
                _ => None,
            });
        Some(allowing.unwrap_or((first, Verdict::Silent)))
    }
}
