//! The API, declared once (issue 12, docs/api.md). Each server function's path and types come
//! from the function itself (the `#[server]` macro's argument struct derives a JSON Schema, and
//! so does every type it carries); beside it here: who may call it, as data from
//! `domain::roles`, a summary in both languages and a well-formed example input, a typed value.
//! From this one declaration come the `/api` page, `GET /api/openapi.json` (OpenAPI 3.1) and
//! the authorisation matrix the tests run.

mod page;
pub use page::{ApiCatalogue, ApiDocsPage, ApiRow};

#[cfg(feature = "ssr")]
mod access;
#[cfg(feature = "ssr")]
mod audit;
#[cfg(feature = "ssr")]
mod councils;
#[cfg(feature = "ssr")]
mod dossiers;
#[cfg(feature = "ssr")]
mod downloads;
#[cfg(feature = "ssr")]
mod endpoint;
#[cfg(feature = "ssr")]
mod examples;
#[cfg(feature = "ssr")]
mod execution;
#[cfg(feature = "ssr")]
mod identification;
#[cfg(feature = "ssr")]
mod money;
#[cfg(feature = "ssr")]
pub mod openapi;
#[cfg(feature = "ssr")]
mod people;
#[cfg(feature = "ssr")]
mod programme;
#[cfg(feature = "ssr")]
mod proposals;
#[cfg(feature = "ssr")]
mod registration;

#[cfg(feature = "ssr")]
pub use access::{Access, Party, Record};
#[cfg(feature = "ssr")]
pub use downloads::downloads;
#[cfg(feature = "ssr")]
pub use endpoint::{endpoint, multipart, Body, Download, Endpoint};

/// Every server function, in the order the `/api` page lists them.
#[cfg(feature = "ssr")]
pub fn endpoints() -> Vec<Endpoint> {
    [
        people::endpoints(),
        registration::endpoints(),
        proposals::endpoints(),
        dossiers::endpoints(),
        councils::endpoints(),
        money::endpoints(),
        execution::endpoints(),
        programme::endpoints(),
        audit::endpoints(),
        vec![endpoint(
            Access::Public,
            (
                "Danh mục API này: đường dẫn, ai được gọi, mô tả, ví dụ",
                "This API catalogue: paths, who may call them, summaries, examples",
            ),
            ApiCatalogue {},
        )],
    ]
    .into_iter()
    .flatten()
    .collect()
}
