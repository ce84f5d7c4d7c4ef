//! The fund: its ledger's storage, receipts, contracts and payments under four eyes.

pub mod api;
#[cfg(feature = "ssr")]
pub mod ledger;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod report;
