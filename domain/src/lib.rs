//! The rules of the system as plain functions over plain data.
//!
//! Nothing here touches a database, reads the clock or draws random numbers: callers pass `now`
//! and ids in, so every rule is testable and replayable, and the same code validates forms in the
//! browser (this crate builds for `wasm32-unknown-unknown`) and requests on the server.

pub mod acceptance;
pub mod account;
pub mod amendment;
pub mod application;
pub mod appraisal;
pub mod attachment;
pub mod audit;
pub mod call;
pub mod closeout;
pub mod contract;
pub mod council;
pub mod cv;
pub mod eligibility;
pub mod execution;
pub mod expert;
pub mod format;
pub mod glossary;
pub mod identification;
pub mod input;
pub mod issue;
pub mod lang;
pub mod ledger;
pub mod letter;
pub mod lifecycle;
pub mod mail;
pub mod notice;
pub mod organisation;
pub mod paging;
pub mod password;
pub mod portal;
pub mod programme;
pub mod proposal;
pub mod rate_limit;
pub mod registration;
pub mod reminder;
pub mod revision;
pub mod roles;
pub mod rulebook;
pub mod science_field;
pub mod scoring;
pub mod session;
pub mod settlement;
pub mod sign_on;
pub mod similarity;
pub mod text;
pub mod year_report;

pub use lang::Lang;
