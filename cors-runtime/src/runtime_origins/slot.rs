//! A slot's filled state, and how it matches a request's origin.

use super::rules::OriginRules;
use crate::protocol::origin_list::{allow_listed, ExactOrigin, OriginPattern};
use cors_rules::serialized::{is_credential_safe, is_tuple_origin};
use http::HeaderValue;
use std::fmt;
use std::sync::OnceLock;

/// What a policy reads: the filled state of a [`RuntimeOrigins`](super::RuntimeOrigins), without its rules.
pub struct OriginSlot {
    pub(super) set: OnceLock<Configured>,
}

pub(super) enum Configured {
    Listed {
        exact: &'static [ExactOrigin],
        patterns: &'static [OriginPattern],
    },
    Predicate(Box<dyn Fn(&str) -> bool + Send + Sync>),
}

impl fmt::Debug for OriginSlot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.set.get() {
            None => f.write_str("RuntimeOrigins(unset)"),
            Some(Configured::Listed { exact, patterns }) => f
                .debug_struct("RuntimeOrigins")
                .field("exact", exact)
                .field("patterns", patterns)
                .finish(),
            Some(Configured::Predicate(_)) => f.write_str("RuntimeOrigins(predicate)"),
        }
    }
}

impl OriginSlot {
    /// The `Access-Control-Allow-Origin` value for `origin`, if the slot allows it.
    pub(crate) fn allow<R: OriginRules>(&self, origin: &HeaderValue) -> Option<HeaderValue> {
        self.allow_with(R::FOR_CREDENTIALS, origin)
    }

    pub(crate) fn allow_with(
        &self,
        for_credentials: bool,
        origin: &HeaderValue,
    ) -> Option<HeaderValue> {
        match self.set.get()? {
            Configured::Listed { exact, patterns } => allow_listed(exact, patterns, origin),
            Configured::Predicate(predicate) => {
                let bytes = origin.as_bytes();
                let shape_ok =
                    is_tuple_origin(bytes) && (!for_credentials || is_credential_safe(bytes));
                // A tuple origin is ASCII, so this never fails for one that passed the shape check.
                let text = std::str::from_utf8(bytes).ok().filter(|_| shape_ok)?;
                predicate(text).then(|| origin.clone())
            }
        }
    }
}
