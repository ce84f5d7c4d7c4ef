//! A person's notifications (docs/notifications.md): the list with the unread count, marking
//! them read, and the choice of how each kind reaches them by mail. `api.rs` the server
//! functions and DTOs, `server.rs` their bodies, `pages.rs` the page.

pub mod api;
#[cfg(feature = "ssr")]
pub mod digest;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod reminders;
#[cfg(feature = "ssr")]
mod server;
