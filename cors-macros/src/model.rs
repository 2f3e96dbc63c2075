//! The checked policy: plain data, every rule already applied. Expansion reads only this.

pub struct Policy {
    /// The named policy it builds on, as written (`crate::policies::APP`).
    pub named: Option<String>,
    pub origins: Origins,
    pub credentials: bool,
    pub methods: Methods,
    pub headers: Headers,
    /// Lowercase names, or `["*"]`.
    pub expose: Vec<String>,
    pub max_age: Option<i64>,
    pub preflight_status: u16,
    pub refuse_disallowed: bool,
}

pub enum Origins {
    Any,
    ReflectAny,
    Listed {
        exact: Vec<String>,
        patterns: Vec<cors_rules::origin::OriginPattern>,
        /// `RuntimeOrigins` statics, filled at run time.
        runtime: Vec<syn::Path>,
    },
}

pub enum Methods {
    Routed,
    Any,
    Listed(Vec<String>),
}

pub enum Headers {
    Listed(Vec<String>),
    /// `*`, plus names `*` does not cover.
    Any(Vec<String>),
}
