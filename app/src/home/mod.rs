//! The home page: what waits for the signed-in person, and the calls open now. `api.rs` holds
//! the server functions and their DTOs; `server/` their bodies.

pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
mod server;
