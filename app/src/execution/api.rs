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
use crate::fund::api::ContractLine;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PeriodView {
    pub number: u32,
    pub ends_at: DateTime<Utc>,
    pub due_at: DateTime<Utc>,
    pub overdue: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InspectionView {
    pub inspected_on: DateTime<Utc>,
    pub findings: String,
    pub recorded_by: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MemberView {
    pub name: String,
    pub email: String,
    pub role: String,
    pub voted: bool,
    pub paper: bool,
}

/// What the task's leader declares for settlement: the documented amount of each budget line
/// settled by documents (lump-sum lines are settled by the accepted products and ignore it), the
/// documents, and for a task not completed what was spent.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Declaration {
    pub documented_dong: Vec<i64>,
    pub documents: String,
    pub spent_dong: i64,
}

/// The result registration (TT 14/2014, Mẫu 5, in short).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Registration {
    /// Summary of the results.
    pub summary: String,
    /// Where and by whom they are or will be applied.
    pub application: String,
    pub keywords: String,
}

/// The contract as an amendment found it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Baseline {
    pub lines: Vec<ContractLine>,
    pub duration_months: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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
    pub statement: Option<Statement>,
    pub refund_outstanding_dong: i64,
    pub certificate_number: Option<String>,
    pub registration: Option<Registration>,
    pub closed_at: Option<DateTime<Utc>>,
    /// Evidence and settlement documents attached to the dossier while the task runs.
    pub files: Vec<crate::applications::attachments::AttachmentView>,
    /// The task's leader may attach and remove them now.
    pub may_attach: bool,
    pub max_upload_bytes: u64,
    /// The steps open now that the person asking may take.
    pub mine: Vec<Step>,
    /// An officer following the task: reviews reports, records inspections.
    pub may_supervise: bool,
}

/// A funded task's execution and close-out, for whoever may read its contract.
#[server(prefix = "/api", endpoint = "execution/get", input = Json)]
pub async fn get_execution(contract_id: i32) -> Result<ExecutionView, AppError> {
    crate::error::finish(server::get(contract_id).await)
}

/// The task's leader files the progress report for the period open now.
#[server(prefix = "/api", endpoint = "execution/report", input = Json)]
pub async fn file_report(contract_id: i32, report: ProgressReport) -> Result<u32, AppError> {
    crate::error::finish(server::file_report(contract_id, report).await)
}

/// An officer accepts a progress report or sends it back with a note (then it is filed again).
#[server(prefix = "/api", endpoint = "execution/review", input = Json)]
pub async fn review_report(report_id: i32, accept: bool, note: String) -> Result<(), AppError> {
    crate::error::finish(server::review(report_id, accept, note).await)
}

/// An officer records an inspection (date yyyy-mm-dd, findings).
#[server(prefix = "/api", endpoint = "execution/inspect", input = Json)]
pub async fn record_inspection(
    contract_id: i32,
    inspected_on: String,
    findings: String,
) -> Result<(), AppError> {
    crate::error::finish(server::inspect(contract_id, inspected_on, findings).await)
}

/// The task's leader submits the final report and the evidence for each contracted product.
#[server(prefix = "/api", endpoint = "execution/submit_final", input = Json)]
pub async fn submit_final(
    contract_id: i32,
    final_report: String,
    evidence: Vec<String>,
) -> Result<(), AppError> {
    crate::error::finish(server::submit_final(contract_id, final_report, evidence).await)
}

/// The host organisation rates each product and the task.
#[server(prefix = "/api", endpoint = "execution/self_evaluate", input = Json)]
pub async fn self_evaluate(contract_id: i32, ballot: Ballot) -> Result<(), AppError> {
    crate::error::finish(server::self_evaluate(contract_id, ballot).await)
}

/// An officer names the acceptance council (e-mails of active accounts, the first its chair,
/// the second its secretary); never the task's leader, its team or its host's staff. It may be
/// named again until the first ballot.
#[server(prefix = "/api", endpoint = "execution/name_council", input = Json)]
pub async fn name_council(contract_id: i32, emails: Vec<String>) -> Result<(), AppError> {
    crate::error::finish(server::name_council(contract_id, emails).await)
}

/// A council member's ballot; it may be changed until the verdict.
#[server(prefix = "/api", endpoint = "execution/vote", input = Json)]
pub async fn vote(contract_id: i32, ballot: Ballot) -> Result<(), AppError> {
    crate::error::finish(server::vote(contract_id, ballot).await)
}

/// An officer concludes: the verdict by the rulebook's vote rule, once a quorum has voted.
#[server(prefix = "/api", endpoint = "execution/conclude", input = Json)]
pub async fn conclude(contract_id: i32) -> Result<Rating, AppError> {
    crate::error::finish(server::conclude(contract_id).await)
}

/// The leader terminates a running contract, with reasons.
#[server(prefix = "/api", endpoint = "execution/terminate", input = Json)]
pub async fn terminate(contract_id: i32, reason: String) -> Result<(), AppError> {
    crate::error::finish(server::terminate(contract_id, reason).await)
}

/// An officer records why a task was not completed, the compliance checklist and the evidence.
#[server(prefix = "/api", endpoint = "execution/record_cause", input = Json)]
pub async fn record_cause(
    contract_id: i32,
    cause: FailureCause,
    compliance: Compliance,
    evidence: String,
) -> Result<(), AppError> {
    crate::error::finish(server::record_cause(contract_id, cause, compliance, evidence).await)
}

/// The leader grants or refuses liability exemption, with reasons.
#[server(prefix = "/api", endpoint = "execution/decide_exemption", input = Json)]
pub async fn decide_exemption(
    contract_id: i32,
    grant: bool,
    reason: String,
) -> Result<(), AppError> {
    crate::error::finish(server::decide_exemption(contract_id, grant, reason).await)
}

/// The task's leader declares the settlement; the statement it gives is returned.
#[server(prefix = "/api", endpoint = "execution/declare", input = Json)]
pub async fn declare_settlement(
    contract_id: i32,
    declaration: Declaration,
) -> Result<Statement, AppError> {
    crate::error::finish(server::declare(contract_id, declaration).await)
}

/// The leader approves the settlement: settled, refund due and released money are posted.
#[server(prefix = "/api", endpoint = "execution/settle", input = Json)]
pub async fn approve_settlement(contract_id: i32, key: String) -> Result<Statement, AppError> {
    crate::error::finish(server::settle(contract_id, key).await)
}

/// The fund's accountant records money refunded by the host, never more than is due.
#[server(prefix = "/api", endpoint = "execution/refund", input = Json)]
pub async fn record_refund(
    contract_id: i32,
    key: String,
    amount_dong: i64,
    document: String,
) -> Result<(), AppError> {
    crate::error::finish(server::refund(contract_id, key, amount_dong, document).await)
}

/// An officer registers the results with the certificate's number.
#[server(prefix = "/api", endpoint = "execution/register", input = Json)]
pub async fn register_results(
    contract_id: i32,
    certificate_number: String,
    registration: Registration,
) -> Result<(), AppError> {
    crate::error::finish(server::register(contract_id, certificate_number, registration).await)
}

/// The task's leader asks to amend the running contract; returns the request's id.
#[server(prefix = "/api", endpoint = "execution/request_amendment", input = Json)]
pub async fn request_amendment(
    contract_id: i32,
    request: domain::amendment::Request,
) -> Result<i32, AppError> {
    crate::error::finish(server::request_amendment(contract_id, request).await)
}

/// An officer approves a small amendment, the leader any; approval makes a new contract
/// version and moves the unpaid tranches by the extension. A rejection needs a note.
#[server(prefix = "/api", endpoint = "execution/decide_amendment", input = Json)]
pub async fn decide_amendment(
    amendment_id: i32,
    approve: bool,
    note: String,
) -> Result<(), AppError> {
    crate::error::finish(server::decide_amendment(amendment_id, approve, note).await)
}

/// An officer closes the task (thanh lý): settled, refunded, registered.
#[server(prefix = "/api", endpoint = "execution/close", input = Json)]
pub async fn close_task(contract_id: i32) -> Result<(), AppError> {
    crate::error::finish(server::close(contract_id).await)
}

#[cfg(feature = "ssr")]
pub mod server {
    use super::*;
    use crate::auth::server::{audit, now, require, require_user, Account as Me};
    use crate::db::entities::{
        acceptance_member, amendment, application, call, closeout, contract, contract_tranche,
        fund_account, inspection, payment, progress_report, rulebook, user,
    };
    use crate::db::retry::{retrying, Attempt};
    use crate::db::state;
    use crate::error::Problem;
    use crate::fund::api::server::{key_of, seed, text, ATTEMPTS};
    use crate::fund::ledger::{self, Meta};
    use domain::application::FormProblem;
    use domain::closeout::{check, open_steps, Facts};
    use domain::ledger::{Account, Flow, Request};
    use domain::roles::{Permission, Scope};
    use domain::rulebook::Rulebook;
    use domain::settlement::{settle as settle_statement, Cause, Line, Outcome};
    use sea_orm::sea_query::OnConflict;
    use sea_orm::{
        ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
        QueryOrder, QuerySelect, Set, TransactionTrait,
    };

    fn internal<E: std::error::Error + 'static>(e: E) -> AppError {
        crate::error::internal(&e)
    }

    fn blocked(b: domain::closeout::Blocked) -> AppError {
        AppError::invalid("step", Problem::Closeout(b))
    }

    /// Everything a step needs: the contract, its dossier, the close-out row (if any), the
    /// pinned rulebook, the contract's terms, and the facts the step table reads.
    pub(crate) struct Task {
        pub contract: contract::Model,
        pub application: application::Model,
        pub closeout: Option<closeout::Model>,
        pub rulebook: Rulebook,
        pub products: Vec<String>,
        pub lines: Vec<ContractLine>,
        pub duration_months: u32,
        pub paid_dong: i64,
        pub refund_outstanding_dong: i64,
        pub facts: Facts,
    }

    pub(crate) async fn load(
        db: &impl ConnectionTrait,
        contract_id: i32,
    ) -> Result<Task, AppError> {
        let c = contract::Entity::find_by_id(contract_id)
            .one(db)
            .await?
            .ok_or(AppError::NotFound)?;
        let a = application::Entity::find_by_id(c.application_id)
            .one(db)
            .await?
            .ok_or(AppError::Internal)?;
        let version = call::Entity::find_by_id(a.call_id)
            .one(db)
            .await?
            .and_then(|c| c.rulebook_version);
        let rulebook = match version {
            Some(v) => match rulebook::Entity::find_by_id(v).one(db).await? {
                Some(row) => serde_json::from_str(&row.content).map_err(internal)?,
                None => Rulebook::national_default(),
            },
            None => Rulebook::national_default(),
        };
        let co = closeout::Entity::find_by_id(contract_id).one(db).await?;
        let terms: serde_json::Value = serde_json::from_str(&c.terms).map_err(internal)?;
        let products: Vec<domain::application::ExpectedProduct> =
            serde_json::from_value(terms["products"].clone()).unwrap_or_default();
        let lines: Vec<ContractLine> =
            serde_json::from_value(terms["lines"].clone()).unwrap_or_default();
        let duration_months = terms["duration_months"].as_u64().unwrap_or(0) as u32;
        let sums: Vec<fund_account::Model> = fund_account::Entity::find()
            .filter(fund_account::Column::ContractId.eq(contract_id))
            .all(db)
            .await?;
        let account = |a: Account| sums.iter().find(|r| r.code == a.code());
        let paid_dong = account(Account::Disbursed(contract_id.into()))
            .map(|r| r.credits_posted)
            .unwrap_or(0);
        let refund_outstanding_dong = account(Account::Refund(contract_id.into()))
            .map(|r| r.credits_posted - r.debits_posted)
            .unwrap_or(0);
        let council_named = acceptance_member::Entity::find()
            .filter(acceptance_member::Column::ContractId.eq(contract_id))
            .count(db)
            .await?
            > 0;
        let status = ContractStatus::from_code(&c.status).ok_or(AppError::Internal)?;
        let facts = Facts {
            status,
            final_report: co.as_ref().is_some_and(|r| r.submitted_at.is_some()),
            self_evaluated: co.as_ref().is_some_and(|r| r.self_evaluated_at.is_some()),
            council_named,
            verdict: co
                .as_ref()
                .and_then(|r| r.rating.as_deref())
                .and_then(Rating::from_code),
            cause_recorded: co.as_ref().is_some_and(|r| r.cause_recorded_at.is_some()),
            exemption: co.as_ref().and_then(|r| r.exemption_granted),
            declared: co.as_ref().is_some_and(|r| r.declared_at.is_some()),
            settled: co.as_ref().is_some_and(|r| r.settled_at.is_some()),
            refund_outstanding_dong,
            registered: co.as_ref().is_some_and(|r| r.registered_at.is_some()),
        };
        Ok(Task {
            products: products.into_iter().map(|p| p.name).collect(),
            contract: c,
            application: a,
            closeout: co,
            rulebook,
            lines,
            duration_months,
            paid_dong,
            refund_outstanding_dong,
            facts,
        })
    }

    fn allow(t: &Task, step: Step) -> Result<(), AppError> {
        check(&t.facts, step).map_err(blocked)
    }

    /// The task's own leader (the dossier's author).
    fn leads(me: &Me, t: &Task) -> bool {
        t.application.applicant_id == me.user_id
    }

    fn hosts(me: &Me, t: &Task) -> bool {
        t.contract.organisation_id.is_some_and(|o| {
            me.may(
                Permission::ConfirmApplications,
                Scope::Organisation(o.into()),
            )
        })
    }

    async fn member_of(
        db: &impl ConnectionTrait,
        me: &Me,
        contract_id: i32,
    ) -> Result<Option<acceptance_member::Model>, AppError> {
        Ok(
            acceptance_member::Entity::find_by_id((contract_id, me.user_id))
                .one(db)
                .await?,
        )
    }

    /// Who may take a step, apart from whether the task's state allows it.
    fn may_take(me: &Me, t: &Task, member: bool, step: Step) -> bool {
        let officer = me.may(Permission::SuperviseTasks, Scope::Global);
        let leader = me.may(Permission::DecideSettlements, Scope::Global);
        match step {
            Step::FileReport
            | Step::RequestAmendment
            | Step::SubmitFinalReport
            | Step::DeclareSettlement => leads(me, t),
            // Which amendment needs whom is its size's: each request says so.
            Step::DecideAmendment => false,
            Step::SelfEvaluate => hosts(me, t),
            Step::Vote => member,
            Step::NameCouncil
            | Step::Conclude
            | Step::RecordCause
            | Step::Register
            | Step::Close => officer,
            Step::Terminate | Step::DecideExemption | Step::ApproveSettlement => leader,
            Step::ReceiveRefund => me.may(Permission::RecordFundReceipts, Scope::Global),
        }
    }

    /// An officer decides small amendments, the leader any.
    fn may_decide_amendment(me: &Me, size: domain::amendment::Size) -> bool {
        me.may(Permission::DecideSettlements, Scope::Global)
            || (size == domain::amendment::Size::Small
                && me.may(Permission::SuperviseTasks, Scope::Global))
    }

    fn permit(me: &Me, t: &Task, member: bool, step: Step) -> Result<(), AppError> {
        if may_take(me, t, member, step) {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }

    /// Who asks and their task, for a step of the task's own people (its leader, its host): 404
    /// for those who may not read the task, 403 for readers without the part, then the step
    /// table's reason if the task's state does not allow it now.
    async fn step_for(
        contract_id: i32,
        step: Step,
    ) -> Result<(std::sync::Arc<Me>, Task, crate::db::ServerState), AppError> {
        let me = require_user()?;
        // The state is read before any await: a server-rendered resource keeps its context
        // only until its first suspension.
        let st = state()?;
        let db = &st.db;
        let t = load(db, contract_id).await?;
        readable(db, &me, &t).await?;
        permit(&me, &t, false, step)?;
        allow(&t, step)?;
        Ok((me, t, st))
    }

    /// Readers: the fund and department roles, members of its acceptance council, and whoever
    /// may read the dossier (its author, team, host). Others get 404.
    async fn readable(db: &impl ConnectionTrait, me: &Me, t: &Task) -> Result<(), AppError> {
        if me.may(Permission::ViewFund, Scope::Global)
            || me.may(Permission::SuperviseTasks, Scope::Global)
            || member_of(db, me, t.contract.id).await?.is_some()
        {
            return Ok(());
        }
        crate::applications::api::server::readable(db, me, &t.application).await
    }

    async fn names(
        db: &impl ConnectionTrait,
        ids: Vec<i32>,
    ) -> Result<std::collections::HashMap<i32, (String, String)>, AppError> {
        Ok(user::Entity::find()
            .select_only()
            .columns([
                user::Column::Id,
                user::Column::DisplayName,
                user::Column::Email,
            ])
            .filter(user::Column::Id.is_in(ids))
            .into_tuple::<(i32, String, String)>()
            .all(db)
            .await?
            .into_iter()
            .map(|(id, n, e)| (id, (n, e)))
            .collect())
    }

    fn periods_of(t: &Task) -> Vec<domain::execution::Period> {
        match t.contract.signed_at {
            Some(s) => domain::execution::periods(&t.rulebook.reporting, s, t.duration_months),
            None => Vec::new(),
        }
    }

    /// Periods filed (live reports, i.e. not sent back).
    async fn filed(db: &impl ConnectionTrait, contract_id: i32) -> Result<Vec<u32>, AppError> {
        let rows: Vec<i32> = progress_report::Entity::find()
            .select_only()
            .column(progress_report::Column::Period)
            .filter(progress_report::Column::ContractId.eq(contract_id))
            .filter(progress_report::Column::Live.eq(true))
            .into_tuple()
            .all(db)
            .await?;
        Ok(rows.into_iter().map(|p| p as u32).collect())
    }

    /// Whether the dossier's task takes evidence and settlement documents now: signed and not
    /// closed.
    pub(crate) async fn files_open(
        db: &impl ConnectionTrait,
        application_id: i32,
    ) -> Result<(), AppError> {
        let status = contract::Entity::find()
            .filter(contract::Column::ApplicationId.eq(application_id))
            .one(db)
            .await?
            .and_then(|c| ContractStatus::from_code(&c.status));
        match status {
            Some(ContractStatus::Active | ContractStatus::Terminated) => Ok(()),
            Some(ContractStatus::Closed) => Err(blocked(domain::closeout::Blocked::AlreadyClosed)),
            _ => Err(blocked(domain::closeout::Blocked::NotRunning)),
        }
    }

    /// Whether the person sits on the acceptance council of the dossier's task.
    pub(crate) async fn judges(
        db: &impl ConnectionTrait,
        me: &Me,
        application_id: i32,
    ) -> Result<bool, AppError> {
        let Some(c) = contract::Entity::find()
            .filter(contract::Column::ApplicationId.eq(application_id))
            .one(db)
            .await?
        else {
            return Ok(false);
        };
        Ok(member_of(db, me, c.id).await?.is_some())
    }

    /// Keeps the contract's `next_report_due_at` (what overdue to-dos count): the due date of
    /// its first unfiled period while it runs and before its final report, NULL otherwise.
    pub(crate) async fn schedule_reports(
        db: &impl ConnectionTrait,
        contract_id: i32,
    ) -> Result<(), AppError> {
        let t = load(db, contract_id).await?;
        let due = if t.facts.expects_reports() {
            let done = filed(db, contract_id).await?;
            periods_of(&t)
                .into_iter()
                .find(|p| !done.contains(&p.number))
                .map(|p| p.due_at)
        } else {
            None
        };
        contract::Entity::update_many()
            .set(contract::ActiveModel {
                next_report_due_at: Set(due),
                ..Default::default()
            })
            .filter(contract::Column::Id.eq(contract_id))
            .exec(db)
            .await?;
        Ok(())
    }

    fn json<T: serde::de::DeserializeOwned>(s: &str) -> Result<T, AppError> {
        serde_json::from_str(s).map_err(internal)
    }

    pub async fn get(contract_id: i32) -> Result<ExecutionView, AppError> {
        let me = require_user()?;
        let st = state()?;
        let db = &st.db;
        let t = load(db, contract_id).await?;
        readable(db, &me, &t).await?;
        let now = st.clock.now();
        let periods = periods_of(&t);
        let done = filed(db, contract_id).await?;
        let overdue: Vec<u32> = domain::execution::overdue(&periods, &done, now)
            .into_iter()
            .map(|p| p.number)
            .collect();
        let next_period = t.contract.signed_at.and_then(|s| {
            domain::execution::next_to_file(&periods, &done, s, now).map(|p| p.number)
        });
        let reports = progress_report::Entity::find()
            .filter(progress_report::Column::ContractId.eq(contract_id))
            .order_by_asc(progress_report::Column::Id)
            .limit(200)
            .all(db)
            .await?;
        let inspections = inspection::Entity::find()
            .filter(inspection::Column::ContractId.eq(contract_id))
            .order_by_asc(inspection::Column::Id)
            .limit(200)
            .all(db)
            .await?;
        let members = acceptance_member::Entity::find()
            .filter(acceptance_member::Column::ContractId.eq(contract_id))
            .order_by_asc(acceptance_member::Column::Role)
            .all(db)
            .await?;
        let amendments = amendment::Entity::find()
            .filter(amendment::Column::ContractId.eq(contract_id))
            .order_by_asc(amendment::Column::Id)
            .limit(100)
            .all(db)
            .await?;
        let mut ids: Vec<i32> = reports.iter().map(|r| r.filed_by).collect();
        ids.extend(amendments.iter().filter_map(|a| a.decided_by));
        ids.extend(inspections.iter().map(|i| i.recorded_by));
        ids.extend(members.iter().map(|m| m.user_id));
        let names = names(db, ids).await?;
        let name = |id: i32| names.get(&id).map(|n| n.0.clone()).unwrap_or_default();
        let mine_member = members.iter().find(|m| m.user_id == me.user_id);
        let co = t.closeout.as_ref();
        let verdict: Option<Verdict> = co
            .and_then(|r| r.verdict.as_deref())
            .map(json)
            .transpose()?;
        let statement = co.and_then(|r| {
            Some(Statement {
                settled_dong: r.settled_dong?,
                refund_dong: r.refund_dong?,
                release_dong: r.release_dong?,
            })
        });
        let mine = open_steps(&t.facts)
            .into_iter()
            .filter(|s| may_take(&me, &t, mine_member.is_some(), *s))
            .filter(|s| *s != Step::FileReport || next_period.is_some())
            .collect();
        let tally = if verdict.is_some() {
            let ballots = members
                .iter()
                .filter_map(|m| m.ballot.as_deref())
                .map(json::<Ballot>)
                .collect::<Result<Vec<_>, _>>()?;
            domain::acceptance::tally(t.products.len(), &ballots)
        } else {
            Vec::new()
        };
        let files = crate::db::entities::attachment::Entity::find()
            .filter(crate::db::entities::attachment::Column::ApplicationId.eq(t.application.id))
            .filter(crate::db::entities::attachment::Column::RemovedAt.is_null())
            .filter(
                crate::db::entities::attachment::Column::Document
                    .is_in(domain::closeout::DOCUMENTS),
            )
            .order_by_asc(crate::db::entities::attachment::Column::Id)
            .limit(200)
            .all(db)
            .await?
            .into_iter()
            .map(crate::applications::attachments::server::view)
            .collect();
        let may_attach = leads(&me, &t)
            && matches!(
                t.facts.status,
                ContractStatus::Active | ContractStatus::Terminated
            );
        let organisation = match t.contract.organisation_id {
            Some(o) => crate::db::entities::organisation::Entity::find_by_id(o)
                .one(db)
                .await?
                .map(|o| o.name)
                .unwrap_or_default(),
            None => String::new(),
        };
        Ok(ExecutionView {
            contract_id,
            code: t.contract.code.clone(),
            title: t.contract.title.clone(),
            organisation,
            leader_name: t.contract.leader_name.clone(),
            concluded_at: co.and_then(|r| r.concluded_at),
            tally,
            application_id: t.contract.application_id,
            status: t.facts.status,
            signed_at: t.contract.signed_at,
            total_dong: t.contract.total_dong,
            paid_dong: t.paid_dong,
            products: t.products.clone(),
            lines: t.lines.clone(),
            duration_months: t.duration_months,
            version: 1 + amendments
                .iter()
                .filter(|a| a.status == domain::amendment::Status::Approved.code())
                .count() as u32,
            amendments: amendments
                .iter()
                .map(|a| {
                    let size =
                        domain::amendment::Size::from_code(&a.size).ok_or(AppError::Internal)?;
                    let status = domain::amendment::Status::from_code(&a.status)
                        .ok_or(AppError::Internal)?;
                    Ok(AmendmentView {
                        id: a.id,
                        request: json(&a.request)?,
                        baseline: json(&a.baseline)?,
                        may_decide: status == domain::amendment::Status::Pending
                            && may_decide_amendment(&me, size)
                            && check(&t.facts, Step::DecideAmendment).is_ok(),
                        size,
                        status,
                        version: a.version.map(|v| v as u32),
                        requested_at: a.requested_at,
                        decided_by: a.decided_by.map(name),
                        decided_at: a.decided_at,
                        decision_note: a.decision_note.clone(),
                    })
                })
                .collect::<Result<_, AppError>>()?,
            periods: periods
                .iter()
                .map(|p| PeriodView {
                    number: p.number,
                    ends_at: p.ends_at,
                    due_at: p.due_at,
                    overdue: overdue.contains(&p.number),
                })
                .collect(),
            reports: reports
                .iter()
                .map(|r| {
                    Ok(ReportView {
                        id: r.id,
                        period: r.period as u32,
                        status: ReportStatus::from_code(&r.status).ok_or(AppError::Internal)?,
                        report: json(&r.report)?,
                        filed_by: name(r.filed_by),
                        filed_at: r.filed_at,
                        reviewed_at: r.reviewed_at,
                        review_note: r.review_note.clone(),
                    })
                })
                .collect::<Result<_, AppError>>()?,
            next_period,
            inspections: inspections
                .iter()
                .map(|i| InspectionView {
                    inspected_on: i.inspected_on,
                    findings: i.findings.clone(),
                    recorded_by: name(i.recorded_by),
                })
                .collect(),
            final_report: co.map(|r| r.final_report.clone()).unwrap_or_default(),
            evidence: co
                .map(|r| json(&r.evidence))
                .transpose()?
                .unwrap_or_default(),
            submitted_at: co.and_then(|r| r.submitted_at),
            self_evaluation: co
                .and_then(|r| r.self_evaluation.as_deref())
                .map(json)
                .transpose()?,
            ballots: members.iter().filter(|m| m.ballot.is_some()).count(),
            my_ballot: mine_member
                .and_then(|m| m.ballot.as_deref())
                .map(json)
                .transpose()?,
            members: members
                .iter()
                .map(|m| MemberView {
                    name: name(m.user_id),
                    email: names
                        .get(&m.user_id)
                        .map(|n| n.1.clone())
                        .unwrap_or_default(),
                    role: m.role.clone(),
                    voted: m.ballot.is_some(),
                    paper: m.paper,
                })
                .collect(),
            verdict,
            termination_reason: co.map(|r| r.termination_reason.clone()).unwrap_or_default(),
            failure_cause: co
                .and_then(|r| r.failure_cause.as_deref())
                .and_then(FailureCause::from_code),
            compliance: co
                .and_then(|r| r.compliance.as_deref())
                .map(json)
                .transpose()?,
            cause_evidence: co.map(|r| r.cause_evidence.clone()).unwrap_or_default(),
            exemption: co.and_then(|r| r.exemption_granted),
            exemption_reason: co.map(|r| r.exemption_reason.clone()).unwrap_or_default(),
            declaration: co
                .and_then(|r| r.declaration.as_deref())
                .map(json)
                .transpose()?,
            statement,
            refund_outstanding_dong: t.refund_outstanding_dong,
            certificate_number: co.and_then(|r| r.certificate_number.clone()),
            registration: co
                .and_then(|r| r.registration.as_deref())
                .map(json)
                .transpose()?,
            closed_at: co.and_then(|r| r.closed_at),
            files,
            may_attach,
            max_upload_bytes: st.settings.uploads.max_bytes,
            mine,
            may_supervise: me.may(Permission::SuperviseTasks, Scope::Global)
                && t.facts.status != ContractStatus::Closed,
        })
    }

    async fn ensure_closeout(db: &impl ConnectionTrait, contract_id: i32) -> Result<(), AppError> {
        closeout::Entity::insert(closeout::ActiveModel {
            contract_id: Set(contract_id),
            final_report: Set(String::new()),
            evidence: Set("[]".into()),
            termination_reason: Set(String::new()),
            cause_evidence: Set(String::new()),
            exemption_reason: Set(String::new()),
            ..Default::default()
        })
        .on_conflict(
            OnConflict::column(closeout::Column::ContractId)
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
        Ok(())
    }

    /// Writes a close-out stage with a guard (`guard` still NULL); a lost race is refused with
    /// the reason the state now gives.
    async fn write_stage(
        txn: &impl ConnectionTrait,
        contract_id: i32,
        changes: closeout::ActiveModel,
        guard: closeout::Column,
        step: Step,
    ) -> Result<(), AppError> {
        ensure_closeout(txn, contract_id).await?;
        let done = closeout::Entity::update_many()
            .set(changes)
            .filter(closeout::Column::ContractId.eq(contract_id))
            .filter(guard.is_null())
            .exec(txn)
            .await?;
        if done.rows_affected == 1 {
            return Ok(());
        }
        let t = load(txn, contract_id).await?;
        allow(&t, step)?;
        Err(AppError::Internal)
    }

    fn required(field: &str, s: &str, max: usize) -> Result<String, AppError> {
        text(field, s, true, max)
    }

    pub async fn file_report(contract_id: i32, report: ProgressReport) -> Result<u32, AppError> {
        let (me, t, st) = step_for(contract_id, Step::FileReport).await?;
        let db = &st.db;
        let report = ProgressReport {
            work_done: report.work_done.trim().to_string(),
            problems: report.problems.trim().to_string(),
            ..report
        };
        if let Some(i) = report.check(&t.products, t.paid_dong).into_iter().next() {
            return Err(AppError::invalid(&i.path, Problem::Form(i.problem)));
        }
        let now = now();
        let txn = db.begin().await?;
        let periods = periods_of(&t);
        let done = filed(&txn, contract_id).await?;
        let signed = t.contract.signed_at.ok_or(AppError::Internal)?;
        let period = domain::execution::next_to_file(&periods, &done, signed, now)
            .ok_or_else(|| AppError::invalid("period", Problem::NoReportDue))?;
        let inserted = progress_report::ActiveModel {
            contract_id: Set(contract_id),
            period: Set(period.number as i32),
            status: Set(ReportStatus::Submitted.code().into()),
            live: Set(Some(true)),
            report: Set(serde_json::to_string(&report).map_err(internal)?),
            filed_by: Set(me.user_id),
            filed_at: Set(now),
            reviewed_by: Set(None),
            reviewed_at: Set(None),
            review_note: Set(String::new()),
            ..Default::default()
        }
        .insert(&txn)
        .await;
        if let Err(e) = inserted {
            // The unique live report per period: someone filed it a moment ago.
            return Err(if e.to_string().to_lowercase().contains("unique") {
                AppError::invalid("period", Problem::NoReportDue)
            } else {
                e.into()
            });
        }
        schedule_reports(&txn, contract_id).await?;
        audit(
            &txn,
            now,
            Some(me.user_id),
            "progress_report_filed",
            ("contract", contract_id.into()),
            serde_json::json!({ "period": period.number, "spent_dong": report.spent_dong }),
        )
        .await?;
        txn.commit().await?;
        Ok(period.number)
    }

    pub async fn review(report_id: i32, accept: bool, note: String) -> Result<(), AppError> {
        let me = require(Permission::SuperviseTasks, Scope::Global)?;
        let note = text("note", &note, !accept, 2_000)?;
        let db = &state()?.db;
        let now = now();
        let txn = db.begin().await?;
        let r = progress_report::Entity::find_by_id(report_id)
            .one(&txn)
            .await?
            .ok_or(AppError::NotFound)?;
        let status = if accept {
            ReportStatus::Accepted
        } else {
            ReportStatus::ChangesRequested
        };
        let done = progress_report::Entity::update_many()
            .set(progress_report::ActiveModel {
                status: Set(status.code().into()),
                live: Set(accept.then_some(true)),
                reviewed_by: Set(Some(me.user_id)),
                reviewed_at: Set(Some(now)),
                review_note: Set(note),
                ..Default::default()
            })
            .filter(progress_report::Column::Id.eq(report_id))
            .filter(progress_report::Column::Status.eq(ReportStatus::Submitted.code()))
            .exec(&txn)
            .await?;
        if done.rows_affected != 1 {
            return Err(AppError::invalid("report", Problem::AlreadyReviewed));
        }
        schedule_reports(&txn, r.contract_id).await?;
        audit(
            &txn,
            now,
            Some(me.user_id),
            if accept {
                "progress_report_accepted"
            } else {
                "progress_report_returned"
            },
            ("contract", r.contract_id.into()),
            serde_json::json!({ "report": report_id, "period": r.period }),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    pub async fn inspect(
        contract_id: i32,
        inspected_on: String,
        findings: String,
    ) -> Result<(), AppError> {
        let me = require(Permission::SuperviseTasks, Scope::Global)?;
        let findings = required("findings", &findings, 5_000)?;
        let day = chrono::NaiveDate::parse_from_str(inspected_on.trim(), "%Y-%m-%d")
            .map_err(|_| AppError::invalid("inspected_on", Problem::Form(FormProblem::Required)))?;
        let db = &state()?.db;
        let t = load(db, contract_id).await?;
        let now = now();
        // Between the signing day and today, in Vietnam's calendar.
        let vn = domain::format::vietnam_offset();
        let today = now.with_timezone(&vn).date_naive();
        let signed = t
            .contract
            .signed_at
            .map(|s| s.with_timezone(&vn).date_naive())
            .ok_or_else(|| AppError::invalid("inspected_on", Problem::InspectionDate))?;
        if day > today || day < signed {
            return Err(AppError::invalid("inspected_on", Problem::InspectionDate));
        }
        let on = day
            .and_hms_opt(0, 0, 0)
            .and_then(|d| d.and_local_timezone(vn).single())
            .map(|d| d.with_timezone(&Utc))
            .ok_or(AppError::Internal)?;
        let txn = db.begin().await?;
        inspection::ActiveModel {
            contract_id: Set(contract_id),
            inspected_on: Set(on),
            findings: Set(findings),
            recorded_by: Set(me.user_id),
            recorded_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        audit(
            &txn,
            now,
            Some(me.user_id),
            "inspection_recorded",
            ("contract", contract_id.into()),
            serde_json::json!({ "on": day.to_string() }),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    pub async fn submit_final(
        contract_id: i32,
        final_report: String,
        evidence: Vec<String>,
    ) -> Result<(), AppError> {
        let (me, t, st) = step_for(contract_id, Step::SubmitFinalReport).await?;
        let db = &st.db;
        let final_report = required("final_report", &final_report, 20_000)?;
        if evidence.len() != t.products.len() {
            return Err(AppError::invalid(
                "evidence",
                Problem::Acceptance(domain::acceptance::AcceptanceProblem::ProductsMismatch {
                    expected: t.products.len(),
                }),
            ));
        }
        let evidence = evidence
            .iter()
            .enumerate()
            .map(|(i, e)| required(&format!("evidence.{i}"), e, 2_000))
            .collect::<Result<Vec<_>, _>>()?;
        let now = now();
        let txn = db.begin().await?;
        write_stage(
            &txn,
            contract_id,
            closeout::ActiveModel {
                final_report: Set(final_report),
                evidence: Set(serde_json::to_string(&evidence).map_err(internal)?),
                submitted_at: Set(Some(now)),
                ..Default::default()
            },
            closeout::Column::SubmittedAt,
            Step::SubmitFinalReport,
        )
        .await?;
        schedule_reports(&txn, contract_id).await?;
        audit(
            &txn,
            now,
            Some(me.user_id),
            "acceptance_requested",
            ("contract", contract_id.into()),
            serde_json::json!({ "products": evidence.len() }),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    fn checked_ballot(t: &Task, ballot: Ballot) -> Result<Ballot, AppError> {
        let ballot = Ballot {
            comment: ballot.comment.trim().to_string(),
            ..ballot
        };
        ballot
            .check(t.products.len())
            .map_err(|p| AppError::invalid("ballot", Problem::Acceptance(p)))?;
        Ok(ballot)
    }

    pub async fn self_evaluate(contract_id: i32, ballot: Ballot) -> Result<(), AppError> {
        let (me, t, st) = step_for(contract_id, Step::SelfEvaluate).await?;
        let db = &st.db;
        let ballot = checked_ballot(&t, ballot)?;
        let now = now();
        let txn = db.begin().await?;
        write_stage(
            &txn,
            contract_id,
            closeout::ActiveModel {
                self_evaluation: Set(Some(serde_json::to_string(&ballot).map_err(internal)?)),
                self_evaluated_by: Set(Some(me.user_id)),
                self_evaluated_at: Set(Some(now)),
                ..Default::default()
            },
            closeout::Column::SelfEvaluatedAt,
            Step::SelfEvaluate,
        )
        .await?;
        audit(
            &txn,
            now,
            Some(me.user_id),
            "self_evaluated",
            ("contract", contract_id.into()),
            serde_json::json!({ "task": ballot.task.code() }),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    pub async fn name_council(contract_id: i32, emails: Vec<String>) -> Result<(), AppError> {
        let me = require(Permission::SuperviseTasks, Scope::Global)?;
        let db = &state()?.db;
        let t = load(db, contract_id).await?;
        allow(&t, Step::NameCouncil)?;
        let mut parsed = Vec::new();
        for (i, e) in emails.iter().enumerate() {
            let email = domain::account::Email::parse(e)
                .map_err(|p| AppError::invalid(&format!("emails.{i}"), Problem::Field(p)))?;
            if parsed.contains(&email.as_str().to_string()) {
                return Err(AppError::invalid(
                    &format!("emails.{i}"),
                    Problem::AlreadyOnCouncil,
                ));
            }
            parsed.push(email.as_str().to_string());
        }
        domain::acceptance::check_members(&t.rulebook.acceptance, parsed.len())
            .map_err(|p| AppError::invalid("emails", Problem::Acceptance(p)))?;
        type Person = (i32, String, Option<i32>);
        let people: Vec<Person> = user::Entity::find()
            .select_only()
            .columns([
                user::Column::Id,
                user::Column::Email,
                user::Column::OrganisationId,
            ])
            .filter(user::Column::Email.is_in(parsed.clone()))
            .filter(user::Column::Active.eq(true))
            .into_tuple()
            .all(db)
            .await?;
        // Conflicts found in the data: the task's leader, its team, its host organisation's staff.
        let team: Vec<i32> = crate::db::entities::application_member::Entity::find()
            .select_only()
            .column(crate::db::entities::application_member::Column::UserId)
            .filter(
                crate::db::entities::application_member::Column::ApplicationId.eq(t.application.id),
            )
            .into_tuple()
            .all(db)
            .await?;
        // …and whoever speaks for the host organisation.
        let host_accounts: Vec<i32> = match t.contract.organisation_id {
            Some(org) => {
                crate::db::entities::role_grant::Entity::find()
                    .select_only()
                    .column(crate::db::entities::role_grant::Column::UserId)
                    .filter(
                        crate::db::entities::role_grant::Column::ScopeKind
                            .eq(domain::roles::ScopeKind::Organisation.code()),
                    )
                    .filter(crate::db::entities::role_grant::Column::ScopeId.eq(i64::from(org)))
                    .into_tuple()
                    .all(db)
                    .await?
            }
            None => Vec::new(),
        };
        let mut ids = Vec::new();
        for (i, e) in parsed.iter().enumerate() {
            let (id, _, org) = people
                .iter()
                .find(|(_, pe, _)| pe == e)
                .cloned()
                .ok_or_else(|| AppError::invalid(&format!("emails.{i}"), Problem::NoSuchAccount))?;
            let conflicted = id == t.application.applicant_id
                || team.contains(&id)
                || host_accounts.contains(&id)
                || (org.is_some() && org == t.contract.organisation_id);
            if conflicted {
                return Err(AppError::invalid(
                    &format!("emails.{i}"),
                    Problem::Conflicted,
                ));
            }
            ids.push(id);
        }
        let now = now();
        let txn = db.begin().await?;
        let voted = acceptance_member::Entity::find()
            .filter(acceptance_member::Column::ContractId.eq(contract_id))
            .filter(acceptance_member::Column::Ballot.is_not_null())
            .count(&txn)
            .await?;
        if voted > 0 {
            return Err(blocked(domain::closeout::Blocked::AlreadyConcluded));
        }
        acceptance_member::Entity::delete_many()
            .filter(acceptance_member::Column::ContractId.eq(contract_id))
            .exec(&txn)
            .await?;
        let rows = ids
            .iter()
            .enumerate()
            .map(|(i, id)| acceptance_member::ActiveModel {
                contract_id: Set(contract_id),
                user_id: Set(*id),
                role: Set(match i {
                    0 => "chair",
                    1 => "secretary",
                    _ => "member",
                }
                .into()),
                ballot: Set(None),
                paper: Set(false),
                voted_at: Set(None),
            });
        acceptance_member::Entity::insert_many(rows)
            .exec_without_returning(&txn)
            .await?;
        audit(
            &txn,
            now,
            Some(me.user_id),
            "acceptance_council_named",
            ("contract", contract_id.into()),
            serde_json::json!({ "members": ids }),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    pub async fn vote(contract_id: i32, ballot: Ballot) -> Result<(), AppError> {
        let me = require_user()?;
        let db = &state()?.db;
        let t = load(db, contract_id).await?;
        let member = member_of(db, &me, contract_id)
            .await?
            .ok_or(AppError::NotFound)?;
        allow(&t, Step::Vote)?;
        let ballot = checked_ballot(&t, ballot)?;
        let now = now();
        let txn = db.begin().await?;
        // Conclusion writes the verdict in its own transaction; a ballot after it is refused.
        let t = load(&txn, contract_id).await?;
        allow(&t, Step::Vote)?;
        let mut row: acceptance_member::ActiveModel = member.into();
        row.ballot = Set(Some(serde_json::to_string(&ballot).map_err(internal)?));
        row.voted_at = Set(Some(now));
        row.update(&txn).await?;
        audit(
            &txn,
            now,
            Some(me.user_id),
            "acceptance_ballot",
            ("contract", contract_id.into()),
            serde_json::json!({}),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    pub async fn conclude(contract_id: i32) -> Result<Rating, AppError> {
        let me = require(Permission::SuperviseTasks, Scope::Global)?;
        let db = &state()?.db;
        let now = now();
        let txn = db.begin().await?;
        let t = load(&txn, contract_id).await?;
        allow(&t, Step::Conclude)?;
        let members = acceptance_member::Entity::find()
            .filter(acceptance_member::Column::ContractId.eq(contract_id))
            .all(&txn)
            .await?;
        let ballots = members
            .iter()
            .filter_map(|m| m.ballot.as_deref())
            .map(json::<Ballot>)
            .collect::<Result<Vec<_>, _>>()?;
        let v = domain::acceptance::verdict(
            &t.rulebook.acceptance,
            members.len(),
            t.products.len(),
            &ballots,
        )
        .map_err(|p| AppError::invalid("ballots", Problem::Acceptance(p)))?;
        write_stage(
            &txn,
            contract_id,
            closeout::ActiveModel {
                verdict: Set(Some(serde_json::to_string(&v).map_err(internal)?)),
                rating: Set(Some(v.task.code().into())),
                concluded_by: Set(Some(me.user_id)),
                concluded_at: Set(Some(now)),
                ..Default::default()
            },
            closeout::Column::ConcludedAt,
            Step::Conclude,
        )
        .await?;
        schedule_reports(&txn, contract_id).await?;
        audit(
            &txn,
            now,
            Some(me.user_id),
            "acceptance_concluded",
            ("contract", contract_id.into()),
            serde_json::json!({ "rating": v.task.code(), "ballots": v.ballots }),
        )
        .await?;
        txn.commit().await?;
        Ok(v.task)
    }

    pub async fn terminate(contract_id: i32, reason: String) -> Result<(), AppError> {
        let me = require(Permission::DecideSettlements, Scope::Global)?;
        let reason = required("reason", &reason, 2_000)?;
        let db = &state()?.db;
        let now = now();
        let txn = db.begin().await?;
        let t = load(&txn, contract_id).await?;
        allow(&t, Step::Terminate)?;
        // A payment pending at termination would otherwise still be postable.
        let pending = payment::Entity::find()
            .filter(payment::Column::ContractId.eq(contract_id))
            .filter(payment::Column::Status.eq(domain::contract::PaymentStatus::Pending.code()))
            .count(&txn)
            .await?;
        if pending > 0 {
            return Err(AppError::invalid("step", Problem::PaymentsPending));
        }
        let done = contract::Entity::update_many()
            .set(contract::ActiveModel {
                status: Set(ContractStatus::Terminated.code().into()),
                ..Default::default()
            })
            .filter(contract::Column::Id.eq(contract_id))
            .filter(contract::Column::Status.eq(ContractStatus::Active.code()))
            .exec(&txn)
            .await?;
        if done.rows_affected != 1 {
            return Err(blocked(domain::closeout::Blocked::NotRunning));
        }
        write_stage(
            &txn,
            contract_id,
            closeout::ActiveModel {
                termination_reason: Set(reason),
                terminated_by: Set(Some(me.user_id)),
                terminated_at: Set(Some(now)),
                ..Default::default()
            },
            closeout::Column::TerminatedAt,
            Step::Terminate,
        )
        .await?;
        schedule_reports(&txn, contract_id).await?;
        audit(
            &txn,
            now,
            Some(me.user_id),
            "contract_terminated",
            ("contract", contract_id.into()),
            serde_json::json!({}),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    pub async fn record_cause(
        contract_id: i32,
        cause: FailureCause,
        compliance: Compliance,
        evidence: String,
    ) -> Result<(), AppError> {
        let me = require(Permission::SuperviseTasks, Scope::Global)?;
        let evidence = required("evidence", &evidence, 5_000)?;
        let db = &state()?.db;
        let now = now();
        let txn = db.begin().await?;
        let t = load(&txn, contract_id).await?;
        allow(&t, Step::RecordCause)?;
        ensure_closeout(&txn, contract_id).await?;
        // The cause may be corrected until the leader decides.
        let done = closeout::Entity::update_many()
            .set(closeout::ActiveModel {
                failure_cause: Set(Some(cause.code().into())),
                compliance: Set(Some(serde_json::to_string(&compliance).map_err(internal)?)),
                cause_evidence: Set(evidence),
                cause_recorded_by: Set(Some(me.user_id)),
                cause_recorded_at: Set(Some(now)),
                ..Default::default()
            })
            .filter(closeout::Column::ContractId.eq(contract_id))
            .filter(closeout::Column::ExemptionGranted.is_null())
            .exec(&txn)
            .await?;
        if done.rows_affected != 1 {
            return Err(blocked(domain::closeout::Blocked::ExemptionAlreadyDecided));
        }
        audit(
            &txn,
            now,
            Some(me.user_id),
            "failure_cause_recorded",
            ("contract", contract_id.into()),
            serde_json::json!({ "cause": cause.code(), "compliant": compliance.complete() }),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    pub async fn decide_exemption(
        contract_id: i32,
        grant: bool,
        reason: String,
    ) -> Result<(), AppError> {
        let me = require(Permission::DecideSettlements, Scope::Global)?;
        let reason = required("reason", &reason, 2_000)?;
        let db = &state()?.db;
        let now = now();
        let txn = db.begin().await?;
        let t = load(&txn, contract_id).await?;
        allow(&t, Step::DecideExemption)?;
        let co = t.closeout.as_ref().ok_or(AppError::Internal)?;
        let cause = co
            .failure_cause
            .as_deref()
            .and_then(FailureCause::from_code)
            .ok_or(AppError::Internal)?;
        let compliance: Compliance = co
            .compliance
            .as_deref()
            .map(json)
            .transpose()?
            .unwrap_or_default();
        domain::settlement::decide_exemption(cause, &compliance, grant)
            .map_err(|p| AppError::invalid("grant", Problem::Exemption(p)))?;
        write_stage(
            &txn,
            contract_id,
            closeout::ActiveModel {
                exemption_granted: Set(Some(grant)),
                exemption_reason: Set(reason),
                exemption_decided_by: Set(Some(me.user_id)),
                exemption_decided_at: Set(Some(now)),
                ..Default::default()
            },
            closeout::Column::ExemptionDecidedAt,
            Step::DecideExemption,
        )
        .await?;
        audit(
            &txn,
            now,
            Some(me.user_id),
            if grant {
                "exemption_granted"
            } else {
                "exemption_refused"
            },
            ("contract", contract_id.into()),
            serde_json::json!({ "cause": cause.code() }),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    /// The statement a declaration gives for the task as it stands.
    fn statement_of(t: &Task, d: &Declaration) -> Result<Statement, AppError> {
        if d.documented_dong.len() != t.lines.len() {
            return Err(AppError::invalid(
                "documented_dong",
                Problem::Form(FormProblem::Required),
            ));
        }
        let lines: Vec<Line> = t
            .lines
            .iter()
            .zip(&d.documented_dong)
            .map(|(l, doc)| Line {
                lump_sum: l.lump_sum,
                contracted_dong: l.fund_dong,
                documented_dong: if l.lump_sum { 0 } else { *doc },
            })
            .collect();
        let outcome = if t.facts.accepted() {
            Outcome::Accepted
        } else {
            let cause = match t.facts.exemption {
                Some(true) => Cause::Objective,
                _ => Cause::Subjective,
            };
            Outcome::NotCompleted {
                cause,
                spent_dong: d.spent_dong,
            }
        };
        settle_statement(
            &t.rulebook.settlement,
            t.contract.total_dong,
            t.paid_dong,
            &lines,
            outcome,
        )
        .map_err(|p| {
            let field = match p {
                domain::settlement::SettlementProblem::SpentAbovePaid => "spent_dong",
                _ => "documented_dong",
            };
            AppError::invalid(field, Problem::Settlement(p))
        })
    }

    pub async fn declare(
        contract_id: i32,
        declaration: Declaration,
    ) -> Result<Statement, AppError> {
        let (me, t, st) = step_for(contract_id, Step::DeclareSettlement).await?;
        let db = &st.db;
        let declaration = Declaration {
            documents: text("documents", &declaration.documents, false, 5_000)?,
            ..declaration
        };
        let needs_documents = t
            .lines
            .iter()
            .zip(&declaration.documented_dong)
            .any(|(l, d)| !l.lump_sum && *d > 0);
        if needs_documents && declaration.documents.is_empty() {
            return Err(AppError::invalid(
                "documents",
                Problem::Form(FormProblem::Required),
            ));
        }
        let statement = statement_of(&t, &declaration)?;
        let now = now();
        let txn = db.begin().await?;
        ensure_closeout(&txn, contract_id).await?;
        // Declared again until the leader approves.
        let done = closeout::Entity::update_many()
            .set(closeout::ActiveModel {
                declaration: Set(Some(serde_json::to_string(&declaration).map_err(internal)?)),
                declared_at: Set(Some(now)),
                ..Default::default()
            })
            .filter(closeout::Column::ContractId.eq(contract_id))
            .filter(closeout::Column::SettledAt.is_null())
            .exec(&txn)
            .await?;
        if done.rows_affected != 1 {
            return Err(blocked(domain::closeout::Blocked::AlreadySettled));
        }
        audit(
            &txn,
            now,
            Some(me.user_id),
            "settlement_declared",
            ("contract", contract_id.into()),
            serde_json::json!({ "settled_dong": statement.settled_dong, "refund_dong": statement.refund_dong }),
        )
        .await?;
        txn.commit().await?;
        Ok(statement)
    }

    pub async fn settle(contract_id: i32, key: String) -> Result<Statement, AppError> {
        let me = require(Permission::DecideSettlements, Scope::Global)?;
        let key = key_of(&key)?;
        let db = &state()?.db;
        let me = &me;
        retrying("settlement", seed(&key), ATTEMPTS, || {
            let key = key.clone();
            async move {
                let now = now();
                let txn = db.begin().await?;
                let t = load(&txn, contract_id).await?;
                // The same request again answers with what it posted.
                if t.facts.settled
                    && t.closeout.as_ref().and_then(|c| c.settled_by) == Some(me.user_id)
                {
                    let c = t.closeout.as_ref().ok_or(AppError::Internal)?;
                    return Ok(Statement {
                        settled_dong: c.settled_dong.unwrap_or(0),
                        refund_dong: c.refund_dong.unwrap_or(0),
                        release_dong: c.release_dong.unwrap_or(0),
                    });
                }
                allow(&t, Step::ApproveSettlement)?;
                let d: Declaration = t
                    .closeout
                    .as_ref()
                    .and_then(|c| c.declaration.as_deref())
                    .map(json)
                    .transpose()?
                    .ok_or(AppError::Internal)?;
                let s = statement_of(&t, &d)?;
                let done = closeout::Entity::update_many()
                    .set(closeout::ActiveModel {
                        settled_dong: Set(Some(s.settled_dong)),
                        refund_dong: Set(Some(s.refund_dong)),
                        release_dong: Set(Some(s.release_dong)),
                        settled_by: Set(Some(me.user_id)),
                        settled_at: Set(Some(now)),
                        ..Default::default()
                    })
                    .filter(closeout::Column::ContractId.eq(contract_id))
                    .filter(closeout::Column::SettledAt.is_null())
                    .exec(&txn)
                    .await?;
                if done.rows_affected != 1 {
                    return Err(Attempt::Raced);
                }
                let notes = [
                    ("settled", "Quyết toán theo sản phẩm và chứng từ"),
                    ("refund", "Kinh phí phải nộp trả sau quyết toán"),
                    ("release", "Giải phóng kinh phí cam kết chưa cấp"),
                ];
                for (debit, credit, amount) in domain::settlement::postings(contract_id.into(), &s)
                {
                    let (suffix, note) = match credit {
                        Account::Settled(_) => notes[0],
                        Account::Refund(_) => notes[1],
                        _ => notes[2],
                    };
                    let r = Request {
                        key: format!("{key}:{suffix}"),
                        debit,
                        credit,
                        amount_dong: amount,
                        flow: Flow::Posted,
                        by: me.user_id.into(),
                        corrects: None,
                    };
                    let meta = Meta {
                        contract_id: Some(contract_id),
                        document: format!("{} · quyết toán", t.contract.code),
                        note: note.into(),
                    };
                    ledger::write(&txn, &r, &meta, now).await?;
                }
                audit(
                    &txn,
                    now,
                    Some(me.user_id),
                    "settlement_approved",
                    ("contract", contract_id.into()),
                    serde_json::json!({
                        "settled_dong": s.settled_dong,
                        "refund_dong": s.refund_dong,
                        "release_dong": s.release_dong,
                    }),
                )
                .await?;
                txn.commit().await?;
                Ok(s)
            }
        })
        .await
    }

    pub async fn refund(
        contract_id: i32,
        key: String,
        amount_dong: i64,
        document: String,
    ) -> Result<(), AppError> {
        let me = require(Permission::RecordFundReceipts, Scope::Global)?;
        let key = key_of(&key)?;
        let document = required("document", &document, 200)?;
        let db = &state()?.db;
        let me = &me;
        retrying("refund", seed(&key), ATTEMPTS, || {
            let (key, document) = (key.clone(), document.clone());
            async move {
                let now = now();
                let txn = db.begin().await?;
                let t = load(&txn, contract_id).await?;
                let r = Request {
                    key,
                    debit: Account::Refund(contract_id.into()),
                    credit: Account::Available,
                    amount_dong,
                    flow: Flow::Posted,
                    by: me.user_id.into(),
                    corrects: None,
                };
                // A replay of a written refund passes whatever the state now.
                let replay = crate::db::entities::fund_transfer::Entity::find()
                    .filter(crate::db::entities::fund_transfer::Column::Key.eq(r.key.as_str()))
                    .one(&txn)
                    .await?
                    .is_some();
                if !replay {
                    allow(&t, Step::ReceiveRefund)?;
                }
                let meta = Meta {
                    contract_id: Some(contract_id),
                    document,
                    note: "Thu hồi kinh phí sau quyết toán".into(),
                };
                let (_, written) = ledger::write(&txn, &r, &meta, now).await?;
                if written {
                    audit(
                        &txn,
                        now,
                        Some(me.user_id),
                        "refund_received",
                        ("contract", contract_id.into()),
                        serde_json::json!({ "amount_dong": amount_dong }),
                    )
                    .await?;
                }
                txn.commit().await?;
                Ok(())
            }
        })
        .await
    }

    pub async fn register(
        contract_id: i32,
        certificate_number: String,
        registration: Registration,
    ) -> Result<(), AppError> {
        let me = require(Permission::SuperviseTasks, Scope::Global)?;
        let number = required("certificate_number", &certificate_number, 60)?;
        let registration = Registration {
            summary: required("summary", &registration.summary, 5_000)?,
            application: text("application", &registration.application, false, 2_000)?,
            keywords: text("keywords", &registration.keywords, false, 300)?,
        };
        let db = &state()?.db;
        let now = now();
        let txn = db.begin().await?;
        let t = load(&txn, contract_id).await?;
        allow(&t, Step::Register)?;
        let taken = closeout::Entity::find()
            .filter(closeout::Column::CertificateNumber.eq(number.as_str()))
            .count(&txn)
            .await?;
        if taken > 0 {
            return Err(AppError::invalid(
                "certificate_number",
                Problem::CertificateTaken,
            ));
        }
        write_stage(
            &txn,
            contract_id,
            closeout::ActiveModel {
                certificate_number: Set(Some(number.clone())),
                registration: Set(Some(
                    serde_json::to_string(&registration).map_err(internal)?,
                )),
                registered_by: Set(Some(me.user_id)),
                registered_at: Set(Some(now)),
                ..Default::default()
            },
            closeout::Column::RegisteredAt,
            Step::Register,
        )
        .await?;
        audit(
            &txn,
            now,
            Some(me.user_id),
            "results_registered",
            ("contract", contract_id.into()),
            serde_json::json!({ "certificate": number }),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    pub async fn request_amendment(
        contract_id: i32,
        request: domain::amendment::Request,
    ) -> Result<i32, AppError> {
        let (me, t, st) = step_for(contract_id, Step::RequestAmendment).await?;
        let db = &st.db;
        let request = domain::amendment::Request {
            other_changes: request.other_changes.trim().to_string(),
            reason: request.reason.trim().to_string(),
            ..request
        };
        let baseline_lines: Vec<i64> = t.lines.iter().map(|l| l.fund_dong).collect();
        let size = domain::amendment::check(&t.rulebook.amendment, &baseline_lines, &request)
            .map_err(|(field, p)| AppError::invalid(field, Problem::Amendment(p)))?;
        let baseline = Baseline {
            lines: t.lines.clone(),
            duration_months: t.duration_months,
        };
        let now = now();
        let txn = db.begin().await?;
        let inserted = amendment::ActiveModel {
            contract_id: Set(contract_id),
            request: Set(serde_json::to_string(&request).map_err(internal)?),
            baseline: Set(serde_json::to_string(&baseline).map_err(internal)?),
            size: Set(size.code().into()),
            status: Set(domain::amendment::Status::Pending.code().into()),
            pending: Set(Some(true)),
            version: Set(None),
            requested_by: Set(me.user_id),
            requested_at: Set(now),
            decided_by: Set(None),
            decided_at: Set(None),
            decision_note: Set(String::new()),
            ..Default::default()
        }
        .insert(&txn)
        .await;
        let row = match inserted {
            Ok(r) => r,
            Err(e) if e.to_string().to_lowercase().contains("unique") => {
                return Err(AppError::invalid("amendment", Problem::AmendmentPending))
            }
            Err(e) => return Err(e.into()),
        };
        audit(
            &txn,
            now,
            Some(me.user_id),
            "amendment_requested",
            ("contract", contract_id.into()),
            serde_json::json!({ "amendment": row.id, "size": size.code(), "extension_months": request.extension_months }),
        )
        .await?;
        txn.commit().await?;
        Ok(row.id)
    }

    pub async fn decide_amendment(
        amendment_id: i32,
        approve: bool,
        note: String,
    ) -> Result<(), AppError> {
        let me = require_user()?;
        let note = text("note", &note, !approve, 2_000)?;
        let db = &state()?.db;
        let now = now();
        let txn = db.begin().await?;
        let a = amendment::Entity::find_by_id(amendment_id)
            .one(&txn)
            .await?
            .ok_or(AppError::NotFound)?;
        let size = domain::amendment::Size::from_code(&a.size).ok_or(AppError::Internal)?;
        if !may_decide_amendment(&me, size) {
            return Err(AppError::Forbidden);
        }
        let t = load(&txn, a.contract_id).await?;
        allow(&t, Step::DecideAmendment)?;
        let request: domain::amendment::Request = json(&a.request)?;
        let approved_before = amendment::Entity::find()
            .filter(amendment::Column::ContractId.eq(a.contract_id))
            .filter(amendment::Column::Status.eq(domain::amendment::Status::Approved.code()))
            .count(&txn)
            .await?;
        let version = approve.then_some(approved_before as i32 + 2);
        let status = if approve {
            domain::amendment::Status::Approved
        } else {
            domain::amendment::Status::Rejected
        };
        let done = amendment::Entity::update_many()
            .set(amendment::ActiveModel {
                status: Set(status.code().into()),
                pending: Set(None),
                version: Set(version),
                decided_by: Set(Some(me.user_id)),
                decided_at: Set(Some(now)),
                decision_note: Set(note),
                ..Default::default()
            })
            .filter(amendment::Column::Id.eq(amendment_id))
            .filter(amendment::Column::Status.eq(domain::amendment::Status::Pending.code()))
            .exec(&txn)
            .await?;
        if done.rows_affected != 1 {
            return Err(AppError::invalid("amendment", Problem::AlreadyDecided));
        }
        if approve {
            // The lines were checked against this baseline; the contract has not changed since
            // (one pending amendment at a time, and nothing else edits running terms).
            let mut terms: serde_json::Value =
                serde_json::from_str(&t.contract.terms).map_err(internal)?;
            for (i, amount) in request.lines_dong.iter().enumerate() {
                terms["lines"][i]["fund_dong"] = serde_json::json!(amount);
            }
            terms["duration_months"] =
                serde_json::json!(t.duration_months + request.extension_months);
            contract::Entity::update_many()
                .set(contract::ActiveModel {
                    terms: Set(terms.to_string()),
                    ..Default::default()
                })
                .filter(contract::Column::Id.eq(a.contract_id))
                .exec(&txn)
                .await?;
            if request.extension_months > 0 {
                // Tranches not yet paid (no live payment) move by the extension.
                let paid: Vec<i32> = payment::Entity::find()
                    .select_only()
                    .column(payment::Column::TrancheSeq)
                    .filter(payment::Column::ContractId.eq(a.contract_id))
                    .filter(payment::Column::Live.eq(true))
                    .into_tuple()
                    .all(&txn)
                    .await?;
                let tranches = contract_tranche::Entity::find()
                    .filter(contract_tranche::Column::ContractId.eq(a.contract_id))
                    .all(&txn)
                    .await?;
                for tr in tranches.into_iter().filter(|tr| !paid.contains(&tr.seq)) {
                    let due = tr
                        .due_at
                        .checked_add_months(chrono::Months::new(request.extension_months))
                        .ok_or(AppError::Internal)?;
                    let mut row: contract_tranche::ActiveModel = tr.into();
                    row.due_at = Set(due);
                    row.update(&txn).await?;
                }
            }
            schedule_reports(&txn, a.contract_id).await?;
        }
        audit(
            &txn,
            now,
            Some(me.user_id),
            if approve {
                "amendment_approved"
            } else {
                "amendment_rejected"
            },
            ("contract", a.contract_id.into()),
            serde_json::json!({ "amendment": amendment_id, "version": version }),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    pub async fn close(contract_id: i32) -> Result<(), AppError> {
        let me = require(Permission::SuperviseTasks, Scope::Global)?;
        let db = &state()?.db;
        let now = now();
        let txn = db.begin().await?;
        let t = load(&txn, contract_id).await?;
        allow(&t, Step::Close)?;
        let done = contract::Entity::update_many()
            .set(contract::ActiveModel {
                status: Set(ContractStatus::Closed.code().into()),
                ..Default::default()
            })
            .filter(contract::Column::Id.eq(contract_id))
            .filter(contract::Column::Status.ne(ContractStatus::Closed.code()))
            .exec(&txn)
            .await?;
        if done.rows_affected != 1 {
            return Err(blocked(domain::closeout::Blocked::AlreadyClosed));
        }
        write_stage(
            &txn,
            contract_id,
            closeout::ActiveModel {
                closed_by: Set(Some(me.user_id)),
                closed_at: Set(Some(now)),
                ..Default::default()
            },
            closeout::Column::ClosedAt,
            Step::Close,
        )
        .await?;
        audit(
            &txn,
            now,
            Some(me.user_id),
            "task_closed",
            ("contract", contract_id.into()),
            serde_json::json!({}),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }
}
