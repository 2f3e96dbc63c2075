//! The validation rules of a CORS policy, written once.
//!
//! `cors-macros` applies them at compile time to the literals of a `#[cors(...)]` attribute, and
//! `cors-runtime` applies them when origins only known at run time are configured. Each rule returns a
//! typed error whose [`Display`](core::fmt::Display) says what is wrong and how to fix it, so both callers
//! report the same words.
//!
//! ```
//! use cors_rules::origin::{parse_origin, AllowedOrigin};
//!
//! assert!(matches!(parse_origin("https://app.example.com"), Ok(AllowedOrigin::Exact(_))));
//! assert!(matches!(parse_origin("https://*.example.com"), Ok(AllowedOrigin::Pattern(_))));
//! let err = parse_origin("https://app.example.com/").unwrap_err();
//! assert!(err.to_string().contains("trailing slash"));
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod header;
pub mod host;
pub mod max_age;
pub mod method;
pub mod origin;
pub mod serialized;
pub mod token;
