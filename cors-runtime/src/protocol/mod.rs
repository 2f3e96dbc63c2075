//! The CORS protocol on `http` types: which origin, method and headers a policy allows, what a preflight answer
//! says, which headers an actual response carries. Nothing here knows axum; `crate::routing` calls it.

pub(crate) mod actual;
pub mod origin;
pub mod origin_list;
pub mod origin_matcher;
pub(crate) mod path_policies;
pub(crate) mod preflight;
pub mod request_headers;
pub(crate) mod vary;
pub(crate) mod websocket;

use http::HeaderValue;

pub(crate) const TRUE: HeaderValue = HeaderValue::from_static("true");
