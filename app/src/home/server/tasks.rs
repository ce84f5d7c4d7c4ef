//! Funded tasks' to-dos: overdue reports (officers, and the task's own leader), reports to
//! review, ballots to cast, the leader's close-out decisions, amendments, refunds to record.
//! Who sees each comes from the close-out step table (`domain::closeout::actor` through
//! `may_take`), the same table that lets them take the step; the state each step waits for is
//! the indexed filter that mirrors the step's check. Each is a count and one id: nothing reads
//! every contract.

use chrono::{DateTime, Utc};
use domain::closeout::{may_decide_amendment, may_take, Standing, Step};
use domain::roles::{Permission, Scope};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Select,
};

use crate::db::entities::{
    acceptance_member, amendment, application, closeout, contract, fund_account, progress_report,
};
use crate::error::AppError;
use crate::home::api::Todo;
use crate::kit::access::office;
use crate::kit::Account;
use crate::list::count_rows;

pub(super) async fn todos(
    db: &impl ConnectionTrait,
    account: &Account,
    now: DateTime<Utc>,
    todos: &mut Vec<Todo>,
) -> Result<(), AppError> {
    // The department's offices: a unit's staff find their tasks' steps on the tasks' pages.
    let office = office(account, None);
    reports(db, account, &office, now, todos).await?;
    let ballots = acceptance_member::Entity::find()
        .filter(acceptance_member::Column::UserId.eq(account.user_id))
        .filter(acceptance_member::Column::Ballot.is_null())
        .filter(
            acceptance_member::Column::ContractId.not_in_subquery(
                Query::select()
                    .column(closeout::Column::ContractId)
                    .from(closeout::Entity)
                    .and_where(closeout::Column::ConcludedAt.is_not_null())
                    .to_owned(),
            ),
        );
    if let Some((count, first)) =
        counted(db, ballots, acceptance_member::Column::ContractId).await?
    {
        todos.push(Todo::CastBallots { count, first });
    }
    decisions(db, &office, todos).await
}

/// How many rows a select finds, and the first id.
async fn counted<E: EntityTrait>(
    db: &impl ConnectionTrait,
    select: Select<E>,
    id: E::Column,
) -> Result<Option<(u64, i32)>, AppError> {
    let count = count_rows(db, select.clone()).await?;
    if count == 0 {
        return Ok(None);
    }
    let first: Option<i32> = select
        .select_only()
        .column(id)
        .order_by_asc(id)
        .limit(1)
        .into_tuple()
        .one(db)
        .await?;
    Ok(first.map(|f| (count, f)))
}

/// Overdue reports for officers (and reports to review), or for the leader of the task.
async fn reports(
    db: &impl ConnectionTrait,
    account: &Account,
    office: &Standing,
    now: DateTime<Utc>,
    todos: &mut Vec<Todo>,
) -> Result<(), AppError> {
    let overdue = contract::Entity::find()
        .filter(contract::Column::Status.eq(domain::contract::ContractStatus::Active.code()))
        .filter(contract::Column::NextReportDueAt.lt(now));
    if office.officer {
        if let Some((count, first)) = counted(db, overdue, contract::Column::Id).await? {
            todos.push(Todo::OverdueReports { count, first });
        }
        let waiting = progress_report::Entity::find().filter(
            progress_report::Column::Status.eq(domain::execution::ReportStatus::Submitted.code()),
        );
        if let Some((count, first)) =
            counted(db, waiting, progress_report::Column::ContractId).await?
        {
            todos.push(Todo::ReviewReports { count, first });
        }
    } else if account.may(Permission::SubmitApplications, Scope::Global) {
        // The leader files a task's reports: the tasks whose dossier they wrote.
        let mine = overdue.filter(
            contract::Column::ApplicationId.in_subquery(
                Query::select()
                    .column(application::Column::Id)
                    .from(application::Entity)
                    .and_where(application::Column::ApplicantId.eq(account.user_id))
                    .to_owned(),
            ),
        );
        if let Some((count, first)) = counted(db, mine, contract::Column::Id).await? {
            todos.push(Todo::OverdueReports { count, first });
        }
    }
    Ok(())
}

/// Close-out decisions, amendments and refunds, for whom the step table names.
async fn decisions(
    db: &impl ConnectionTrait,
    office: &Standing,
    todos: &mut Vec<Todo>,
) -> Result<(), AppError> {
    let settles = may_take(office, Step::ApproveSettlement);
    let exempts = may_take(office, Step::DecideExemption);
    if settles || exempts {
        // Declared and not settled (ApproveSettlement); cause recorded and not decided
        // (DecideExemption).
        let declared = closeout::Column::DeclaredAt
            .is_not_null()
            .and(closeout::Column::SettledAt.is_null());
        let caused = closeout::Column::CauseRecordedAt
            .is_not_null()
            .and(closeout::Column::ExemptionGranted.is_null());
        let waiting = match (settles, exempts) {
            (true, true) => declared.or(caused),
            (true, false) => declared,
            _ => caused,
        };
        let waiting = closeout::Entity::find().filter(waiting);
        if let Some((count, first)) = counted(db, waiting, closeout::Column::ContractId).await? {
            todos.push(Todo::DecideCloseouts { count, first });
        }
    }
    let pending = amendment::Entity::find()
        .filter(amendment::Column::Status.eq(domain::amendment::Status::Pending.code()));
    let decidable = if may_decide_amendment(office, domain::amendment::Size::Large) {
        Some(pending)
    } else if may_decide_amendment(office, domain::amendment::Size::Small) {
        Some(pending.filter(amendment::Column::Size.eq(domain::amendment::Size::Small.code())))
    } else {
        None
    };
    if let Some(select) = decidable {
        if let Some((count, first)) = counted(db, select, amendment::Column::ContractId).await? {
            todos.push(Todo::DecideAmendments { count, first });
        }
    }
    if may_take(office, Step::ReceiveRefund) {
        let due = fund_account::Entity::find()
            .filter(fund_account::Column::Kind.eq("refund"))
            .filter(
                Expr::col(fund_account::Column::CreditsPosted)
                    .gt(Expr::col(fund_account::Column::DebitsPosted)),
            );
        if let Some((count, first)) = counted(db, due, fund_account::Column::ContractId).await? {
            todos.push(Todo::RecordRefunds { count, first });
        }
    }
    Ok(())
}
