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

    pub fn error(&self, span: impl Into<Spanned>, message: impl std::fmt::Display) {
        let Spanned(span) = span.into();
        self.errors
            .borrow_mut()
            .push(syn::Error::new(span, message));
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

/// A span from anything that has one.
pub struct Spanned(pub proc_macro2::Span);

impl From<proc_macro2::Span> for Spanned {
    fn from(span: proc_macro2::Span) -> Self {
        Spanned(span)
    }
}

impl<T: syn::spanned::Spanned> From<&T> for Spanned {
    fn from(node: &T) -> Self {
        Spanned(node.span())
    }
}
