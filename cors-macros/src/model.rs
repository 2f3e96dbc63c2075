//! The checked policy: plain data, every rule already applied. Expansion reads only this.

pub struct Policy {
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
