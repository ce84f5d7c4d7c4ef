//! The audit trail (ARCHITECTURE.md, "Audit trail"): every state change's event, chained so
//! that an edited or deleted event is found (`domain::audit`); the history of a dossier and its
//! task on their pages; the whole trail and its verification for administrators.

pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod server;
