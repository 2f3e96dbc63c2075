//! The methods an annotated handler may be routed under, as its signature shows them.
//!
//! `#[cors(methods = [GET, POST])]` gives the handler the return type `impl Cors<Methods = (GET, POST), …>`;
//! [`routing`](crate::routing) reads it, so `put(handler)` is a compile error that says `PUT` is not listed.
//! Without a `methods` key the handler may be routed under any method ([`Routed`]: its policy then allows
//! exactly the methods it is routed under), and likewise with `methods = "*"` ([`Any`]). Extension methods
//! (`"PURGE"`) have no marker: they are served through [`routing::any`](crate::routing::any).
//!
//! ```compile_fail
//! use cors_runtime::{cors, routing::put, Router};
//!
//! #[cors(origins = ["https://app.example.com"], methods = [GET, POST])]
//! async fn items() {}
//!
//! let app: Router = Router::new().route("/items", put(items)); // `PUT` is not listed
//! ```
#![allow(non_camel_case_types, clippy::upper_case_acronyms)]

macro_rules! markers {
    ($($name:ident),*) => {$(
        #[doc = concat!("`", stringify!($name), "`, listed in a policy's `methods`.")]
        #[derive(Debug)]
        pub enum $name {}
        impl sealed::Method for $name {}
        #[diagnostic::do_not_recommend]
        impl Lists<$name, Only> for $name {}
    )*};
}
markers!(DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT);

/// No `methods` key: the handler may be routed under any method, and its policy allows exactly the methods it
/// is routed under.
#[derive(Debug)]
pub enum Routed {}

/// `methods = "*"`: the handler may be routed under any method, and its policy allows any method.
#[derive(Debug)]
pub enum Any {}

mod sealed {
    pub trait Method {}
}

/// Holds when the method set `Self` lists `M`; `I` says where, so that the impls do not overlap (it is always
/// inferred).
#[diagnostic::on_unimplemented(
    message = "this handler's #[cors] policy does not list `{M}`",
    label = "routed as `{M}`, which its `methods = [...]` does not list",
    note = "add `{M}` to `methods = [...]` in the handler's #[cors], or route it under a method its policy lists"
)]
pub trait Lists<M, I> {}

#[doc(hidden)]
#[derive(Debug)]
pub enum Only {}
#[doc(hidden)]
#[derive(Debug)]
pub enum Every {}

#[diagnostic::do_not_recommend]
impl<M: sealed::Method> Lists<M, Every> for Routed {}
#[diagnostic::do_not_recommend]
impl<M: sealed::Method> Lists<M, Every> for Any {}

/// Where a tuple lists a method (hidden: always inferred).
#[doc(hidden)]
#[derive(Debug)]
pub enum At<const N: usize> {}

macro_rules! positions {
    ($(($($ty:ident),+): $n:literal => $pick:ident;)*) => {$(
        #[diagnostic::do_not_recommend]
        impl<$($ty),+> Lists<$pick, At<$n>> for ($($ty,)+) {}
    )*};
}
// One impl per position in tuples of two to seven methods (`#[cors]` never lists a method twice).
positions! {
    (A, B): 0 => A;
    (A, B): 1 => B;
    (A, B, C): 0 => A;
    (A, B, C): 1 => B;
    (A, B, C): 2 => C;
    (A, B, C, D): 0 => A;
    (A, B, C, D): 1 => B;
    (A, B, C, D): 2 => C;
    (A, B, C, D): 3 => D;
    (A, B, C, D, E): 0 => A;
    (A, B, C, D, E): 1 => B;
    (A, B, C, D, E): 2 => C;
    (A, B, C, D, E): 3 => D;
    (A, B, C, D, E): 4 => E;
    (A, B, C, D, E, F): 0 => A;
    (A, B, C, D, E, F): 1 => B;
    (A, B, C, D, E, F): 2 => C;
    (A, B, C, D, E, F): 3 => D;
    (A, B, C, D, E, F): 4 => E;
    (A, B, C, D, E, F): 5 => F;
    (A, B, C, D, E, F, G): 0 => A;
    (A, B, C, D, E, F, G): 1 => B;
    (A, B, C, D, E, F, G): 2 => C;
    (A, B, C, D, E, F, G): 3 => D;
    (A, B, C, D, E, F, G): 4 => E;
    (A, B, C, D, E, F, G): 5 => F;
    (A, B, C, D, E, F, G): 6 => G;
}
