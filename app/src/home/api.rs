//! The home pages: the person's to-do list and the open calls.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use server_fn::codec::Json;

use crate::error::AppError;
use crate::list::Page;

/// One thing the person should do, with where to do it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Todo {
    /// The account still has the temporary password an administrator gave it.
    ChangeTemporaryPassword,
    /// There is no organisation yet: researchers and hosts cannot be attached to any.
    CreateFirstOrganisation,
    /// Active accounts without any role can do nothing yet.
    AssignRoles { users_without_roles: u64 },
    /// The researcher's dossiers returned for correction and not yet resubmitted.
    CorrectReturnedApplications { count: u64 },
    /// Submitted dossiers waiting for an officer's validity check.
    CheckSubmittedApplications { count: u64 },
    /// A researcher whose scientific CV is missing or incomplete cannot submit.
    CompleteCv,
    /// Dossiers waiting for the host organisation's confirmation.
    ConfirmApplications { count: u64 },
    /// Payments the accountant prepared, waiting for a director.
    ApprovePayments { count: u64 },
    /// Appraised tasks waiting for the leader's approval.
    ApproveTasks { count: u64 },
    /// Running tasks whose progress report is past due (`first`: the oldest contract's id).
    OverdueReports { count: u64, first: i32 },
    /// Progress reports waiting for the officer's review.
    ReviewReports { count: u64, first: i32 },
    /// Acceptance councils waiting for this member's ballot.
    CastBallots { count: u64, first: i32 },
    /// Exemption decisions and settlements waiting for the leader.
    DecideCloseouts { count: u64, first: i32 },
    /// Refunds due from hosts after settlement.
    RecordRefunds { count: u64, first: i32 },
    /// Contract amendments this person may approve.
    DecideAmendments { count: u64, first: i32 },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OpenCall {
    pub id: i32,
    pub code: String,
    pub title: String,
    pub summary: String,
    pub level: String,
    pub opens_at: DateTime<Utc>,
    pub closes_at: DateTime<Utc>,
    pub budget_dong: i64,
}

/// Open calls per page on the public home page.
pub const CALLS_PER_PAGE: u64 = 10;

#[server(prefix = "/api", endpoint = "home/todos", input = Json)]
pub async fn my_todos() -> Result<Vec<Todo>, AppError> {
    crate::error::finish(server::my_todos().await)
}

/// Published calls open right now (by server time), soonest deadline first. Public.
#[server(prefix = "/api", endpoint = "public/open_calls", input = Json)]
pub async fn open_calls(page: u64) -> Result<Page<OpenCall>, AppError> {
    crate::error::finish(server::open_calls(page).await)
}

#[cfg(feature = "ssr")]
mod server {
    use super::*;
    use crate::db::entities::{application, call, organisation, role_grant, user};
    use crate::db::state;
    use crate::kit::{now, require_user};
    use crate::list::count_rows;
    use domain::lifecycle::ApplicationState;
    use domain::roles::{Permission, Scope};
    use sea_orm::sea_query::Query;
    use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};

    #[expect(
        clippy::too_many_lines,
        reason = "one transaction's steps in order; to be cut into helpers (issue 11)"
    )]
    pub async fn my_todos() -> Result<Vec<Todo>, AppError> {
        let account = require_user()?;
        let db = &state()?.db;
        let now = now()?;
        let mut todos = Vec::new();
        if account.must_change_password {
            todos.push(Todo::ChangeTemporaryPassword);
        }
        if account.may(Permission::ManageOrganisations, Scope::Global)
            && organisation::Entity::find().count(db).await? == 0
        {
            todos.push(Todo::CreateFirstOrganisation);
        }
        if account.may(Permission::ManageUsers, Scope::Global) {
            let users_without_roles = user::Entity::find()
                .filter(user::Column::Active.eq(true))
                .filter(
                    user::Column::Id.not_in_subquery(
                        Query::select()
                            .column(role_grant::Column::UserId)
                            .from(role_grant::Entity)
                            .to_owned(),
                    ),
                )
                .count(db)
                .await?;
            if users_without_roles > 0 {
                todos.push(Todo::AssignRoles {
                    users_without_roles,
                });
            }
        }
        if account.may(Permission::SubmitApplications, Scope::Global) {
            let returned = application::Entity::find()
                .filter(application::Column::ApplicantId.eq(account.user_id))
                .filter(application::Column::Status.eq(ApplicationState::RETURNED_CODE));
            let count = count_rows(db, returned).await?;
            if count > 0 {
                todos.push(Todo::CorrectReturnedApplications { count });
            }
            let cv = crate::cv::api::server::cv_of(db, account.user_id).await?;
            let year = crate::cv::api::server::year_in_vietnam(now);
            if !cv.is_some_and(|(cv, _)| domain::cv::check(&cv, year).is_empty()) {
                todos.push(Todo::CompleteCv);
            }
        }
        let hosted = crate::kit::access::host_organisations(&account);
        if !hosted.is_empty() {
            let waiting = application::Entity::find()
                .filter(application::Column::OrganisationId.is_in(hosted))
                .filter(
                    application::Column::Status
                        .eq(ApplicationState::AwaitingHostConfirmation.code()),
                );
            let count = count_rows(db, waiting).await?;
            if count > 0 {
                todos.push(Todo::ConfirmApplications { count });
            }
        }
        if account.may(Permission::CheckApplications, Scope::Global) {
            let waiting = application::Entity::find()
                .filter(application::Column::Status.eq(ApplicationState::Submitted.code()));
            let count = count_rows(db, waiting).await?;
            if count > 0 {
                todos.push(Todo::CheckSubmittedApplications { count });
            }
        }
        if account.may(Permission::ApprovePayments, Scope::Global) {
            // Those the director prepared themselves are for someone else to approve.
            let waiting = crate::db::entities::payment::Entity::find()
                .filter(
                    crate::db::entities::payment::Column::Status
                        .eq(domain::contract::PaymentStatus::Pending.code()),
                )
                .filter(crate::db::entities::payment::Column::PreparedBy.ne(account.user_id));
            let count = count_rows(db, waiting).await?;
            if count > 0 {
                todos.push(Todo::ApprovePayments { count });
            }
        }
        execution_todos(db, &account, now, &mut todos).await?;
        if account.may(Permission::ApproveTasks, Scope::Global) {
            let waiting = crate::db::entities::task_approval::Entity::find()
                .filter(crate::db::entities::task_approval::Column::Decision.is_null());
            let count = count_rows(db, waiting).await?;
            if count > 0 {
                todos.push(Todo::ApproveTasks { count });
            }
        }
        Ok(todos)
    }

    /// How many rows a select of contract ids finds, and the first id.
    async fn counted<E: EntityTrait>(
        db: &impl sea_orm::ConnectionTrait,
        select: sea_orm::Select<E>,
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

    /// Funded tasks' to-dos: overdue reports (officers, and the task's own leader), reports to
    /// review, ballots to cast, the leader's decisions, refunds to record. Each is an indexed
    /// count and one id; nothing reads every contract.
    #[expect(
        clippy::too_many_lines,
        reason = "one transaction's steps in order; to be cut into helpers (issue 11)"
    )]
    async fn execution_todos(
        db: &impl sea_orm::ConnectionTrait,
        account: &crate::auth::server::Account,
        now: chrono::DateTime<chrono::Utc>,
        todos: &mut Vec<Todo>,
    ) -> Result<(), AppError> {
        use crate::db::entities::{
            acceptance_member, amendment, closeout, contract, fund_account, progress_report,
        };
        use sea_orm::sea_query::ExprTrait;
        let overdue = contract::Entity::find()
            .filter(contract::Column::Status.eq(domain::contract::ContractStatus::Active.code()))
            .filter(contract::Column::NextReportDueAt.lt(now));
        if account.may(Permission::SuperviseTasks, Scope::Global) {
            if let Some((count, first)) = counted(db, overdue.clone(), contract::Column::Id).await?
            {
                todos.push(Todo::OverdueReports { count, first });
            }
            let waiting = progress_report::Entity::find().filter(
                progress_report::Column::Status
                    .eq(domain::execution::ReportStatus::Submitted.code()),
            );
            if let Some((count, first)) =
                counted(db, waiting, progress_report::Column::ContractId).await?
            {
                todos.push(Todo::ReviewReports { count, first });
            }
        } else if account.may(Permission::SubmitApplications, Scope::Global) {
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
        if account.may(Permission::DecideSettlements, Scope::Global) {
            let waiting = closeout::Entity::find().filter(
                closeout::Column::DeclaredAt
                    .is_not_null()
                    .and(closeout::Column::SettledAt.is_null())
                    .or(closeout::Column::CauseRecordedAt
                        .is_not_null()
                        .and(closeout::Column::ExemptionGranted.is_null())),
            );
            if let Some((count, first)) = counted(db, waiting, closeout::Column::ContractId).await?
            {
                todos.push(Todo::DecideCloseouts { count, first });
            }
        }
        let pending = amendment::Entity::find()
            .filter(amendment::Column::Status.eq(domain::amendment::Status::Pending.code()));
        let decidable = if account.may(Permission::DecideSettlements, Scope::Global) {
            Some(pending)
        } else if account.may(Permission::SuperviseTasks, Scope::Global) {
            Some(pending.filter(amendment::Column::Size.eq(domain::amendment::Size::Small.code())))
        } else {
            None
        };
        if let Some(select) = decidable {
            if let Some((count, first)) = counted(db, select, amendment::Column::ContractId).await?
            {
                todos.push(Todo::DecideAmendments { count, first });
            }
        }
        if account.may(Permission::RecordFundReceipts, Scope::Global) {
            let due = fund_account::Entity::find()
                .filter(fund_account::Column::Kind.eq("refund"))
                .filter(
                    sea_orm::sea_query::Expr::col(fund_account::Column::CreditsPosted).gt(
                        sea_orm::sea_query::Expr::col(fund_account::Column::DebitsPosted),
                    ),
                );
            if let Some((count, first)) = counted(db, due, fund_account::Column::ContractId).await?
            {
                todos.push(Todo::RecordRefunds { count, first });
            }
        }
        Ok(())
    }

    pub async fn open_calls(page: u64) -> Result<Page<OpenCall>, AppError> {
        let db = &state()?.db;
        let now = now()?;
        let select = call::Entity::find()
            .filter(call::Column::Status.eq("published"))
            .filter(call::Column::OpensAt.lte(now))
            .filter(call::Column::ClosesAt.gt(now));
        let total = crate::list::count_rows(db, select.clone()).await?;
        let (page, offset) = crate::list::page_and_offset(page, CALLS_PER_PAGE);
        let items = select
            .order_by_asc(call::Column::ClosesAt)
            .order_by_asc(call::Column::Id)
            .offset(offset)
            .limit(CALLS_PER_PAGE)
            .all(db)
            .await?
            .into_iter()
            .map(|c| OpenCall {
                id: c.id,
                code: c.code,
                title: c.title,
                summary: c.summary,
                level: c.level,
                opens_at: c.opens_at,
                closes_at: c.closes_at,
                budget_dong: c.budget_dong,
            })
            .collect();
        Ok(Page::new(items, page, CALLS_PER_PAGE, total))
    }
}
