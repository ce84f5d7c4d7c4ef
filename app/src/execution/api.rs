//! A funded task from signing to closing: progress reports and the officer's review and
//! inspections; the final report with evidence per product, the host's self-evaluation, the
//! acceptance council's ballots and verdict; termination; for a task not completed the cause,
//! the compliance checklist and the leader's exemption decision; the settlement declared by the
//! task's leader, approved by the department's leader and posted in the ledger; the refund
//! received; the results registered; closing. Which step is open is `domain::closeout::check`.

use chrono::{DateTime, Utc};
use domain::acceptance::{Ballot, Rating, Verdict};
use domain::closeout::Step;
use domain::contract::ContractStatus;
use domain::execution::{ProgressReport, ReportStatus};
use domain::settlement::{Compliance, FailureCause, Statement};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use server_fn::codec::Json;

use crate::error::AppError;
use domain::contract::ContractLine;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ReportView {
    pub id: i32,
    pub period: u32,
    pub status: ReportStatus,
    pub report: ProgressReport,
    pub filed_by: String,
    pub filed_at: DateTime<Utc>,
    pub reviewed_at: Option<DateTime<Utc>>,
    pub review_note: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct PeriodView {
    pub number: u32,
    pub ends_at: DateTime<Utc>,
    pub due_at: DateTime<Utc>,
    pub overdue: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct InspectionView {
    pub inspected_on: DateTime<Utc>,
    pub findings: String,
    pub recorded_by: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct MemberView {
    pub name: String,
    pub email: String,
    pub role: String,
    pub voted: bool,
    pub paper: bool,
}

pub use domain::amendment::Baseline;
pub use domain::execution::Registration;
pub use domain::settlement::Declaration;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct AmendmentView {
    pub id: i32,
    pub request: domain::amendment::Request,
    pub baseline: Baseline,
    pub size: domain::amendment::Size,
    pub status: domain::amendment::Status,
    /// The contract version an approval made.
    pub version: Option<u32>,
    pub requested_at: DateTime<Utc>,
    pub decided_by: Option<String>,
    pub decided_at: Option<DateTime<Utc>>,
    pub decision_note: String,
    pub may_decide: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ExecutionView {
    pub contract_id: i32,
    pub code: String,
    pub title: String,
    pub organisation: String,
    pub leader_name: String,
    pub application_id: i32,
    pub status: ContractStatus,
    pub signed_at: Option<DateTime<Utc>>,
    pub total_dong: i64,
    /// Paid to the host so far (everything posted, settled or not).
    pub paid_dong: i64,
    pub products: Vec<String>,
    pub lines: Vec<ContractLine>,
    pub duration_months: u32,
    /// 1, then one more for each approved amendment.
    pub version: u32,
    pub amendments: Vec<AmendmentView>,
    pub periods: Vec<PeriodView>,
    pub reports: Vec<ReportView>,
    /// The period a report may be filed for now.
    pub next_period: Option<u32>,
    pub inspections: Vec<InspectionView>,
    pub final_report: String,
    pub evidence: Vec<String>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub self_evaluation: Option<Ballot>,
    pub members: Vec<MemberView>,
    /// Ballots cast so far (the ratings stay hidden until the verdict).
    pub ballots: usize,
    pub my_ballot: Option<Ballot>,
    pub verdict: Option<Verdict>,
    pub concluded_at: Option<DateTime<Utc>>,
    /// Once concluded: ballots rating each product, then the task, Xuất sắc / Đạt / Không đạt.
    pub tally: Vec<[u32; 3]>,
    pub termination_reason: String,
    pub failure_cause: Option<FailureCause>,
    pub compliance: Option<Compliance>,
    pub cause_evidence: String,
    pub exemption: Option<bool>,
    pub exemption_reason: String,
    pub declaration: Option<Declaration>,
    /// What the declaration gives, before the leader approves it: the figures the approval
    /// names (`approve_settlement`'s `shown`).
    pub declared_statement: Option<Statement>,
    /// The approved settlement.
    pub statement: Option<Statement>,
    pub refund_outstanding_dong: i64,
    pub certificate_number: Option<String>,
    pub registration: Option<Registration>,
    pub closed_at: Option<DateTime<Utc>>,
    /// Evidence and settlement documents attached to the dossier while the task runs.
    pub files: Vec<crate::attachments::AttachmentView>,
    /// The task's leader may attach and remove them now.
    pub may_attach: bool,
    pub max_upload_bytes: u64,
    /// The steps open now that the person asking may take.
    pub mine: Vec<Step>,
    /// An officer following the task: reviews reports, records inspections.
    pub may_supervise: bool,
}

/// A funded task's execution and close-out, for whoever may read its contract.
#[server(prefix = "/api", endpoint = "execution/get", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn get_execution(contract_id: i32) -> Result<ExecutionView, AppError> {
    crate::error::finish(super::server::view::get(contract_id).await)
}

/// The task's leader files the progress report for the period open now.
#[server(prefix = "/api", endpoint = "execution/report", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn file_report(contract_id: i32, report: ProgressReport) -> Result<u32, AppError> {
    crate::error::finish(super::server::reports::file_report(contract_id, report).await)
}

/// An officer accepts a progress report or sends it back with a note (then it is filed again).
#[server(prefix = "/api", endpoint = "execution/review", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn review_report(report_id: i32, accept: bool, note: String) -> Result<(), AppError> {
    crate::error::finish(super::server::reports::review(report_id, accept, note).await)
}

/// An officer records an inspection (date yyyy-mm-dd, findings).
#[server(prefix = "/api", endpoint = "execution/inspect", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn record_inspection(
    contract_id: i32,
    inspected_on: String,
    findings: String,
) -> Result<(), AppError> {
    crate::error::finish(
        super::server::inspections::inspect(contract_id, inspected_on, findings).await,
    )
}

/// The task's leader submits the final report and the evidence for each contracted product.
#[server(prefix = "/api", endpoint = "execution/submit_final", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn submit_final(
    contract_id: i32,
    final_report: String,
    evidence: Vec<String>,
) -> Result<(), AppError> {
    crate::error::finish(
        super::server::acceptance::submit_final(contract_id, final_report, evidence).await,
    )
}

/// The host organisation rates each product and the task.
#[server(prefix = "/api", endpoint = "execution/self_evaluate", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn self_evaluate(contract_id: i32, ballot: Ballot) -> Result<(), AppError> {
    crate::error::finish(super::server::acceptance::self_evaluate(contract_id, ballot).await)
}

/// An officer names the acceptance council (e-mails of active accounts, the first its chair,
/// the second its secretary); never the task's leader, its team or its host's staff. It may be
/// named again until the first ballot.
#[server(prefix = "/api", endpoint = "execution/name_council", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn name_council(contract_id: i32, emails: Vec<String>) -> Result<(), AppError> {
    crate::error::finish(super::server::acceptance::name_council(contract_id, emails).await)
}

/// A council member's ballot; it may be changed until the verdict.
#[server(prefix = "/api", endpoint = "execution/vote", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn vote(contract_id: i32, ballot: Ballot) -> Result<(), AppError> {
    crate::error::finish(super::server::acceptance::vote(contract_id, ballot).await)
}

/// An officer concludes: the verdict by the rulebook's vote rule, once a quorum has voted.
#[server(prefix = "/api", endpoint = "execution/conclude", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn conclude(contract_id: i32) -> Result<Rating, AppError> {
    crate::error::finish(super::server::acceptance::conclude(contract_id).await)
}

/// The leader terminates a running contract, with reasons.
#[server(prefix = "/api", endpoint = "execution/terminate", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn terminate(contract_id: i32, reason: String) -> Result<(), AppError> {
    crate::error::finish(super::server::closing::terminate(contract_id, reason).await)
}

/// An officer records why a task was not completed, the compliance checklist and the evidence.
#[server(prefix = "/api", endpoint = "execution/record_cause", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn record_cause(
    contract_id: i32,
    cause: FailureCause,
    compliance: Compliance,
    evidence: String,
) -> Result<(), AppError> {
    crate::error::finish(
        super::server::closing::record_cause(contract_id, cause, compliance, evidence).await,
    )
}

/// The leader grants or refuses liability exemption, with reasons.
#[server(prefix = "/api", endpoint = "execution/decide_exemption", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn decide_exemption(
    contract_id: i32,
    grant: bool,
    reason: String,
) -> Result<(), AppError> {
    crate::error::finish(super::server::closing::decide_exemption(contract_id, grant, reason).await)
}

/// The task's leader declares the settlement; the statement it gives is returned.
#[server(prefix = "/api", endpoint = "execution/declare", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn declare_settlement(
    contract_id: i32,
    declaration: Declaration,
) -> Result<Statement, AppError> {
    crate::error::finish(super::server::settlement::declare(contract_id, declaration).await)
}

/// The leader approves the settlement: settled, refund due and released money are posted.
/// `shown` is the statement the leader was shown: refused (`ChangedSinceShown`) if the
/// declaration changed it since.
#[server(prefix = "/api", endpoint = "execution/settle", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn approve_settlement(
    contract_id: i32,
    key: String,
    shown: Statement,
) -> Result<Statement, AppError> {
    crate::error::finish(super::server::settlement::settle(contract_id, key, shown).await)
}

/// The fund's accountant records money refunded by the host, never more than is due.
#[server(prefix = "/api", endpoint = "execution/refund", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn record_refund(
    contract_id: i32,
    key: String,
    amount_dong: i64,
    document: String,
) -> Result<(), AppError> {
    crate::error::finish(
        super::server::settlement::refund(contract_id, key, amount_dong, document).await,
    )
}

/// An officer registers the results with the certificate's number.
#[server(prefix = "/api", endpoint = "execution/register", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn register_results(
    contract_id: i32,
    certificate_number: String,
    registration: Registration,
) -> Result<(), AppError> {
    crate::error::finish(
        super::server::closing::register(contract_id, certificate_number, registration).await,
    )
}

/// The task's leader asks to amend the running contract; returns the request's id.
#[server(prefix = "/api", endpoint = "execution/request_amendment", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn request_amendment(
    contract_id: i32,
    request: domain::amendment::Request,
) -> Result<i32, AppError> {
    crate::error::finish(super::server::amendments::request_amendment(contract_id, request).await)
}

/// An officer approves a small amendment, the leader any; approval makes a new contract
/// version and moves the unpaid tranches by the extension. A rejection needs a note.
#[server(prefix = "/api", endpoint = "execution/decide_amendment", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn decide_amendment(
    amendment_id: i32,
    approve: bool,
    note: String,
) -> Result<(), AppError> {
    crate::error::finish(
        super::server::amendments::decide_amendment(amendment_id, approve, note).await,
    )
}

/// An officer closes the task (thanh lý): settled, refunded, registered.
#[server(prefix = "/api", endpoint = "execution/close", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn close_task(contract_id: i32) -> Result<(), AppError> {
    crate::error::finish(super::server::closing::close(contract_id).await)
}
