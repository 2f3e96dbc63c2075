//! Why a slot was not filled.

use std::fmt;

/// Why a [`RuntimeOrigins`](super::RuntimeOrigins) slot was not filled. Its `Display` names the source and the entry, and says how to
/// fix it.
///
/// ```
/// use cors_runtime::{OriginsError, RuntimeOrigins};
///
/// let slot: RuntimeOrigins = RuntimeOrigins::new();
/// match slot.set_list("https://ok.example.com, https://*.github.io") {
///     Err(OriginsError::Entry { index, entry, .. }) => {
///         assert_eq!((index, entry.as_str()), (2, "https://*.github.io"));
///     }
///     other => panic!("{other:?}"),
/// }
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum OriginsError {
    /// An entry broke a rule; `index` counts from 1, over the non-empty entries.
    Entry {
        /// The environment variable the list came from, if any.
        var: Option<String>,
        /// Which entry, counting from 1.
        index: usize,
        /// The entry as given.
        entry: String,
        /// What is wrong and how to fix it, in the words of the compile-time error.
        reason: String,
    },
    /// The environment variable is not set.
    EnvMissing(String),
    /// The environment variable is not valid UTF-8.
    EnvNotUnicode(String),
    /// The slot was already filled: slots are filled once, at start-up.
    AlreadySet,
}

impl fmt::Display for OriginsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OriginsError::Entry {
                var,
                index,
                entry,
                reason,
            } => {
                if let Some(var) = var {
                    write!(f, "{var}: ")?;
                }
                write!(f, "entry {index} (`{entry}`): {reason}")
            }
            OriginsError::EnvMissing(var) => write!(
                f,
                "{var} is not set: set it to a comma-separated list of origins (it may be empty)"
            ),
            OriginsError::EnvNotUnicode(var) => write!(f, "{var} is not valid UTF-8"),
            OriginsError::AlreadySet => f.write_str(
                "these run-time origins were already set: fill each `RuntimeOrigins` once, at start-up",
            ),
        }
    }
}

impl std::error::Error for OriginsError {}
