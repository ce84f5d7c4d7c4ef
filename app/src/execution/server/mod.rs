//! The server side of a funded task: loading a task with its facts, who may take each step, and what the steps share (the close-out row written stage by stage).

use super::api::*;
use crate::auth::server::require_somewhere;
use crate::db::entities::{
    acceptance_member, amendment, application, call, closeout, contract, contract_tranche,
    fund_account, inspection, payment, progress_report, rulebook, user,
};
use crate::db::json::Json;
use crate::db::ledger::{self, Meta};
use crate::db::retry::Attempt;
use crate::db::state;
use crate::error::AppError;
use crate::error::Problem;
use crate::kit::access::office;
use crate::kit::{self, command, text, Bound};
use crate::kit::{audit, now, require_user, Account as Me};
use chrono::Utc;
use domain::acceptance::{Ballot, Rating, Verdict};
use domain::closeout::Step;
use domain::closeout::{check, Facts, Standing};
use domain::contract::ContractLine;
use domain::contract::ContractStatus;
use domain::execution::{ProgressReport, ReportStatus};
use domain::issue::FormProblem;
use domain::ledger::{Account, Flow, Request};
use domain::roles::{Permission, Scope};
use domain::rulebook::Rulebook;
use domain::settlement::{settle as settle_statement, Cause, Line, Outcome};
use domain::settlement::{Compliance, FailureCause, Statement};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};

pub mod acceptance;
pub mod amendments;
pub mod closing;
pub mod inspections;
pub mod reports;
pub mod settlement;
pub mod view;

pub(crate) fn blocked(b: domain::closeout::Blocked) -> AppError {
    match b {
        // API clients have known this refusal by this name since termination checked it.
        domain::closeout::Blocked::PaymentsPending => {
            AppError::invalid("step", Problem::PaymentsPending)
        }
        b => AppError::invalid("step", Problem::Closeout(b)),
    }
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
    /// The managing unit that runs the task (its call's); none for the department.
    pub unit: Option<i32>,
}

pub(crate) async fn load(db: &impl ConnectionTrait, contract_id: i32) -> Result<Task, AppError> {
    let c = contract::Entity::find_by_id(contract_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let a = application::Entity::find_by_id(c.application_id)
        .one(db)
        .await?
        .ok_or(AppError::Internal)?;
    let of_call = call::Entity::find_by_id(a.call_id).one(db).await?;
    let version = of_call.as_ref().and_then(|c| c.rulebook_version);
    let unit = of_call.and_then(|c| c.managing_unit_id);
    let rulebook = match version {
        Some(v) => match rulebook::Entity::find_by_id(v).one(db).await? {
            Some(row) => row.content.0.clone(),
            None => Rulebook::national_default(),
        },
        None => Rulebook::national_default(),
    };
    let co = closeout::Entity::find_by_id(contract_id).one(db).await?;
    let domain::contract::Terms {
        products,
        lines,
        duration_months,
    } = c.terms.0.clone();
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
    let payments_pending = payment::Entity::find()
        .filter(payment::Column::ContractId.eq(contract_id))
        .filter(payment::Column::Status.eq(domain::contract::PaymentStatus::Pending.code()))
        .count(db)
        .await?;
    let status = ContractStatus::from_code(&c.status).ok_or(AppError::Internal)?;
    let final_payment_due_dong = final_payment_due(db, co.as_ref()).await?;
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
        payments_pending: u32::try_from(payments_pending).unwrap_or(u32::MAX),
        final_payment_due_dong,
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
        unit,
    })
}

/// The final payment the settlement owes the host, until its tranche's payment is posted.
async fn final_payment_due(
    db: &impl ConnectionTrait,
    co: Option<&closeout::Model>,
) -> Result<i64, AppError> {
    let Some((amount, seq)) = co.and_then(|r| r.final_payment_dong.zip(r.final_tranche_seq)) else {
        return Ok(0);
    };
    let paid = payment::Entity::find()
        .filter(payment::Column::ContractId.eq(co.map_or(0, |r| r.contract_id)))
        .filter(payment::Column::TrancheSeq.eq(seq))
        .filter(payment::Column::Status.eq(domain::contract::PaymentStatus::Posted.code()))
        .count(db)
        .await?;
    Ok(if paid > 0 { 0 } else { amount })
}

impl Task {
    /// `Ok` when the person runs this task with `permission` (the department its own tasks, a
    /// managing unit its unit's); `Forbidden` for one who only sees it.
    pub fn managed_by(&self, me: &Me, permission: Permission) -> Result<(), AppError> {
        if me.manages(permission, self.unit) {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }

    /// The tranche the approved settlement added for the host's final payment.
    pub fn is_final_tranche(&self, seq: i32) -> bool {
        self.closeout
            .as_ref()
            .is_some_and(|c| c.final_tranche_seq == Some(seq))
    }
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

/// Who the person is to the task, for the step table's `may_take`.
fn standing(me: &Me, t: &Task, member: bool) -> Standing {
    Standing {
        leads: leads(me, t),
        hosts: hosts(me, t),
        judges: member,
        // The refund goes back into the book that paid: its accountant records it.
        accountant: me.manages(Permission::RecordFundReceipts, t.contract.payer_unit_id),
        ..office(me, t.unit)
    }
}

fn may_take(me: &Me, t: &Task, member: bool, step: Step) -> bool {
    domain::closeout::may_take(&standing(me, t, member), step)
}

fn may_decide_amendment(me: &Me, t: &Task, size: domain::amendment::Size) -> bool {
    domain::closeout::may_decide_amendment(&office(me, t.unit), size)
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
pub(super) async fn readable(db: &impl ConnectionTrait, me: &Me, t: &Task) -> Result<(), AppError> {
    if me.may(Permission::ViewFund, Scope::Global)
        || me.oversees(Permission::SuperviseTasks, t.unit)
        || me.oversees(Permission::DecideSettlements, t.unit)
        || member_of(db, me, t.contract.id).await?.is_some()
    {
        return Ok(());
    }
    crate::kit::access::readable(db, me, &t.application).await
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

async fn ensure_closeout(db: &impl ConnectionTrait, contract_id: i32) -> Result<(), AppError> {
    closeout::Entity::insert(closeout::ActiveModel {
        contract_id: Set(contract_id),
        final_report: Set(String::new()),
        evidence: Set(Json(Vec::new())),
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

fn required(field: &str, s: &str, bound: Bound) -> Result<String, AppError> {
    text(field, s, true, bound)
}
