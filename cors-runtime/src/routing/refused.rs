//! The conversions that would lose a policy, refused by the compiler with a message that names the fix.

/// Never implemented: the bound of the refusing conversions between this crate's routers and axum's, which
/// would drop the preflight answers and the headers in front of the application's layers.
#[diagnostic::on_unimplemented(
    message = "`{T}` cannot become part of an `axum::Router`: its CORS is enforced by `cors_runtime::Router`",
    label = "an `axum::Router` would not answer its preflights, nor put CORS in front of its layers",
    note = "build the whole app with `cors_runtime::Router` (it has axum's `route`, `nest`, `merge`, `layer`, `with_state`, ...) and serve it: `axum::serve(listener, app)`; attach a plain `axum::Router` to it with `nest_service` or `fallback_service`"
)]
pub trait UseCorsRouter<T> {}

/// Never implemented: the bound of the refusing conversion of an `axum::Router` into a `cors_runtime::Router`
/// (`cors_router.nest(path, axum_router)`, `cors_router.merge(axum_router)`), which cannot see its routes.
#[diagnostic::on_unimplemented(
    message = "an `axum::Router` cannot be nested or merged into a `cors_runtime::Router`: its routes are hidden from CORS",
    label = "an `axum::Router`, whose paths `cors_runtime::Router` cannot match",
    note = "attach it with `.nest_service(path, axum_router)` or `.fallback_service(axum_router)` (its handlers have no #[cors] policy then), or build it with `cors_runtime::Router` (a change of import) to keep its policies"
)]
pub trait NotAnAxumRouter<T> {}
