//! The fund: receipts, contracts and payments under four eyes, its position and report. The
//! ledger's storage, which the close-out posts to as well, is `db::ledger`.

pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod report;
#[cfg(feature = "ssr")]
pub(crate) mod server;
