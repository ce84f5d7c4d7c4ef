//! The identification council's server functions and what they answer (docs/lifecycle.md
//! "Where tasks come from").

use chrono::{DateTime, Utc};
use domain::council::{CompositionProblem, CouncilRole, CouncilState, Invitation};
use domain::identification::{Ballot, IdentificationRules};
use domain::proposal::ProposalForm;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use server_fn::codec::Json;

use crate::error::AppError;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct IdentificationRow {
    pub id: i32,
    pub round_id: i32,
    pub name: String,
    pub status: CouncilState,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct SeatView {
    pub user_id: i32,
    pub name: String,
    pub role: CouncilRole,
    pub invitation: Invitation,
    pub present: bool,
}

/// The council's count on one proposal, once the meeting closed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct CountView {
    /// Mean total, "72,50".
    pub mean: String,
    /// Mean per criterion, in the rulebook's order.
    pub criterion_means: Vec<String>,
    pub counted: u32,
    pub for_order: u32,
    pub against: u32,
    pub order: bool,
}

/// The identification council a proposal sits before, and its count once it closed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct JudgedBy {
    pub id: i32,
    pub name: String,
    pub status: CouncilState,
    pub count: Option<CountView>,
}

/// A submitted proposal of the round that no council judges yet.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct WaitingProposal {
    pub id: i32,
    pub receipt_code: Option<String>,
    pub title: String,
}

/// The person asking's own ballot on a proposal.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct OwnBallot {
    pub submitted: bool,
    /// Conflicted: they proposed it, work for its proposer, or declared a conflict.
    pub conflicted: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct JudgedProposal {
    pub id: i32,
    pub title: String,
    pub receipt_code: Option<String>,
    pub proposer: String,
    /// Members conflicted on it, by name.
    pub conflicted: Vec<String>,
    /// Ballots submitted, of the members who vote on it.
    pub submitted: u32,
    pub voters: u32,
    pub mine: Option<OwnBallot>,
    pub count: Option<CountView>,
}

/// What the person asking may do to the council now.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct IdentificationMay {
    /// Seat and unseat members, constitute, record attendance, close (the department's officer).
    pub manage: bool,
    /// Accept or decline the seat (invited, not yet answered).
    pub answer: bool,
    /// Fill in ballots.
    pub vote: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct IdentificationView {
    pub id: i32,
    pub round_id: i32,
    pub round_title: String,
    pub name: String,
    pub status: CouncilState,
    pub rules: IdentificationRules,
    pub members: Vec<SeatView>,
    pub proposals: Vec<JudgedProposal>,
    /// What keeps the members from being constituted, as the rulebook says.
    pub composition: Vec<CompositionProblem>,
    pub created_at: DateTime<Utc>,
    pub closed_at: Option<DateTime<Utc>>,
    pub may: IdentificationMay,
}

/// A member's ballot on one proposal, with what they judge.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct BallotView {
    pub council_id: i32,
    pub council_name: String,
    pub status: CouncilState,
    pub proposal_id: i32,
    pub receipt_code: Option<String>,
    pub form: ProposalForm,
    pub rules: IdentificationRules,
    pub ballot: Ballot,
    pub certified: bool,
    pub submitted: bool,
    /// Why they do not vote on it, when they do not.
    pub conflict: Option<String>,
}

/// A round's identification councils (officers and the leader).
#[server(prefix = "/api", endpoint = "identification/list", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn list_identification(round_id: i32) -> Result<Vec<IdentificationRow>, AppError> {
    crate::error::finish(super::server::formation::list(round_id).await)
}

/// Forms a council for the round's submitted proposals not yet before one: those named, or all
/// of them (`proposal_ids` empty).
#[server(prefix = "/api", endpoint = "identification/create", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn create_identification(
    round_id: i32,
    name: String,
    proposal_ids: Vec<i32>,
) -> Result<i32, AppError> {
    crate::error::finish(super::server::formation::create(round_id, name, proposal_ids).await)
}

/// Seats (and invites) a person by e-mail while the council is being formed.
#[server(prefix = "/api", endpoint = "identification/seat", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn seat_assessor(
    council_id: i32,
    email: String,
    role: CouncilRole,
) -> Result<(), AppError> {
    crate::error::finish(super::server::formation::seat(council_id, email, role).await)
}

#[server(prefix = "/api", endpoint = "identification/unseat", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn unseat_assessor(council_id: i32, user_id: i32) -> Result<(), AppError> {
    crate::error::finish(super::server::formation::unseat(council_id, user_id).await)
}

/// The invited member accepts or declines the seat.
#[server(prefix = "/api", endpoint = "identification/answer", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn answer_seat(council_id: i32, accept: bool) -> Result<(), AppError> {
    crate::error::finish(super::server::formation::answer(council_id, accept).await)
}

/// Constitutes the council once its members meet the rulebook and all accepted.
#[server(prefix = "/api", endpoint = "identification/constitute", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn constitute_identification(id: i32) -> Result<(), AppError> {
    crate::error::finish(super::server::formation::constitute(id).await)
}

#[server(prefix = "/api", endpoint = "identification/get", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn get_identification(id: i32) -> Result<IdentificationView, AppError> {
    crate::error::finish(super::server::view::get(id).await)
}

/// The member's own ballot on one proposal.
#[server(prefix = "/api", endpoint = "identification/ballot", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn my_ballot(council_id: i32, proposal_id: i32) -> Result<BallotView, AppError> {
    crate::error::finish(super::server::ballots::get(council_id, proposal_id).await)
}

/// Saves the ballot (the first save certifies no conflict); `submit` makes it final.
#[server(prefix = "/api", endpoint = "identification/save_ballot", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn save_ballot(
    council_id: i32,
    proposal_id: i32,
    ballot: Ballot,
    certify: bool,
    submit: bool,
) -> Result<(), AppError> {
    crate::error::finish(
        super::server::ballots::save(council_id, proposal_id, ballot, certify, submit).await,
    )
}

/// The member declares a conflict with a proposal: they do not vote on it.
#[server(prefix = "/api", endpoint = "identification/declare_conflict", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn declare_proposal_conflict(
    council_id: i32,
    proposal_id: i32,
    note: String,
) -> Result<(), AppError> {
    crate::error::finish(super::server::ballots::declare(council_id, proposal_id, note).await)
}

#[server(prefix = "/api", endpoint = "identification/attendance", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn identification_attendance(
    council_id: i32,
    user_id: i32,
    present: bool,
) -> Result<(), AppError> {
    crate::error::finish(super::server::meeting::attendance(council_id, user_id, present).await)
}

/// Closes the meeting: quorum on every proposal and every present voter's ballot in.
#[server(prefix = "/api", endpoint = "identification/close", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn close_identification(id: i32) -> Result<(), AppError> {
    crate::error::finish(super::server::meeting::close(id).await)
}
