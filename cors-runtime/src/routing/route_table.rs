//! Every path of a [`Router`](crate::Router), matched exactly as axum matches it, and the CORS policies of each.
//!
//! The table holds the same path templates as axum's own route tree (plain routes, nested services and the
//! routes of nested and merged routers included), in the same matcher (`matchit`, the version axum uses), so a
//! request resolves to the route axum will call, before axum and the application's layers run.

use crate::protocol::path_policies::PathPolicies;
use rustc_hash::FxHashMap;

/// The tail parameter axum gives a nested service's catch-all route (`axum::routing::NEST_TAIL_PARAM`).
const NEST_TAIL_PARAM: &str = "__private__axum_nest_tail_param";

#[derive(Clone, Default)]
pub(crate) struct RouteTable {
    tree: matchit::Router<usize>,
    /// By index in `tree`: each route.
    paths: Vec<Path>,
    /// Every template, for building; and for requests, the literal ones: a path equal to a template without
    /// parameters is that route (matchit ranks a static match first), so most requests skip the tree walk.
    index: FxHashMap<Box<str>, usize>,
    /// Whether any path has an annotated handler: a router without any never looks a path up.
    annotated: bool,
    /// A fallback handler or service answers the paths no route matches (for the report).
    fallback: bool,
    /// Whether this router already said that it is nested in an `axum::Router` (debug builds).
    #[cfg(debug_assertions)]
    pub(crate) warned_nested: Once,
}

/// A flag set once; a copy of the table (a new router built from it) starts unset.
#[cfg(debug_assertions)]
#[derive(Default)]
pub(crate) struct Once(std::sync::atomic::AtomicBool);

#[cfg(debug_assertions)]
impl Once {
    /// `true` the first time only.
    pub(crate) fn first(&self) -> bool {
        !self.0.swap(true, std::sync::atomic::Ordering::Relaxed)
    }
}

#[cfg(debug_assertions)]
impl Clone for Once {
    fn clone(&self) -> Self {
        Once::default()
    }
}

#[derive(Clone, Debug)]
struct Path {
    template: Box<str>,
    /// Empty for a route without annotated handlers.
    policies: PathPolicies,
    /// No `{`, `}`: the template matches exactly the path it spells.
    literal: bool,
    kind: Kind,
}

/// What answers a path, for the report.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
    /// Handlers (`route`).
    Handlers,
    /// A tower service (`route_service`).
    Service,
    /// A nested service (`nest_service`), at its prefix.
    NestedService,
    /// The other templates axum registers for a nested service: reported once, at the prefix.
    NestedTail,
}

impl std::fmt::Debug for RouteTable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map()
            .entries(self.paths.iter().map(|p| (&p.template, &p.policies)))
            .finish()
    }
}

impl RouteTable {
    /// The policies of the route axum will call for `path`, if it has annotated handlers.
    #[inline]
    pub(crate) fn lookup(&self, path: &str) -> Option<&PathPolicies> {
        if !self.annotated {
            return None;
        }
        let i = match self.index.get(path) {
            Some(&i) if self.paths[i].literal => i,
            _ => *self.tree.at(path).ok()?.value,
        };
        let policies = &self.paths[i].policies;
        (!policies.is_empty()).then_some(policies)
    }

    /// A route (`Router::route`): a new template, or more handlers for one already routed.
    pub(crate) fn route(&mut self, template: &str, policies: &PathPolicies) {
        self.add(template, policies, Kind::Handlers);
    }

    fn add(&mut self, template: &str, policies: &PathPolicies, kind: Kind) {
        self.annotated |= !policies.is_empty();
        if let Some(&i) = self.index.get(template) {
            self.paths[i].policies.extend(policies);
            return;
        }
        let i = self.paths.len();
        // axum accepted this template into the same matcher a moment ago, so it cannot conflict here.
        self.tree.insert(template, i).unwrap_or_else(|e| {
            panic!("route `{template}` accepted by axum but not by its matcher: {e}")
        });
        self.paths.push(Path {
            template: template.into(),
            policies: policies.clone(),
            literal: !template.contains(['{', '}']),
            kind,
        });
        self.index.insert(template.into(), i);
    }

    /// A route with no policy (`route_service`).
    pub(crate) fn plain(&mut self, template: &str) {
        self.add(template, &PathPolicies::default(), Kind::Service);
    }

    /// A fallback handler or service (`fallback`, `fallback_service`).
    pub(crate) fn fallback(&mut self) {
        self.fallback = true;
    }

    /// `Router::merge`: every route of `other`, at its own path.
    pub(crate) fn merge(&mut self, other: &RouteTable) {
        for p in &other.paths {
            self.add(&p.template, &p.policies, p.kind);
        }
        self.fallback |= other.fallback;
    }

    /// `Router::nest`: every route of `other`, under `prefix`, as axum joins them.
    pub(crate) fn nest(&mut self, prefix: &str, other: &RouteTable) {
        for p in &other.paths {
            self.add(
                &path_for_nested_route(prefix, &p.template),
                &p.policies,
                p.kind,
            );
        }
    }

    /// `Router::nest_service`: the three templates axum registers for a nested service.
    pub(crate) fn nest_service(&mut self, prefix: &str) {
        let none = PathPolicies::default();
        if prefix.ends_with('/') {
            self.add(
                &format!("{prefix}{{*{NEST_TAIL_PARAM}}}"),
                &none,
                Kind::NestedTail,
            );
        } else {
            self.add(
                &format!("{prefix}/{{*{NEST_TAIL_PARAM}}}"),
                &none,
                Kind::NestedTail,
            );
            self.add(&format!("{prefix}/"), &none, Kind::NestedTail);
        }
        self.add(prefix, &none, Kind::NestedService);
    }

    /// Every route and method with its policy, sorted by path, then method.
    pub(crate) fn report(&self) -> Vec<crate::report::ReportedRoute> {
        use crate::protocol::path_policies::Routed;
        use crate::report::{Handler, ReportedRoute};
        let mut routes = Vec::new();
        for p in &self.paths {
            let path = p.template.as_ref();
            let mut add = |method: String, handler| {
                routes.push(ReportedRoute {
                    method,
                    path: path.to_owned(),
                    handler,
                });
            };
            match p.kind {
                Kind::NestedTail => {}
                Kind::Service => add("*".into(), Handler::Service),
                Kind::NestedService => add("*".into(), Handler::NestedService),
                Kind::Handlers => {
                    for (routed, policy) in p.policies.handlers() {
                        let method = match routed {
                            Routed::Method(m) => m.to_string(),
                            Routed::Any => "*".into(),
                        };
                        add(method, policy.map_or(Handler::Plain, Handler::Annotated));
                    }
                    if p.policies.has_axum_methods() {
                        add("*".into(), Handler::AxumMethodRouter);
                    }
                }
            }
        }
        routes.sort_by(|a, b| (&a.path, &a.method).cmp(&(&b.path, &b.method)));
        if self.fallback {
            routes.push(ReportedRoute {
                method: "*".into(),
                path: "(fallback)".into(),
                handler: Handler::Fallback,
            });
        }
        routes
    }
}

/// How axum joins a nesting prefix and a nested route (axum's own `path_for_nested_route`).
fn path_for_nested_route(prefix: &str, path: &str) -> String {
    if prefix.ends_with('/') {
        format!("{prefix}{}", path.trim_start_matches('/'))
    } else if path == "/" {
        prefix.to_owned()
    } else {
        format!("{prefix}{path}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::path_policies::Routed;

    /// A table whose every route is annotated, each with its own index as the policy's position.
    fn table(templates: &[&str]) -> RouteTable {
        let mut t = RouteTable::default();
        for template in templates {
            let mut p = PathPolicies::default();
            p.push(Routed::Any, &crate::policy::TEST_POLICY);
            t.route(template, &p);
        }
        t
    }

    /// The literal shortcut picks the route the tree walk picks, including where a static route and a parameter
    /// or catch-all overlap.
    #[test]
    fn the_literal_shortcut_agrees_with_the_tree() {
        let t = table(&[
            "/items",
            "/items/{id}",
            "/items/new",
            "/{*rest}",
            "/a{{b}}",
            "/users/{id}/posts",
        ]);
        for path in [
            "/items",
            "/items/7",
            "/items/new",
            "/items/{id}",
            "/a{b}",
            "/a{{b}}",
            "/users/1/posts",
            "/zzz",
            "/",
        ] {
            let by_tree = t.tree.at(path).ok().map(|m| *m.value);
            let i = match t.index.get(path) {
                Some(&i) if t.paths[i].literal => Some(i),
                _ => by_tree,
            };
            assert_eq!(i, by_tree, "{path}");
        }
    }

    #[test]
    fn nested_paths_join_as_in_axum() {
        assert_eq!(path_for_nested_route("/api", "/todos"), "/api/todos");
        assert_eq!(path_for_nested_route("/api", "/"), "/api");
        assert_eq!(path_for_nested_route("/api/", "/todos"), "/api/todos");
    }
}
