//! Budget appraisal and the leader's approval of recommended tasks.

pub mod api;
pub mod pages;
