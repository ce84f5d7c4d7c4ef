//! An endpoint declared once: the path and the types come from the server function itself, the
//! rest (who may call it, a summary, an example) is written beside it in this folder.

use super::Access;
use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::Serialize;
use server_fn::ServerFn;

type SchemaOf = fn(&mut SchemaGenerator) -> Schema;

/// How the body is sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Body {
    /// `POST` with a JSON object of the function's arguments.
    Json,
    /// `POST` with `multipart/form-data` fields (an upload).
    Multipart,
}

/// One server function.
pub struct Endpoint {
    pub path: &'static str,
    pub access: Access,
    pub summary: (&'static str, &'static str),
    pub body: Body,
    /// A well-formed input: a typed value of the function's arguments, serialised.
    pub example: serde_json::Value,
    /// The name the input's and output's schemas go by in the OpenAPI document.
    pub input: SchemaOf,
    pub output: SchemaOf,
}

/// Declares the server function `F` (its argument struct, as the `#[server]` macro makes it).
pub fn endpoint<F>(access: Access, summary: (&'static str, &'static str), example: F) -> Endpoint
where
    F: ServerFn + JsonSchema + Serialize,
    F::Output: JsonSchema,
{
    Endpoint {
        path: F::PATH,
        access,
        summary,
        body: Body::Json,
        example: serde_json::to_value(&example)
            .expect("an argument struct serialises: it derives Serialize over plain data"),
        input: |g| g.subschema_for::<F>(),
        output: |g| g.subschema_for::<F::Output>(),
    }
}

/// Declares an upload: `F`'s body is `multipart/form-data` with the fields of `Form`.
pub fn multipart<F, Form>(
    access: Access,
    summary: (&'static str, &'static str),
    example: &Form,
) -> Endpoint
where
    F: ServerFn,
    F::Output: JsonSchema,
    Form: JsonSchema + Serialize,
{
    Endpoint {
        path: F::PATH,
        access,
        summary,
        body: Body::Multipart,
        example: serde_json::to_value(example)
            .expect("a form's fields serialise: it derives Serialize over plain data"),
        input: |g| g.subschema_for::<Form>(),
        output: |g| g.subschema_for::<F::Output>(),
    }
}

/// A file the server sends on `GET` (exports, open data, attachments).
pub struct Download {
    /// With `{name}` for each path parameter.
    pub path: &'static str,
    pub access: Access,
    pub summary: (&'static str, &'static str),
    pub content_type: &'static str,
    /// Query parameters the route reads, if any.
    pub query: &'static [&'static str],
    /// The body's schema when it is JSON; a file's bytes otherwise.
    pub schema: Option<SchemaOf>,
}

impl Download {
    /// The path's `{name}` parameters, in order (a whole segment, or a segment's part as in
    /// `{year}.xlsx`).
    pub fn parameters(&self) -> Vec<&'static str> {
        self.path
            .split('/')
            .filter_map(|s| s.split_once('{')?.1.split_once('}'))
            .map(|(name, _)| name)
            .collect()
    }
}
