//! The server functions of letters to a call's applicants.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use server_fn::codec::Json;

use crate::error::AppError;
use crate::list::Page;

/// Letters per page of the sent log.
pub const LETTERS_PER_PAGE: u64 = 50;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct LetterView {
    pub id: i32,
    pub application_id: i32,
    pub person: String,
    pub to_address: String,
    pub subject: String,
    pub body: String,
    pub sent_at: DateTime<Utc>,
    /// How many times it was sent again, and the last time it went.
    pub resent: i32,
    pub last_sent_at: DateTime<Utc>,
}

/// Sends `subject` and `body`, filled for each, to every applicant of the call whose dossier
/// was sent (not drafts, not withdrawn); answers how many letters went.
#[server(prefix = "/api", endpoint = "letters/send", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn send_letters(call_id: i32, subject: String, body: String) -> Result<u32, AppError> {
    crate::error::finish(server::send(call_id, subject, body).await)
}

/// The letters sent for a call, newest first.
#[server(prefix = "/api", endpoint = "letters/list", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn list_letters(call_id: i32, page: u64) -> Result<Page<LetterView>, AppError> {
    crate::error::finish(server::list(call_id, page).await)
}

/// Sends a letter again, as it was.
#[server(prefix = "/api", endpoint = "letters/resend", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn resend_letter(id: i32) -> Result<(), AppError> {
    crate::error::finish(server::resend(id).await)
}

#[cfg(feature = "ssr")]
use super::server;
