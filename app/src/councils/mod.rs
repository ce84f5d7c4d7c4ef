//! Review councils: formation, conflicts, blind score sheets, the meeting, results and minutes.
//! `api.rs` holds the server functions and their DTOs (both targets); `server/` their bodies,
//! one file per resource.

pub mod api;
pub mod minutes;
pub mod pages;
#[cfg(feature = "ssr")]
pub(crate) mod server;
