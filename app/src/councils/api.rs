//! Review councils: an officer forms one for a call's valid dossiers, with conflict flags found in
//! the data and resolved with a recorded reason; once constituted, members certify each dossier
//! free of conflict, score it blind, submit (locked); the secretary closes scoring; then results,
//! computed by `domain::scoring`, are shown with every number explained.

use chrono::{DateTime, Utc};
use domain::council::{CompositionProblem, ConflictReason, CouncilRole, Invitation};
use domain::scoring::{Criterion, Outcome, Ranked, ScoreProblem, SheetEntry};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use server_fn::codec::Json;

use crate::error::AppError;

/// The council's state: its transitions are `domain::council::CouncilState`'s one table.
pub use domain::council::CouncilState as CouncilStatus;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct MemberView {
    pub user_id: i32,
    pub name: String,
    pub role: CouncilRole,
    /// Recorded present at the council's meeting.
    pub present: bool,
    pub invitation: Invitation,
}

/// Where one member's sheet for one dossier stands, without its scores: what the chair,
/// the secretary and officers follow while scoring is open.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct SheetProgress {
    pub application_id: i32,
    pub user_id: i32,
    /// Certified free of conflict: the sheet exists.
    pub certified: bool,
    pub submitted: bool,
    /// Entered by the secretary from a signed paper sheet.
    pub from_paper: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct DossierView {
    pub id: i32,
    pub receipt_code: String,
    pub title: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ConflictView {
    pub id: i32,
    pub application_id: i32,
    pub user_id: i32,
    pub reason: ConflictReason,
    /// `flagged`, `confirmed` or `dismissed`.
    pub status: String,
    pub note: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct CouncilView {
    pub id: i32,
    pub call_id: i32,
    pub name: String,
    pub status: CouncilStatus,
    pub members: Vec<MemberView>,
    pub dossiers: Vec<DossierView>,
    /// Officers see every flag; a member only their own.
    pub conflicts: Vec<ConflictView>,
    /// What keeps the council from being constituted under its rulebook.
    pub composition_problems: Vec<CompositionProblem>,
    /// The person asking manages it (an officer).
    pub manages: bool,
    /// The person asking sits on it, in this seat.
    pub my_role: Option<CouncilRole>,
    pub my_invitation: Option<Invitation>,
    /// Sheet progress, for officers, the chair and the secretary (empty for others).
    pub progress: Vec<SheetProgress>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct SheetView {
    pub criteria: Vec<Criterion>,
    pub half_points: bool,
    pub entry: SheetEntry,
    pub review: String,
    pub submitted_at: Option<DateTime<Utc>>,
    pub problems: Vec<(Option<usize>, ScoreProblem)>,
}

/// One counted or excluded sheet in the explanation of a result.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct SheetLine {
    pub member: String,
    pub scores: Vec<u32>,
    pub total: u64,
    pub counted: bool,
    /// Entered by the secretary from a signed paper sheet.
    pub from_paper: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ResultView {
    pub dossier: DossierView,
    pub outcome: Outcome,
    pub ranked: Ranked,
    pub sheets: Vec<SheetLine>,
    /// Members left out of this dossier for a conflict of interest.
    pub conflicted: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ResultsView {
    pub criteria: Vec<Criterion>,
    pub pass_mean_total: u32,
    pub results: Vec<ResultView>,
}

/// The applicant's view of their dossier's evaluation: no member's name, comments sorted.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Evaluation {
    pub closed_at: Option<DateTime<Utc>>,
    pub criteria: Vec<Criterion>,
    pub pass_mean_total: u32,
    pub mean_total: domain::scoring::Mean,
    pub criterion_means: Vec<domain::scoring::Mean>,
    pub passed: bool,
    pub rank: u32,
    pub of: u32,
    pub sheets_counted: u32,
    /// Per criterion, the members' comments.
    pub comments: Vec<Vec<String>>,
    /// Overall comments and reviewers' written reviews.
    pub reviews: Vec<String>,
}

/// The evaluation summary of a dossier, for whoever may read it, once its council has closed
/// scoring (`null` before).
#[server(prefix = "/api", endpoint = "councils/evaluation", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn evaluation_summary(application_id: i32) -> Result<Option<Evaluation>, AppError> {
    crate::error::finish(super::server::results::evaluation(application_id).await)
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct CouncilRow {
    pub id: i32,
    pub name: String,
    pub call_id: i32,
    pub status: CouncilStatus,
}

/// Councils the person works with: every one for officers (of one call, or all), the ones
/// they sit on for members. Newest first.
#[server(prefix = "/api", endpoint = "councils/list", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn list_councils(call_id: Option<i32>) -> Result<Vec<CouncilRow>, AppError> {
    crate::error::finish(super::server::formation::list(call_id).await)
}

/// Forms a council for the call's valid dossiers not yet before another council: all of them,
/// or the group named by their receipt codes.
#[server(prefix = "/api", endpoint = "councils/create", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn create_council(
    call_id: i32,
    name: String,
    #[server(default)] receipt_codes: Option<Vec<String>>,
) -> Result<i32, AppError> {
    crate::error::finish(super::server::formation::create(call_id, name, receipt_codes).await)
}

#[server(prefix = "/api", endpoint = "councils/get", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn get_council(id: i32) -> Result<CouncilView, AppError> {
    crate::error::finish(super::server::results::get(id).await)
}

/// Seats a person (by account e-mail) and flags the conflicts the data shows.
#[server(prefix = "/api", endpoint = "councils/add_member", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn add_member(council_id: i32, email: String, role: CouncilRole) -> Result<(), AppError> {
    crate::error::finish(super::server::formation::add_member(council_id, email, role).await)
}

#[server(prefix = "/api", endpoint = "councils/remove_member", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn remove_member(council_id: i32, user_id: i32) -> Result<(), AppError> {
    crate::error::finish(super::server::formation::remove_member(council_id, user_id).await)
}

/// Confirms a flag (the member is left out of that dossier) or dismisses it; a reason is
/// required either way.
#[server(prefix = "/api", endpoint = "councils/decide_conflict", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn decide_conflict(
    conflict_id: i32,
    confirm: bool,
    note: String,
) -> Result<(), AppError> {
    crate::error::finish(
        super::server::conflicts::decide_conflict(conflict_id, confirm, note).await,
    )
}

/// A member declares a conflict on a dossier (co-authorship, relationship…): confirmed at once.
#[server(prefix = "/api", endpoint = "councils/declare_conflict", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn declare_conflict(
    council_id: i32,
    application_id: i32,
    note: String,
) -> Result<(), AppError> {
    crate::error::finish(
        super::server::conflicts::declare_conflict(council_id, application_id, note).await,
    )
}

/// Checks the composition against the rulebook and that no flag is undecided; scoring opens.
#[server(prefix = "/api", endpoint = "councils/constitute", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn constitute(id: i32) -> Result<(), AppError> {
    crate::error::finish(super::server::formation::constitute(id).await)
}

/// The member certifies they have no conflict with the dossier; only then its sheet opens.
#[server(prefix = "/api", endpoint = "councils/certify", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn certify(council_id: i32, application_id: i32) -> Result<(), AppError> {
    crate::error::finish(super::server::sheets::certify(council_id, application_id).await)
}

#[server(prefix = "/api", endpoint = "councils/sheet", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn get_sheet(council_id: i32, application_id: i32) -> Result<SheetView, AppError> {
    crate::error::finish(super::server::sheets::sheet(council_id, application_id).await)
}

/// Saves the sheet as a draft (`submit: false`) or submits it, after which it is locked.
#[server(prefix = "/api", endpoint = "councils/save_sheet", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn save_sheet(
    council_id: i32,
    application_id: i32,
    entry: SheetEntry,
    review: String,
    submit: bool,
) -> Result<(), AppError> {
    crate::error::finish(
        super::server::sheets::save_sheet(council_id, application_id, entry, review, submit).await,
    )
}

/// Sends the invitations of every proposed seat; refused while any of their conflict flags
/// awaits a decision. Returns how many were sent.
#[server(prefix = "/api", endpoint = "councils/invite", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn invite_members(council_id: i32) -> Result<u32, AppError> {
    crate::error::finish(super::server::formation::invite(council_id).await)
}

/// The invited person accepts or declines their seat (and may change their mind while the
/// council is being formed).
#[server(prefix = "/api", endpoint = "councils/answer_invitation", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn answer_invitation(council_id: i32, accept: bool) -> Result<(), AppError> {
    crate::error::finish(super::server::formation::answer_invitation(council_id, accept).await)
}

/// The chair reopens a member's submitted sheet while scoring is open; the reason is recorded.
#[server(prefix = "/api", endpoint = "councils/reopen_sheet", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn reopen_sheet(
    council_id: i32,
    application_id: i32,
    user_id: i32,
    reason: String,
) -> Result<(), AppError> {
    crate::error::finish(
        super::server::sheets::reopen_sheet(council_id, application_id, user_id, reason).await,
    )
}

/// The empty sheet the secretary fills from a member's signed paper sheet.
#[server(prefix = "/api", endpoint = "councils/paper_sheet", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn paper_sheet(
    council_id: i32,
    application_id: i32,
    user_id: i32,
) -> Result<SheetView, AppError> {
    crate::error::finish(
        super::server::sheets::paper_sheet(council_id, application_id, user_id).await,
    )
}

/// The secretary enters a member's signed paper sheet: submitted at once, marked as paper.
#[server(prefix = "/api", endpoint = "councils/enter_paper_sheet", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn enter_paper_sheet(
    council_id: i32,
    application_id: i32,
    user_id: i32,
    entry: SheetEntry,
    review: String,
) -> Result<(), AppError> {
    crate::error::finish(
        super::server::sheets::enter_paper_sheet(
            council_id,
            application_id,
            user_id,
            entry,
            review,
        )
        .await,
    )
}

/// Records a member present at (or absent from) the meeting: the secretary or an officer.
#[server(prefix = "/api", endpoint = "councils/attendance", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn set_attendance(council_id: i32, user_id: i32, present: bool) -> Result<(), AppError> {
    crate::error::finish(super::server::meeting::attendance(council_id, user_id, present).await)
}

/// The secretary closes scoring once the meeting has its quorum for every dossier: sheets are
/// sealed and results become visible.
#[server(prefix = "/api", endpoint = "councils/close", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn close_scoring(id: i32) -> Result<(), AppError> {
    crate::error::finish(super::server::meeting::close(id).await)
}

/// The chair's calibration view once scoring is closed: each member's z-score beside their raw
/// total, and how much members disagree per dossier. Changes nothing official.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct CalibrationView {
    pub dossier: DossierView,
    /// (member, raw total in points, z-score when the member's totals spread)
    pub members: Vec<(String, f64, Option<f64>)>,
    pub std_dev_points: f64,
    pub range_points: f64,
}

#[server(prefix = "/api", endpoint = "councils/calibration", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn council_calibration(id: i32) -> Result<Vec<CalibrationView>, AppError> {
    crate::error::finish(super::server::results::calibration(id).await)
}

#[server(prefix = "/api", endpoint = "councils/results", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn council_results(id: i32) -> Result<ResultsView, AppError> {
    crate::error::finish(super::server::results::results(id).await)
}
