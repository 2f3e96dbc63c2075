//! What each kind of slot accepts: the rules of a credentialed attribute (the default), or of one without
//! credentials.

use cors_rules::origin::CredentialRisk;

/// The rules a [`RuntimeOrigins`](super::RuntimeOrigins) slot validates its entries by.
pub trait OriginRules: sealed::Sealed + Send + Sync + 'static {
    /// Whether entries must be safe to trust with credentials (`https://`, or `http://` on loopback; no
    /// pattern over a public suffix).
    const FOR_CREDENTIALS: bool;
}

/// Rules for slots that policies with `credentials` may name (the default): the same rules as a
/// credentialed `#[cors]` attribute.
#[derive(Debug)]
pub enum Credentialed {}

/// Rules for slots named only by policies without `credentials`: plain `http://` origins and patterns over
/// public suffixes are accepted, as they are in such an attribute. Naming such a slot in a credentialed
/// policy is a compile error.
#[derive(Debug)]
pub enum NoCredentials {}

impl OriginRules for Credentialed {
    const FOR_CREDENTIALS: bool = true;
}

impl OriginRules for NoCredentials {
    const FOR_CREDENTIALS: bool = false;
}

mod sealed {
    pub trait Sealed {}
    impl Sealed for super::Credentialed {}
    impl Sealed for super::NoCredentials {}
}

/// Implemented by the rules whose slots a policy with `credentials` may name.
#[diagnostic::on_unimplemented(
    message = "a policy with `credentials` names a `RuntimeOrigins<NoCredentials>` slot",
    label = "its entries are not checked for use with credentials (plain `http://` origins are accepted)",
    note = "declare the slot as `RuntimeOrigins` (the default rules, those of a credentialed policy), or remove `credentials`"
)]
pub trait SafeWithCredentials: OriginRules {}

impl SafeWithCredentials for Credentialed {}

/// The rule's own words, and the run-time way out for plain `http://`.
pub(crate) fn credential_risk_reason(risk: &CredentialRisk) -> String {
    match risk {
        CredentialRisk::InsecureScheme => format!(
            "{risk}, or declare the slot as `RuntimeOrigins<NoCredentials>` for policies without credentials"
        ),
        CredentialRisk::PublicSuffixPattern(_) => risk.to_string(),
    }
}
