//! The compiled form of a `#[cors]` policy: every header value is built by the compiler.

use crate::origin::OriginMatcher;
use http::{HeaderValue, StatusCode};

/// A CORS policy as `#[cors(...)]` compiles it: validated, with every header value prepared.
///
/// You never build one by hand; the attribute does, and [`routing`](crate::routing) reads it.
/// It is public so that generated code can name it and so that tests can inspect a handler's policy:
///
/// ```
/// use cors_runtime::{cors, Annotated};
///
/// #[cors(origins = ["https://app.example.com"], methods = [GET], credentials, max_age = 600)]
/// async fn list_items() -> &'static str { "[]" }
///
/// let policy = <list_items as Annotated>::policy();
/// assert!(policy.credentials);
/// assert_eq!(policy.max_age.as_ref().unwrap(), "600");
/// ```
#[derive(Debug)]
pub struct Policy {
    /// The annotated handler's name, for diagnostics.
    pub name: &'static str,
    /// Which origins may read responses.
    pub origins: Origins,
    /// Whether cookies and HTTP authentication may be sent and read (`credentials`).
    pub credentials: bool,
    /// Which methods a preflight may ask for.
    pub methods: Methods,
    /// Which request headers a preflight may ask for.
    pub headers: Headers,
    /// `Access-Control-Expose-Headers` for actual responses (`expose`).
    pub expose: Option<HeaderValue>,
    /// `Access-Control-Max-Age` for preflight answers (`max_age`).
    pub max_age: Option<HeaderValue>,
    /// The status of a successful preflight answer: 204 unless `preflight_status = 200`.
    pub preflight_status: StatusCode,
    /// `refuse_disallowed`: answer actual requests from other origins with 403, without running the handler.
    pub refuse_disallowed: bool,
}

/// The `origins` of a policy.
#[derive(Debug)]
pub enum Origins {
    /// `origins = "*"` without credentials: `Access-Control-Allow-Origin: *` on every response.
    Any,
    /// `origins = "*"` with `credentials, dangerously_reflect_any_origin`: every well-formed origin
    /// except `null` is echoed back.
    ReflectAny,
    /// Listed origins and patterns.
    Listed(OriginMatcher),
}

/// The `methods` of a policy.
#[derive(Debug)]
pub enum Methods {
    /// No `methods` key: exactly the methods the handler is routed under.
    Routed,
    /// `methods = "*"`: any method the handler is routed under (`*` without credentials, echoed with them).
    Any,
    /// An explicit list, with its prepared `Access-Control-Allow-Methods` value.
    Listed {
        /// The methods, byte for byte as clients send them.
        names: &'static [&'static str],
        /// The names joined with `, `.
        value: HeaderValue,
    },
}

/// The `headers` of a policy (allowed request headers).
#[derive(Debug)]
pub enum Headers {
    /// An explicit list (possibly empty), with its prepared `Access-Control-Allow-Headers` value.
    Listed {
        /// Lowercase header names.
        names: &'static [&'static str],
        /// The names joined with `, `.
        value: HeaderValue,
    },
    /// `headers = "*"` (optionally with named headers such as `authorization`, which `*` never covers).
    Any {
        /// Headers named beside `*`, lowercase.
        names: &'static [&'static str],
        /// `*` (plus the names) for policies without credentials.
        value: HeaderValue,
    },
}

impl Policy {
    /// Whether responses depend on the request's `Origin`, so that caches must be told (`Vary: Origin`).
    ///
    /// ```
    /// use cors_runtime::{cors, Annotated};
    ///
    /// #[cors(origins = "*")]
    /// async fn public() {}
    /// #[cors(origins = ["https://app.example.com"])]
    /// async fn private() {}
    ///
    /// assert!(!<public as Annotated>::policy().varies_by_origin());
    /// assert!(<private as Annotated>::policy().varies_by_origin());
    /// ```
    pub fn varies_by_origin(&self) -> bool {
        !matches!(self.origins, Origins::Any)
    }
}

/// A policy for the runtime's unit tests: any origin echoed, no credentials, nothing else.
#[cfg(test)]
pub(crate) static TEST_POLICY: Policy = Policy {
    name: "test",
    origins: Origins::ReflectAny,
    credentials: false,
    methods: Methods::Routed,
    headers: Headers::Listed {
        names: &[],
        value: HeaderValue::from_static(""),
    },
    expose: None,
    max_age: None,
    preflight_status: StatusCode::NO_CONTENT,
    refuse_disallowed: false,
};
