//! Proposals for ordered tasks (docs/lifecycle.md "Where tasks come from"): the department
//! opens a round; researchers and organisations propose; the identification council's
//! conclusions are recorded beside each proposal; the leader approves the ordered list item by
//! item and issues the decision; each ordered item becomes a call.

use chrono::{DateTime, Utc};
use domain::issue::Issue;
use domain::proposal::{HostMethod, ProposalForm, ProposalStatus, Recommendation};
use domain::similarity::{Change, Close};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use server_fn::codec::Json;

use crate::error::AppError;
use crate::list::Page;

pub const PROPOSALS_PER_PAGE: u64 = 20;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct RoundForm {
    pub title: String,
    pub opens_at: DateTime<Utc>,
    pub closes_at: DateTime<Utc>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct RoundRow {
    pub id: i32,
    pub title: String,
    pub year: i32,
    pub opens_at: DateTime<Utc>,
    pub closes_at: DateTime<Utc>,
    /// Taking proposals now.
    pub open: bool,
    /// The leader's decision approving the ordered list, once issued.
    pub decision_number: Option<String>,
    pub decided_at: Option<DateTime<Utc>>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ProposalRow {
    pub id: i32,
    pub title: String,
    pub status: ProposalStatus,
    pub receipt_code: Option<String>,
    pub proposer: String,
    pub organisation: Option<String>,
    pub method: HostMethod,
    pub budget_dong: i64,
    pub submitted_at: Option<DateTime<Utc>>,
}

/// A round and one page of its proposals (all but drafts), for officers and the leader.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct RoundList {
    pub round: RoundRow,
    pub proposals: Page<ProposalRow>,
    /// Items the council recommended that the leader has not decided yet.
    pub undecided: u64,
    /// Items the leader approved (the ordered list).
    pub ordered: u64,
    /// The round's identification councils.
    pub councils: Vec<crate::identification::api::IdentificationRow>,
    /// Submitted proposals no council judges yet.
    pub waiting: Vec<crate::identification::api::WaitingProposal>,
}

/// One field of the wording, the proposer's against the council's.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct WordingDiff {
    /// `title`, `objectives`, `products` or `method`.
    pub field: String,
    pub changes: Vec<Change>,
}

/// What the person asking may do to the proposal now.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ProposalMay {
    pub edit: bool,
    pub withdraw: bool,
    pub recommend: bool,
    pub decide: bool,
    pub open_call: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ProposalView {
    pub id: i32,
    pub round: RoundRow,
    pub status: ProposalStatus,
    pub form: ProposalForm,
    pub receipt_code: Option<String>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub proposer: String,
    pub organisation: Option<String>,
    /// The host organisation the proposer names for a direct assignment.
    pub designated_organisation: Option<String>,
    /// What still stops submission (drafts, for the proposer).
    pub issues: Vec<Issue>,
    /// Earlier tasks and other proposals whose titles and keywords are close, closest first.
    pub similar: Vec<Close>,
    pub recommendation: Option<Recommendation>,
    /// The host organisation the council names for a direct assignment.
    pub recommended_host: Option<String>,
    /// The council's wording against the proposer's, field by field.
    pub diff: Vec<WordingDiff>,
    pub decision_reason: String,
    pub decided_at: Option<DateTime<Utc>>,
    pub call_id: Option<i32>,
    /// The identification council it sits before, with its count once closed.
    pub council: Option<crate::identification::api::JudgedBy>,
    pub may: ProposalMay,
}

/// An organisation a proposer or officer may name as a direct assignment's host.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct HostChoice {
    pub id: i32,
    pub name: String,
}

/// Organisations whose name contains the query (case ignored), the first twenty, to name a host.
#[server(prefix = "/api", endpoint = "proposals/hosts", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn host_choices(query: String) -> Result<Vec<HostChoice>, AppError> {
    crate::error::finish(super::server::view::hosts(query).await)
}

/// Proposal rounds, newest first (anyone signed in: proposers look for an open one).
#[server(prefix = "/api", endpoint = "proposals/rounds", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn list_rounds(page: u64) -> Result<Page<RoundRow>, AppError> {
    crate::error::finish(super::server::rounds::list(page).await)
}

/// Opens a round (`id: null`) or corrects one's title and dates.
#[server(prefix = "/api", endpoint = "proposals/save_round", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn save_round(id: Option<i32>, form: RoundForm) -> Result<i32, AppError> {
    crate::error::finish(super::server::rounds::save(id, form).await)
}

/// The leader issues the decision approving the round's ordered list, once every recommended
/// item is decided.
#[server(prefix = "/api", endpoint = "proposals/issue_list", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn issue_list(round_id: i32, decision_number: String) -> Result<(), AppError> {
    crate::error::finish(super::server::rounds::issue(round_id, decision_number).await)
}

/// A round's proposals (submitted and later), filtered by title and state.
#[server(prefix = "/api", endpoint = "proposals/list", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn list_proposals(
    round_id: i32,
    query: String,
    status: Option<ProposalStatus>,
    page: u64,
) -> Result<RoundList, AppError> {
    crate::error::finish(super::server::view::list(round_id, query, status, page).await)
}

/// The proposer's own proposals, newest first.
#[server(prefix = "/api", endpoint = "proposals/mine", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn my_proposals(page: u64) -> Result<Page<ProposalRow>, AppError> {
    crate::error::finish(super::server::view::mine(page).await)
}

#[server(prefix = "/api", endpoint = "proposals/get", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn get_proposal(id: i32) -> Result<ProposalView, AppError> {
    crate::error::finish(super::server::view::get(id).await)
}

/// Starts a proposal in an open round (`id: null`) or saves the draft.
#[server(prefix = "/api", endpoint = "proposals/save", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn save_proposal(
    id: Option<i32>,
    round_id: i32,
    form: ProposalForm,
) -> Result<i32, AppError> {
    crate::error::finish(super::server::drafts::save(id, round_id, form).await)
}

/// Submits the draft while its round is open; answers the receipt code.
#[server(prefix = "/api", endpoint = "proposals/submit", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn submit_proposal(id: i32) -> Result<String, AppError> {
    crate::error::finish(super::server::drafts::submit(id).await)
}

#[server(prefix = "/api", endpoint = "proposals/withdraw", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn withdraw_proposal(id: i32) -> Result<(), AppError> {
    crate::error::finish(super::server::drafts::withdraw(id).await)
}

/// Records the identification council's conclusion on the proposal, in the council's wording.
#[server(prefix = "/api", endpoint = "proposals/recommend", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn recommend_proposal(id: i32, recommendation: Recommendation) -> Result<(), AppError> {
    crate::error::finish(super::server::decisions::recommend(id, recommendation).await)
}

/// The leader approves the item into the ordered list, or declines it with a reason.
#[server(prefix = "/api", endpoint = "proposals/decide", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn decide_proposal(id: i32, approve: bool, reason: String) -> Result<(), AppError> {
    crate::error::finish(super::server::decisions::decide(id, approve, reason).await)
}

/// Makes an ordered item a draft call, pre-filled from the council's wording: open selection,
/// or a direct assignment to the named host. Answers the call's id.
#[server(prefix = "/api", endpoint = "proposals/open_call", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn open_call(id: i32) -> Result<i32, AppError> {
    crate::error::finish(super::server::decisions::open_call(id).await)
}
