//! The audit trail's server functions: a dossier's history, the whole trail, the chain's check.

use chrono::{DateTime, Utc};
use domain::audit::Break;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use server_fn::codec::Json;

use crate::error::AppError;
use crate::list::Page;

pub const EVENTS_PER_PAGE: u64 = 25;

/// One event as people read it: who, when, what (its code, labelled by `domain::audit::label`),
/// about which record, and why when the event says.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct HistoryEntry {
    pub id: i64,
    pub seq: Option<i64>,
    pub at: DateTime<Utc>,
    /// The actor's name; empty for the system.
    pub actor: String,
    pub action: String,
    pub subject_type: String,
    pub subject_id: i64,
    /// The reason, reasons or note the event carries, if any.
    pub why: String,
}

/// The chain checked from its first event to its head.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ChainReport {
    /// Events checked and found linked, in order, before the first break (all, if none).
    pub verified: u64,
    /// The number of the last event, as the head records it.
    pub head_seq: i64,
    /// Where the chain breaks first; `None` when it is whole.
    pub broken: Option<Break>,
    pub checked_at: DateTime<Utc>,
}

/// The history of a dossier and of its task (contract and close-out), newest first: for
/// whoever may read the dossier (its author, team, host; officers once received).
#[server(prefix = "/api", endpoint = "audit/history", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn dossier_history(
    application_id: i32,
    page: u64,
) -> Result<Page<HistoryEntry>, AppError> {
    crate::error::finish(super::server::history(application_id, page).await)
}

/// The whole trail, newest first, optionally of one record (`subject_type`, `subject_id`).
#[server(prefix = "/api", endpoint = "audit/list", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn list_audit(
    subject_type: Option<String>,
    subject_id: Option<i64>,
    page: u64,
) -> Result<Page<HistoryEntry>, AppError> {
    crate::error::finish(super::server::list(subject_type, subject_id, page).await)
}

/// Checks the chain from the first event to the head and names where it breaks.
#[server(prefix = "/api", endpoint = "audit/verify", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn verify_audit() -> Result<ChainReport, AppError> {
    crate::error::finish(super::server::verify().await)
}
