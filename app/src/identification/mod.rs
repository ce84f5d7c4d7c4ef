//! Identification councils (hội đồng tư vấn xác định nhiệm vụ) for a round's proposals, on the
//! council engine's rules (`domain::identification`): formation and invitations, conflicts and
//! certification, secret ballots on the rulebook's own criteria, the meeting, the count and the
//! minutes. `api.rs` holds the server functions and their DTOs; `server/` their bodies.

pub mod api;
pub mod minutes;
pub mod pages;
#[cfg(feature = "ssr")]
pub(crate) mod server;
