//! To-dos before a task is funded: the account, organisations and roles, dossiers to correct,
//! confirm or check, tasks to approve, payments to approve.

use crate::kit::units::{managed_calls, managed_dossiers};
use chrono::{DateTime, Utc};
use domain::lifecycle::ApplicationState;
use domain::roles::{Permission, Scope};
use sea_orm::sea_query::Query;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter};

use crate::db::entities::{application, organisation, payment, role_grant, task_approval, user};
use crate::error::AppError;
use crate::home::api::Todo;
use crate::kit::Account;
use crate::list::count_rows;

pub(super) async fn todos(
    db: &impl ConnectionTrait,
    account: &Account,
    now: DateTime<Utc>,
    todos: &mut Vec<Todo>,
) -> Result<(), AppError> {
    administration(db, account, todos).await?;
    if account.may(Permission::SubmitApplications, Scope::Global) {
        researcher(db, account, now, todos).await?;
    }
    let hosted = crate::kit::access::host_organisations(account);
    if !hosted.is_empty() {
        let waiting = application::Entity::find()
            .filter(application::Column::OrganisationId.is_in(hosted))
            .filter(
                application::Column::Status.eq(ApplicationState::AwaitingHostConfirmation.code()),
            );
        let count = count_rows(db, waiting).await?;
        if count > 0 {
            todos.push(Todo::ConfirmApplications { count });
        }
    }
    department(db, account, todos).await
}

/// The first organisation, and accounts nobody has given a role.
async fn administration(
    db: &impl ConnectionTrait,
    account: &Account,
    todos: &mut Vec<Todo>,
) -> Result<(), AppError> {
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
    Ok(())
}

/// The researcher's returned dossiers and an incomplete CV.
async fn researcher(
    db: &impl ConnectionTrait,
    account: &Account,
    now: DateTime<Utc>,
    todos: &mut Vec<Todo>,
) -> Result<(), AppError> {
    let returned = application::Entity::find()
        .filter(application::Column::ApplicantId.eq(account.user_id))
        .filter(application::Column::Status.eq(ApplicationState::RETURNED_CODE));
    let count = count_rows(db, returned).await?;
    if count > 0 {
        todos.push(Todo::CorrectReturnedApplications { count });
    }
    let cv = crate::cv::api::server::cv_of(db, account.user_id).await?;
    let year = domain::format::year_in_vietnam(now);
    if !cv.is_some_and(|(cv, _)| domain::cv::check(&cv, year).is_empty()) {
        todos.push(Todo::CompleteCv);
    }
    Ok(())
}

/// Dossiers to check, payments to approve.
async fn department(
    db: &impl ConnectionTrait,
    account: &Account,
    todos: &mut Vec<Todo>,
) -> Result<(), AppError> {
    // The dossiers of the calls this person runs: the department's, or their unit's.
    let runs = managed_calls(
        account,
        Permission::CheckApplications,
        application::Column::CallId,
    );
    if let Some(runs) = runs {
        let waiting = application::Entity::find()
            .filter(application::Column::Status.eq(ApplicationState::Submitted.code()))
            .filter(runs);
        let count = count_rows(db, waiting).await?;
        if count > 0 {
            todos.push(Todo::CheckSubmittedApplications { count });
        }
    }
    if let Some(books) = crate::kit::books::kept_books(account, Permission::ApprovePayments) {
        // Those of the books they keep (the fund's, their unit's); those they prepared
        // themselves are for someone else to approve.
        let waiting = payment::Entity::find()
            .filter(payment::Column::Status.eq(domain::contract::PaymentStatus::Pending.code()))
            .filter(payment::Column::PreparedBy.ne(account.user_id))
            .filter(books(payment::Column::ContractId));
        let count = count_rows(db, waiting).await?;
        if count > 0 {
            todos.push(Todo::ApprovePayments { count });
        }
    }
    Ok(())
}

/// Appraised tasks waiting for the leader's approval (listed after the funded tasks' to-dos).
pub(super) async fn approvals(
    db: &impl ConnectionTrait,
    account: &Account,
    todos: &mut Vec<Todo>,
) -> Result<(), AppError> {
    let runs = managed_dossiers(
        account,
        Permission::ApproveTasks,
        task_approval::Column::ApplicationId,
    );
    if let Some(runs) = runs {
        let waiting = task_approval::Entity::find()
            .filter(task_approval::Column::Decision.is_null())
            .filter(runs);
        let count = count_rows(db, waiting).await?;
        if count > 0 {
            todos.push(Todo::ApproveTasks { count });
        }
    }
    Ok(())
}
