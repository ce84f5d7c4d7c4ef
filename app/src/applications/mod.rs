//! Applications (dossiers): the thuyết minh drafted, checked, submitted, decided; the
//! officer's export (attachments are `crate::attachments`). `api.rs` holds the server functions and their DTOs (both targets);
//! `server/` their bodies, one file per resource.

pub mod api;
pub mod autosave;
pub mod content;
pub mod editor;
#[cfg(feature = "ssr")]
pub mod export;
pub mod pages;
pub mod revision;
#[cfg(feature = "ssr")]
pub(crate) mod server;
