//! Letters to every applicant of a call (docs/notifications.md, "Letters"): the officer writes
//! one template, each applicant gets it filled from their dossier, and the sent log says what
//! went to whom and when, with a way to send one again. `api.rs` the server functions and DTOs,
//! `server.rs` their bodies, `pages.rs` the page.

pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub(super) mod server;
