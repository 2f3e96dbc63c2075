//! How a policy names a slot: `origins = [DEPLOYMENT]` compiles to a [`SlotRef`], through which the policy reads
//! the slot at request time whatever its rules. What the generated code uses; users meet only
//! [`NamedInOrigins`], in the error for a name that is not a slot.

use super::rules::{OriginRules, SafeWithCredentials};
use super::slot::OriginSlot;
use super::RuntimeOrigins;
use http::HeaderValue;
use std::fmt;

/// What a name in `origins = [...]` must be: a `static` of type [`RuntimeOrigins`].
#[diagnostic::on_unimplemented(
    message = "`origins` names a `{Self}`, not a `RuntimeOrigins` static",
    label = "a name in `origins = [...]` is a `static NAME: RuntimeOrigins`, filled at start-up",
    note = "write origins known when you build as strings: `origins = [\"https://app.example.com\"]`",
    note = "for origins set at start-up, declare `static NAME: RuntimeOrigins = RuntimeOrigins::new();`, fill it with `NAME.set_list(...)` and name it: `origins = [NAME]`"
)]
pub trait NamedInOrigins: ReadSlot {
    /// The rules the slot's entries were checked by.
    type Rules: OriginRules;
}

impl<R: OriginRules> NamedInOrigins for RuntimeOrigins<R> {
    type Rules = R;
}

/// How a policy reads a slot it names, whatever its rules.
#[doc(hidden)]
pub trait ReadSlot: Sync + 'static {
    /// The slot's filled state.
    fn slot(&self) -> &OriginSlot;
}

impl<R: OriginRules> ReadSlot for RuntimeOrigins<R> {
    fn slot(&self) -> &OriginSlot {
        &self.slot
    }
}

/// A slot as a policy names it, with the rules the policy needs.
#[derive(Clone, Copy)]
pub struct SlotRef {
    pub(crate) slot: &'static dyn ReadSlot,
    pub(crate) for_credentials: bool,
    /// The static's path as the attribute names it, for reports.
    pub(crate) name: &'static str,
}

impl fmt::Debug for SlotRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SlotRef")
            .field("name", &self.name)
            .field("for_credentials", &self.for_credentials)
            .finish_non_exhaustive()
    }
}

impl SlotRef {
    /// For a policy without credentials: any slot.
    #[doc(hidden)]
    pub const fn any<T: NamedInOrigins>(origins: &'static T, name: &'static str) -> SlotRef {
        SlotRef {
            slot: origins,
            for_credentials: <T::Rules as OriginRules>::FOR_CREDENTIALS,
            name,
        }
    }

    /// For a policy with credentials: only slots validated for credentials.
    #[doc(hidden)]
    pub const fn credentialed<T>(origins: &'static T, name: &'static str) -> SlotRef
    where
        T: NamedInOrigins,
        T::Rules: SafeWithCredentials,
    {
        SlotRef {
            slot: origins,
            for_credentials: true,
            name,
        }
    }

    pub(crate) fn allow(&self, origin: &HeaderValue) -> Option<HeaderValue> {
        self.slot.slot().allow_with(self.for_credentials, origin)
    }
}
