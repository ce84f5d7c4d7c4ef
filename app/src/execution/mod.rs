//! Funded tasks from signing to closing: progress, acceptance, settlement, registration.

pub mod api;
pub mod minutes;
pub mod pages;
