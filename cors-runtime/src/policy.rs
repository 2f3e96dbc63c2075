//! The compiled form of a `#[cors]` policy: every header value is built by the compiler.
//!
//! The types are read, never built, by users: their fields are private and they grow without breaking anyone.
//! The code `#[cors]` generates builds them through the hidden constructors of `cors_runtime::__private`.

use crate::__private::PolicyParts;
use crate::origin::OriginMatcher;
use http::{HeaderValue, StatusCode};

/// A CORS policy as `#[cors(...)]` compiles it: validated, with every header value prepared.
///
/// You never build one by hand; the attribute does, and [`Router`](crate::Router) reads it. Tests can inspect a
/// handler's policy:
///
/// ```
/// use cors_runtime::{cors, policy_of};
///
/// #[cors(origins = ["https://app.example.com"], methods = [GET], credentials, max_age = 600)]
/// async fn list_items() -> &'static str { "[]" }
///
/// let policy = policy_of(list_items);
/// assert_eq!(policy.name(), "list_items");
/// assert!(policy.credentials());
/// assert_eq!(policy.max_age().unwrap(), "600");
/// ```
#[derive(Debug)]
pub struct Policy {
    parts: PolicyParts,
}

/// The `origins` of a policy.
#[derive(Debug)]
#[non_exhaustive]
pub enum Origins {
    /// `origins = "*"` without credentials: `Access-Control-Allow-Origin: *` on every response.
    Any,
    /// `origins = "*"` with `credentials, dangerously_reflect_any_origin`: every well-formed origin
    /// except `null` is echoed back.
    ReflectAny,
    /// Listed origins and patterns, and run-time origins.
    Listed(OriginMatcher),
}

/// The `methods` of a policy.
#[derive(Debug)]
#[non_exhaustive]
pub enum Methods {
    /// No `methods` key: exactly the methods the handler is routed under.
    Routed,
    /// `methods = "*"`: any method the handler is routed under (`*` without credentials, echoed with them).
    Any,
    /// An explicit list (`Access-Control-Allow-Methods` sends it as written).
    Listed(Names),
}

/// The `headers` of a policy (allowed request headers).
#[derive(Debug)]
#[non_exhaustive]
pub enum Headers {
    /// An explicit list, possibly empty.
    Listed(Names),
    /// `headers = "*"`, with the headers named beside it (such as `authorization`, which `*` never covers). A
    /// preflight answer names the validated request headers, never `*`.
    Any(Names),
}

/// The names a policy lists, and the header value that sends them.
#[derive(Debug)]
pub struct Names {
    pub(crate) names: &'static [&'static str],
    pub(crate) value: HeaderValue,
}

impl Names {
    /// The names: methods byte for byte as clients send them, header names in lowercase.
    pub fn names(&self) -> &'static [&'static str] {
        self.names
    }

    /// The prepared header value: the names joined with `, `.
    pub fn header_value(&self) -> &HeaderValue {
        &self.value
    }
}

impl Policy {
    pub(crate) const fn from_parts(parts: PolicyParts) -> Policy {
        Policy { parts }
    }

    /// The annotated handler's name (and its named policy's, if any), as diagnostics print it.
    pub fn name(&self) -> &'static str {
        self.parts.name
    }

    /// Which origins may read responses.
    pub fn origins(&self) -> &Origins {
        &self.parts.origins
    }

    /// Whether cookies and HTTP authentication may be sent and read (`credentials`).
    pub fn credentials(&self) -> bool {
        self.parts.credentials
    }

    /// Which methods a preflight may ask for.
    ///
    /// ```
    /// use cors_runtime::{cors, policy::Methods, policy_of};
    ///
    /// #[cors(origins = ["https://app.example.com"], methods = [GET, "PURGE"])]
    /// async fn purge() {}
    ///
    /// let Methods::Listed(methods) = policy_of(purge).methods() else { panic!() };
    /// assert_eq!(methods.names(), ["GET", "PURGE"]);
    /// assert_eq!(methods.header_value(), "GET, PURGE");
    /// ```
    pub fn methods(&self) -> &Methods {
        &self.parts.methods
    }

    /// Which request headers a preflight may ask for.
    pub fn headers(&self) -> &Headers {
        &self.parts.headers
    }

    /// `Access-Control-Expose-Headers` for actual responses (`expose`).
    pub fn expose(&self) -> Option<&HeaderValue> {
        self.parts.expose.as_ref()
    }

    /// `Access-Control-Max-Age` for preflight answers (`max_age`; `-1` is sent as `0`).
    pub fn max_age(&self) -> Option<&HeaderValue> {
        self.parts.max_age.as_ref()
    }

    /// The status of a successful preflight answer: 204 unless `preflight_status = 200`.
    pub fn preflight_status(&self) -> StatusCode {
        self.parts.preflight_status
    }

    /// `refuse_disallowed`: actual requests from other origins are answered with 403, without running the
    /// handler.
    pub fn refuse_disallowed(&self) -> bool {
        self.parts.refuse_disallowed
    }

    /// Whether responses depend on the request's `Origin`, so that caches must be told (`Vary: Origin`).
    ///
    /// ```
    /// use cors_runtime::{cors, policy_of};
    ///
    /// #[cors(origins = "*")]
    /// async fn public() {}
    /// #[cors(origins = ["https://app.example.com"])]
    /// async fn private() {}
    ///
    /// assert!(!policy_of(public).varies_by_origin());
    /// assert!(policy_of(private).varies_by_origin());
    /// ```
    pub fn varies_by_origin(&self) -> bool {
        !matches!(self.parts.origins, Origins::Any)
    }
}

/// A policy for the runtime's unit tests: any origin echoed, no credentials, nothing else.
#[cfg(test)]
pub(crate) static TEST_POLICY: Policy = Policy::from_parts(PolicyParts {
    name: "test",
    origins: Origins::ReflectAny,
    credentials: false,
    methods: Methods::Routed,
    headers: Headers::Listed(Names {
        names: &[],
        value: HeaderValue::from_static(""),
    }),
    expose: None,
    max_age: None,
    preflight_status: StatusCode::NO_CONTENT,
    refuse_disallowed: false,
});
