//! Funded tasks' to-dos: overdue reports (officers, and the task's own leader), reports to
//! review, ballots to cast, the leader's close-out decisions, amendments, refunds to record.
//! Who sees each comes from the close-out step table (`domain::closeout::actor` through
//! `may_take`), the same table that lets them take the step; the state each step waits for is
//! the indexed filter that mirrors the step's check. Each is a count and one id: nothing reads
//! every contract. Steps are counted where the person takes them (docs/roles.md): the
//! department's staff for the department's tasks, a unit's staff for their unit's, each with the
//! standing they hold there (`office(account, place)`); refunds due by the book that paid.

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
use crate::kit::units::dossiers_of_calls;
use crate::kit::Account;
use crate::list::count_rows;

pub(super) async fn todos(
    db: &impl ConnectionTrait,
    account: &Account,
    now: DateTime<Utc>,
    todos: &mut Vec<Todo>,
) -> Result<(), AppError> {
    let mut places = vec![None];
    for p in [Permission::SuperviseTasks, Permission::DecideSettlements] {
        places.extend(account.units(p).into_iter().map(Some));
    }
    // A unit may come from both grants: each place once.
    places.sort_unstable();
    places.dedup();
    let mut found = Found::default();
    for place in places {
        let office = office(account, place);
        let here = Here(place);
        reports(db, &office, &here, now, &mut found).await?;
        decisions(db, &office, &here, &mut found).await?;
    }
    refunds(db, account, &mut found).await?;
    if !office(account, None).officer && account.units(Permission::SuperviseTasks).is_empty() {
        own_reports(db, account, now, &mut found).await?;
    }
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
    found.ballots = counted(db, ballots, acceptance_member::Column::ContractId).await?;
    found.push(todos);
    Ok(())
}

/// Each kind's count and first id, summed over the places the person works in.
#[derive(Default)]
struct Found {
    overdue: Option<(u64, i32)>,
    review: Option<(u64, i32)>,
    ballots: Option<(u64, i32)>,
    closeouts: Option<(u64, i32)>,
    amendments: Option<(u64, i32)>,
    refunds: Option<(u64, i32)>,
}

fn add(into: &mut Option<(u64, i32)>, more: Option<(u64, i32)>) {
    *into = match (*into, more) {
        (Some((c, f)), Some((d, g))) => Some((c + d, Ord::min(f, g))),
        (a, b) => a.or(b),
    };
}

impl Found {
    fn push(self, todos: &mut Vec<Todo>) {
        let mut put = |found: Option<(u64, i32)>, todo: fn(u64, i32) -> Todo| {
            if let Some((count, first)) = found {
                todos.push(todo(count, first));
            }
        };
        put(self.overdue, |count, first| Todo::OverdueReports {
            count,
            first,
        });
        put(self.review, |count, first| Todo::ReviewReports {
            count,
            first,
        });
        put(self.ballots, |count, first| Todo::CastBallots {
            count,
            first,
        });
        put(self.closeouts, |count, first| Todo::DecideCloseouts {
            count,
            first,
        });
        put(self.amendments, |count, first| Todo::DecideAmendments {
            count,
            first,
        });
        put(self.refunds, |count, first| Todo::RecordRefunds {
            count,
            first,
        });
    }
}

/// Where steps are counted: the department's tasks (none) or one unit's.
struct Here(Option<i32>);

impl Here {
    /// A condition on a column holding a contract's id: the contract's task is managed here.
    fn contracts(&self, contract_id: impl ColumnTrait) -> sea_orm::sea_query::SimpleExpr {
        use crate::db::entities::call;
        let unit = match self.0 {
            None => call::Column::ManagingUnitId.is_null(),
            Some(u) => call::Column::ManagingUnitId.eq(u),
        };
        contract_id.in_subquery(
            Query::select()
                .column(contract::Column::Id)
                .from(contract::Entity)
                .and_where(contract::Column::ApplicationId.in_subquery(dossiers_of_calls(unit)))
                .to_owned(),
        )
    }
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

fn overdue(now: DateTime<Utc>) -> Select<contract::Entity> {
    contract::Entity::find()
        .filter(contract::Column::Status.eq(domain::contract::ContractStatus::Active.code()))
        .filter(contract::Column::NextReportDueAt.lt(now))
}

/// Overdue reports and reports to review, for the officers of the place.
async fn reports(
    db: &impl ConnectionTrait,
    office: &Standing,
    here: &Here,
    now: DateTime<Utc>,
    found: &mut Found,
) -> Result<(), AppError> {
    if !office.officer {
        return Ok(());
    }
    let late = overdue(now).filter(here.contracts(contract::Column::Id));
    add(
        &mut found.overdue,
        counted(db, late, contract::Column::Id).await?,
    );
    let waiting = progress_report::Entity::find()
        .filter(
            progress_report::Column::Status.eq(domain::execution::ReportStatus::Submitted.code()),
        )
        .filter(here.contracts(progress_report::Column::ContractId));
    add(
        &mut found.review,
        counted(db, waiting, progress_report::Column::ContractId).await?,
    );
    Ok(())
}

/// The leader files a task's reports: the overdue ones of the tasks whose dossier they wrote.
async fn own_reports(
    db: &impl ConnectionTrait,
    account: &Account,
    now: DateTime<Utc>,
    found: &mut Found,
) -> Result<(), AppError> {
    if !account.may(Permission::SubmitApplications, Scope::Global) {
        return Ok(());
    }
    let mine = overdue(now).filter(
        contract::Column::ApplicationId.in_subquery(
            Query::select()
                .column(application::Column::Id)
                .from(application::Entity)
                .and_where(application::Column::ApplicantId.eq(account.user_id))
                .to_owned(),
        ),
    );
    add(
        &mut found.overdue,
        counted(db, mine, contract::Column::Id).await?,
    );
    Ok(())
}

/// Refunds due come back into the book that paid (docs/ledger.md, "Books"): the fund's
/// accountant counts the fund's book's, a managing unit's accountant the unit's own.
async fn refunds(
    db: &impl ConnectionTrait,
    account: &Account,
    found: &mut Found,
) -> Result<(), AppError> {
    let Some(books) = crate::kit::books::in_kept_books(
        account,
        Permission::RecordFundReceipts,
        fund_account::Column::UnitId,
    ) else {
        return Ok(());
    };
    let due = fund_account::Entity::find()
        .filter(fund_account::Column::Kind.eq("refund"))
        .filter(books)
        .filter(
            Expr::col(fund_account::Column::CreditsPosted)
                .gt(Expr::col(fund_account::Column::DebitsPosted)),
        );
    add(
        &mut found.refunds,
        counted(db, due, fund_account::Column::ContractId).await?,
    );
    Ok(())
}

/// Close-out decisions and amendments, for whom the step table names.
async fn decisions(
    db: &impl ConnectionTrait,
    office: &Standing,
    here: &Here,
    found: &mut Found,
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
        let waiting = closeout::Entity::find()
            .filter(waiting)
            .filter(here.contracts(closeout::Column::ContractId));
        add(
            &mut found.closeouts,
            counted(db, waiting, closeout::Column::ContractId).await?,
        );
    }
    let pending = amendment::Entity::find()
        .filter(amendment::Column::Status.eq(domain::amendment::Status::Pending.code()))
        .filter(here.contracts(amendment::Column::ContractId));
    let decidable = if may_decide_amendment(office, domain::amendment::Size::Large) {
        Some(pending)
    } else if may_decide_amendment(office, domain::amendment::Size::Small) {
        Some(pending.filter(amendment::Column::Size.eq(domain::amendment::Size::Small.code())))
    } else {
        None
    };
    if let Some(select) = decidable {
        add(
            &mut found.amendments,
            counted(db, select, amendment::Column::ContractId).await?,
        );
    }
    Ok(())
}
