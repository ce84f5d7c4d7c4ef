//! sea-orm entities, one module a table, grouped by feature; the migrations crate owns the
//! schema. Every table is reachable as `entities::<table>`.

mod accounts;
mod applications;
mod calls;
mod councils;
mod execution;
mod files;
mod fund;
mod mail;
mod programme;
mod proposals;
mod registrations;
mod sign_on;

pub use accounts::*;
pub use applications::*;
pub use calls::*;
pub use councils::*;
pub use execution::*;
pub use files::*;
pub use fund::*;
pub use mail::*;
pub use programme::*;
pub use proposals::*;
pub use registrations::*;
pub use sign_on::*;
