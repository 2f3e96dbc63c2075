//! Parsing `#[cors(key = value, flag, ...)]` into keys and values that keep their tokens for spans.

use crate::symbol::{Symbol, NAMED};
use proc_macro2::Span;
use syn::parse::discouraged::Speculative;
use syn::parse::{Parse, ParseStream};
use syn::spanned::Spanned;
use syn::{
    Expr, ExprArray, ExprLit, ExprUnary, Ident, Lit, LitInt, LitStr, Meta, MetaNameValue, Path,
    Token, UnOp,
};

/// The attribute's arguments, in order.
pub struct Args {
    pub items: Vec<Arg>,
    /// The named policy these arguments extend (`#[cors(policy = API, ...)]`, once its macro has run).
    pub named: Option<Box<Named>>,
}

/// A named policy's name and arguments, as its `cors_policy!` declaration wrote them.
pub struct Named {
    pub path: Path,
    pub args: Args,
}

pub struct Arg {
    pub key: Ident,
    pub value: Option<Value>,
    /// `key(...)`: a form the attribute never takes.
    pub list_form: bool,
    /// The argument as written, to pass it on unchanged.
    pub meta: Meta,
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
    /// A path of more than one segment (`crate::config::ORIGINS`).
    Path(Path),
    List {
        items: Vec<Value>,
        span: Span,
    },
    /// Anything else, kept whole so that an error can underline all of it.
    Other(proc_macro2::TokenStream),
}

impl Value {
    pub fn span(&self) -> Span {
        match self {
            Value::Str(s) => s.span(),
            Value::Int { span, .. } | Value::List { span, .. } => *span,
            Value::Other(tokens) => tokens
                .clone()
                .into_iter()
                .next()
                .map_or_else(Span::call_site, |t| t.span()),
            Value::Ident(i) => i.span(),
            Value::Path(p) => p.span(),
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
                _ => Value::Other(quote::ToTokens::to_token_stream(expr)),
            },
            Expr::Path(p) if p.qself.is_none() => match p.path.get_ident() {
                Some(ident) => Value::Ident(ident.clone()),
                None => Value::Path(p.path.clone()),
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
            other => Value::Other(quote::ToTokens::to_token_stream(other)),
        }
    }
}

/// The value's tokens, for errors that underline the whole value (`-2`, not just `-`).
impl quote::ToTokens for Value {
    fn to_tokens(&self, tokens: &mut proc_macro2::TokenStream) {
        match self {
            Value::Str(s) => s.to_tokens(tokens),
            Value::Int {
                lit,
                negative,
                span,
            } => {
                if *negative {
                    syn::Token![-](*span).to_tokens(tokens);
                }
                lit.to_tokens(tokens);
            }
            Value::Ident(i) => i.to_tokens(tokens),
            Value::Path(p) => p.to_tokens(tokens),
            Value::List { span, .. } => {
                // One bracketed group whose span is the whole list.
                let mut group = proc_macro2::Group::new(
                    proc_macro2::Delimiter::Bracket,
                    proc_macro2::TokenStream::new(),
                );
                group.set_span(*span);
                tokens.extend([proc_macro2::TokenTree::Group(group)]);
            }
            Value::Other(other) => tokens.extend(other.clone()),
        }
    }
}

impl Args {
    pub fn parse(input: ParseStream) -> syn::Result<Self> {
        let mut items = Vec::new();
        let mut named = None;
        while !input.is_empty() {
            let meta = parse_meta(input)?;
            if !input.is_empty() {
                input.parse::<Token![,]>()?;
            }
            let key = meta.path().require_ident()?.clone();
            if key == NAMED {
                named = Some(Box::new(
                    meta.require_list()?.parse_args_with(Named::parse)?,
                ));
                continue;
            }
            let (value, list_form) = match &meta {
                Meta::Path(_) => (None, false),
                Meta::List(_) => (None, true),
                Meta::NameValue(nv) => (Some(Value::from_expr(&nv.value)), false),
            };
            items.push(Arg {
                key,
                value,
                list_form,
                meta,
            });
        }
        Ok(Args { items, named })
    }

    /// The argument given for `key`, if any.
    pub fn get(&self, key: Symbol) -> Option<&Arg> {
        self.items.iter().find(|a| a.key == key)
    }
}

/// One argument, as `syn::Meta` reads it, except that a value is always read as an expression: `Meta` reads a
/// negative literal that ends the list (`max_age = -2)`) as one token spanned at its `-`, which would leave
/// errors underlining `-` alone.
fn parse_meta(input: ParseStream) -> syn::Result<Meta> {
    let ahead = input.fork();
    match ahead.parse::<Meta>()? {
        Meta::NameValue(_) => Ok(Meta::NameValue(MetaNameValue {
            path: input.call(Path::parse_mod_style)?,
            eq_token: input.parse()?,
            value: input.parse()?,
        })),
        other => {
            input.advance_to(&ahead);
            Ok(other)
        }
    }
}

impl Named {
    /// `PATH, key = value, ...`
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let path: Path = input.parse()?;
        let args = if input.is_empty() {
            Args {
                items: Vec::new(),
                named: None,
            }
        } else {
            input.parse::<Token![,]>()?;
            Args::parse(input)?
        };
        Ok(Named { path, args })
    }
}

impl Parse for Args {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        Args::parse(input)
    }
}
