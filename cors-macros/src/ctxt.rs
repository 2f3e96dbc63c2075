//! Collects every error of one attribute so that a user fixes them all in one build.

use std::cell::RefCell;

pub struct Ctxt {
    errors: RefCell<Vec<syn::Error>>,
}

impl Ctxt {
    pub fn new() -> Self {
        Ctxt {
            errors: RefCell::new(Vec::new()),
        }
    }

    pub fn error(&self, at: impl Into<Spanned>, message: impl std::fmt::Display) {
        let error = match at.into() {
            Spanned::Span(span) => syn::Error::new(span, message),
            // From the node's first token to its last, as rustc underlines a node (`&self`, `<T>`, `-2`).
            Spanned::Node(tokens) => syn::Error::new_spanned(tokens, message),
        };
        self.errors.borrow_mut().push(error);
    }

    pub fn finish(self) -> Result<(), syn::Error> {
        let mut errors = self.errors.into_inner().into_iter();
        let Some(mut first) = errors.next() else {
            return Ok(());
        };
        errors.for_each(|e| first.combine(e));
        Err(first)
    }
}

/// Where an error points: one span, or a whole syntax node (all of its tokens).
pub enum Spanned {
    Span(proc_macro2::Span),
    Node(proc_macro2::TokenStream),
}

impl From<proc_macro2::Span> for Spanned {
    fn from(span: proc_macro2::Span) -> Self {
        Spanned::Span(span)
    }
}

impl<T: quote::ToTokens> From<&T> for Spanned {
    fn from(node: &T) -> Self {
        Spanned::Node(node.to_token_stream())
    }
}
