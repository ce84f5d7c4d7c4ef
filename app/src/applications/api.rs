//! Applications: a researcher drafts the thuyết minh, submits it while the call is open, may
//! withdraw it before the deadline, and corrects it when returned; officers check validity.

use chrono::{DateTime, Utc};
use domain::application::{ApplicationForm, BudgetTotals};
use domain::issue::Issue;
use domain::lifecycle::ApplicationState;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use server_fn::codec::Json;

use crate::error::AppError;
use crate::list::Page;

/// Applications per page in every list.
pub const APPLICATIONS_PER_PAGE: u64 = 20;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ApplicationRow {
    pub id: i32,
    pub applicant_id: i32,
    /// In the researcher's own list: a dossier they are a team member of, not its author.
    pub read_only: bool,
    pub call_code: String,
    pub title: String,
    pub status: ApplicationState,
    pub receipt_code: Option<String>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub updated_at: DateTime<Utc>,
}

/// A decision on a dossier: an officer's on validity, or (in the record) its host
/// organisation's on backing it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub enum Decision {
    Valid,
    Invalid {
        reasons: String,
    },
    Return {
        reasons: String,
        deadline: DateTime<Utc>,
    },
    /// Recorded by `applications/host_decide`; refused by `applications/decide`.
    HostConfirmed,
    /// Recorded by `applications/host_decide`; refused by `applications/decide`.
    HostDeclined {
        reasons: String,
    },
}

/// The host organisation's answer on a dossier awaiting its confirmation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub enum HostDecision {
    Confirm,
    /// Back to the researcher as a draft, with the reasons.
    Decline {
        reasons: String,
    },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct DecisionView {
    pub decision: Decision,
    pub decided_at: DateTime<Utc>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ApplicationView {
    pub id: i32,
    pub call_id: i32,
    pub call_code: String,
    pub call_title: String,
    pub call_closes_at: DateTime<Utc>,
    pub status: ApplicationState,
    pub receipt_code: Option<String>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub version: i32,
    pub form: ApplicationForm,
    /// What still stops submission, from the pinned rulebook.
    pub issues: Vec<Issue>,
    pub totals: Option<BudgetTotals>,
    /// Labour the team's coefficients and days come to under the pinned rulebook.
    pub labour_dong: Option<i64>,
    pub is_owner: bool,
    /// May decide on validity (an officer, on a submitted dossier).
    pub can_decide: bool,
    /// May confirm or decline it for the host organisation (awaiting its confirmation).
    pub can_host_decide: bool,
    /// May draft its contract (an officer, on a task the leader approved).
    pub can_draft_contract: bool,
    pub decisions: Vec<DecisionView>,
    /// The call's pinned rulebook, so the browser checks the form with the server's rules.
    pub rulebook: domain::rulebook::Rulebook,
    /// The files the dossier carries now.
    pub attachments: Vec<crate::attachments::AttachmentView>,
    /// The documents the call asks for, to attach files against.
    pub required_documents: Vec<String>,
    /// Largest file accepted, so the browser refuses a larger one before sending it.
    pub max_upload_bytes: u64,
    /// The applicant's scientific CV: the current one while the owner may still change the
    /// dossier, otherwise the one frozen with the latest submitted version.
    pub cv: Option<domain::cv::ScientificCv>,
    /// For a call made from an ordered task: the task as ordered, which the dossier keeps or
    /// says where it departs from.
    pub ordered: Option<domain::proposal::Wording>,
    /// The council's requests and the revision, once requested.
    pub revision: Option<RevisionView>,
    /// The reader may record the council's requests now (an officer, on a dossier a closed
    /// council passed, before appraisal).
    pub can_request_revision: bool,
}

/// The selection council's requests on the dossier and its revision (`domain::revision`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct RevisionView {
    pub requests: String,
    pub requested_at: DateTime<Utc>,
    /// The version the council reviewed: the versions panel compares the revision with it.
    pub version_before: i32,
    pub revised_at: Option<DateTime<Utc>>,
    pub state: domain::revision::Revision,
}

/// Records the selection council's requests on a dossier it passed: its researcher revises it
/// before the budget is appraised.
#[server(prefix = "/api", endpoint = "applications/request_revision", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn request_revision(application_id: i32, requests: String) -> Result<(), AppError> {
    crate::error::finish(super::server::revision::request(application_id, requests).await)
}

/// Sends the revised dossier (kept as a new version); answers the version number.
#[server(prefix = "/api", endpoint = "applications/submit_revision", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn submit_revision(id: i32) -> Result<i32, AppError> {
    crate::error::finish(super::server::revision::submit(id).await)
}

/// What a researcher gets on submitting: the readable code and the server's time.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Receipt {
    pub code: String,
    pub submitted_at: DateTime<Utc>,
}

/// One submitted version and what changed since the one before it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct VersionView {
    pub version: i32,
    pub submitted_at: DateTime<Utc>,
    pub changes: Vec<domain::application::Change>,
}

/// Most versions shown: far more than any dossier is corrected.
pub const MAX_VERSIONS: u64 = 50;

/// A call to pick in a filter.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct CallChoice {
    pub id: i32,
    pub code: String,
    pub title: String,
}

/// Most calls offered in a filter: a province publishes a handful a year.
pub const MAX_CALL_CHOICES: u64 = 200;

/// The published calls, newest first, for officers to narrow the dossiers to one.
#[server(prefix = "/api", endpoint = "calls/choices", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn call_choices() -> Result<Vec<CallChoice>, AppError> {
    crate::error::finish(super::server::lists::call_choices().await)
}

#[server(prefix = "/api", endpoint = "applications/versions", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn application_versions(id: i32) -> Result<Vec<VersionView>, AppError> {
    crate::error::finish(super::server::drafts::versions(id).await)
}

#[server(prefix = "/api", endpoint = "applications/create", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn create_application(call_id: i32) -> Result<i32, AppError> {
    crate::error::finish(super::server::drafts::create(call_id).await)
}

#[server(prefix = "/api", endpoint = "applications/save", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn save_application(id: i32, form: ApplicationForm) -> Result<(), AppError> {
    crate::error::finish(super::server::drafts::save(id, form).await)
}

#[server(prefix = "/api", endpoint = "applications/get", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn get_application(id: i32) -> Result<ApplicationView, AppError> {
    crate::error::finish(super::server::view::get(id).await)
}

#[server(prefix = "/api", endpoint = "applications/submit", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn submit_application(id: i32) -> Result<Receipt, AppError> {
    crate::error::finish(super::server::submission::submit(id).await)
}

#[server(prefix = "/api", endpoint = "applications/withdraw", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn withdraw_application(id: i32) -> Result<(), AppError> {
    crate::error::finish(super::server::submission::withdraw(id).await)
}

#[server(prefix = "/api", endpoint = "applications/mine", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn my_applications(page: u64) -> Result<Page<ApplicationRow>, AppError> {
    crate::error::finish(super::server::lists::mine(page).await)
}

/// What the officer's list is narrowed to; every part optional.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ListFilter {
    pub call_id: Option<i32>,
    /// A stored state code (`ApplicationState::SUBMITTED_CODES`).
    pub status: Option<String>,
    /// Words of the title; diacritics ignored, exact matches first.
    #[serde(default)]
    pub query: String,
}

/// Submitted applications (never drafts), filtered, newest submission first.
#[server(prefix = "/api", endpoint = "applications/list", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn list_applications(
    filter: ListFilter,
    page: u64,
) -> Result<Page<ApplicationRow>, AppError> {
    crate::error::finish(super::server::lists::list(filter, page).await)
}

/// Dossiers of the caller's host organisation(s) waiting for its confirmation, oldest first.
#[server(prefix = "/api", endpoint = "applications/host_queue", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn host_queue(page: u64) -> Result<Page<ApplicationRow>, AppError> {
    crate::error::finish(super::server::lists::host_queue(page).await)
}

#[server(prefix = "/api", endpoint = "applications/host_decide", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn host_decide(id: i32, decision: HostDecision) -> Result<(), AppError> {
    crate::error::finish(super::server::decisions::host_decide(id, decision).await)
}

#[server(prefix = "/api", endpoint = "applications/decide", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn decide_application(id: i32, decision: Decision) -> Result<(), AppError> {
    crate::error::finish(super::server::decisions::decide(id, decision).await)
}
