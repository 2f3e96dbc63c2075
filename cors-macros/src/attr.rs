//! Parsing `#[cors(key = value, flag, ...)]` into keys and values that keep their tokens for spans.

use proc_macro2::Span;
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::{Expr, ExprArray, ExprLit, ExprUnary, Ident, Lit, LitInt, LitStr, Meta, Token, UnOp};

/// The attribute's arguments, in order.
pub struct Args {
    pub items: Vec<Arg>,
}

pub struct Arg {
    pub key: Ident,
    pub value: Option<Value>,
    /// `key(...)`: a form the attribute never takes.
    pub list_form: bool,
}

/// A value as written.
pub enum Value {
    Str(LitStr),
    Int {
        lit: LitInt,
        negative: bool,
        span: Span,
    },
    Ident(Ident),
    List {
        items: Vec<Value>,
        span: Span,
    },
    Other(Span),
}

impl Value {
    pub fn span(&self) -> Span {
        match self {
            Value::Str(s) => s.span(),
            Value::Int { span, .. } | Value::List { span, .. } | Value::Other(span) => *span,
            Value::Ident(i) => i.span(),
        }
    }

    fn from_expr(expr: &Expr) -> Value {
        match expr {
            Expr::Lit(ExprLit {
                lit: Lit::Str(s), ..
            }) => Value::Str(s.clone()),
            Expr::Lit(ExprLit {
                lit: Lit::Int(i), ..
            }) => Value::Int {
                lit: i.clone(),
                negative: false,
                span: i.span(),
            },
            Expr::Unary(ExprUnary {
                op: UnOp::Neg(_),
                expr: inner,
                ..
            }) => match &**inner {
                Expr::Lit(ExprLit {
                    lit: Lit::Int(i), ..
                }) => Value::Int {
                    lit: i.clone(),
                    negative: true,
                    span: expr.span(),
                },
                _ => Value::Other(expr.span()),
            },
            Expr::Path(p) => match p.path.get_ident() {
                Some(ident) if p.qself.is_none() => Value::Ident(ident.clone()),
                _ => Value::Other(expr.span()),
            },
            Expr::Array(ExprArray {
                elems,
                bracket_token,
                ..
            }) => Value::List {
                items: elems.iter().map(Value::from_expr).collect(),
                span: bracket_token.span.join(),
            },
            Expr::Group(g) => Value::from_expr(&g.expr),
            other => Value::Other(other.span()),
        }
    }
}

impl Args {
    pub fn parse(input: ParseStream) -> syn::Result<Self> {
        let metas = Punctuated::<Meta, Token![,]>::parse_terminated(input)?;
        let mut items = Vec::new();
        for meta in metas {
            let key = meta.path().require_ident()?.clone();
            items.push(match meta {
                Meta::Path(_) => Arg {
                    key,
                    value: None,
                    list_form: false,
                },
                Meta::List(_) => Arg {
                    key,
                    value: None,
                    list_form: true,
                },
                Meta::NameValue(nv) => Arg {
                    key,
                    value: Some(Value::from_expr(&nv.value)),
                    list_form: false,
                },
            });
        }
        Ok(Args { items })
    }
}

impl Parse for Args {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        Args::parse(input)
    }
}
