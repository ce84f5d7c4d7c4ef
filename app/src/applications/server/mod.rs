//! The server side of applications: reading a dossier's state, form and rulebook, who may read or edit it.

use super::api::*;
use crate::cv::api::server::{cv_of, year_in_vietnam};
use crate::db::entities::{
    application, application_decision, application_member, application_version, call, rulebook,
};
use crate::db::state;
use crate::error::AppError;
use crate::error::Problem;
use crate::kit::{audit, now, require, Account};
use crate::list::page_and_offset;
use crate::list::Page;
use chrono::Datelike;
use chrono::{DateTime, Utc};
use domain::application::{budget_totals, check, team_labour_dong, FormProblem};
use domain::application::{ApplicationForm, Issue};
use domain::attachment::{diff_files, AttachedFile};
use domain::lifecycle::ApplicationState;
use domain::lifecycle::{apply, receipt_code, ApplicationEvent, CallWindow};
use domain::roles::{Permission, Scope};
use domain::rulebook::Rulebook;
use domain::text::{exact_key, fold};
use sea_orm::sea_query::{Expr, Func};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set, TransactionTrait,
};
use std::sync::Arc;

pub mod decisions;
pub mod drafts;
pub mod lists;
pub mod submission;
pub mod view;

use crate::kit::internal;

fn state_of(row: &application::Model) -> Result<ApplicationState, AppError> {
    ApplicationState::from_parts(&row.status, row.correction_deadline).ok_or_else(|| {
        tracing::error!(application = row.id, status = %row.status, "unknown application status");
        AppError::Internal
    })
}

fn form_of(row: &application::Model) -> Result<ApplicationForm, AppError> {
    serde_json::from_str(&row.form).map_err(internal)
}

async fn rulebook_of(db: &impl ConnectionTrait, c: &call::Model) -> Result<Rulebook, AppError> {
    let version = c.rulebook_version.ok_or(AppError::NotFound)?;
    let row = rulebook::Entity::find_by_id(version)
        .one(db)
        .await?
        .ok_or(AppError::Internal)?;
    serde_json::from_str(&row.content).map_err(internal)
}

fn window(c: &call::Model) -> CallWindow {
    CallWindow {
        opens_at: c.opens_at,
        closes_at: c.closes_at,
    }
}

fn transition(e: domain::lifecycle::TransitionError) -> AppError {
    AppError::invalid("status", Problem::Transition(e))
}

/// The state of a dossier its owner may still change (a draft, or one returned for
/// correction); any other state refuses `event`.
pub(crate) fn editable(a: &application::Model, event: &str) -> Result<ApplicationState, AppError> {
    let st = state_of(a)?;
    if matches!(
        st,
        ApplicationState::Draft | ApplicationState::ReturnedForCorrection { .. }
    ) {
        Ok(st)
    } else {
        Err(transition(domain::lifecycle::TransitionError::NotAllowed {
            from: st.code().into(),
            event: event.into(),
        }))
    }
}

/// Whoever may read a dossier: its owner; officers once the department has received it;
/// its host organisation once it has been submitted. Anyone else gets 404, as if it did
/// not exist.
pub(crate) async fn readable(
    db: &impl ConnectionTrait,
    me: &Account,
    a: &application::Model,
) -> Result<(), AppError> {
    let st = state_of(a)?;
    let officer = me.may(Permission::CheckApplications, Scope::Global)
        && st.seen_by_department()
        && a.received_at.is_some();
    if a.applicant_id == me.user_id || officer || host_of(me, a) && st != ApplicationState::Draft {
        return Ok(());
    }
    // A team member named with their account's e-mail reads it too.
    let member = application_member::Entity::find_by_id((a.id, me.user_id))
        .one(db)
        .await?;
    member.map(|_| ()).ok_or(AppError::NotFound)
}

/// Replaces the dossier's member list with the team's e-mails that belong to active
/// accounts (the author excepted).
async fn sync_members(
    db: &impl ConnectionTrait,
    a: &application::Model,
    form: &ApplicationForm,
) -> Result<(), AppError> {
    use crate::db::entities::user;
    application_member::Entity::delete_many()
        .filter(application_member::Column::ApplicationId.eq(a.id))
        .exec(db)
        .await?;
    let mut emails: Vec<String> = form
        .team
        .iter()
        .filter_map(|m| domain::account::Email::parse(&m.email).ok())
        .map(|e| e.into_string())
        .collect();
    emails.sort();
    emails.dedup();
    if emails.is_empty() {
        return Ok(());
    }
    let ids: Vec<i32> = user::Entity::find()
        .select_only()
        .column(user::Column::Id)
        .filter(user::Column::Email.is_in(emails))
        .filter(user::Column::Active.eq(true))
        .filter(user::Column::Id.ne(a.applicant_id))
        .into_tuple()
        .all(db)
        .await?;
    if ids.is_empty() {
        return Ok(());
    }
    application_member::Entity::insert_many(ids.into_iter().map(|user_id| {
        application_member::ActiveModel {
            application_id: Set(a.id),
            user_id: Set(user_id),
        }
    }))
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// The caller speaks for the dossier's host organisation.
fn host_of(me: &Account, a: &application::Model) -> bool {
    a.organisation_id.is_some_and(|org| {
        me.may(
            Permission::ConfirmApplications,
            Scope::Organisation(org.into()),
        )
    })
}

/// The caller's own application, or 404 (someone else's looks the same as none).
pub(crate) async fn own(
    db: &impl ConnectionTrait,
    account: &Account,
    id: i32,
) -> Result<(application::Model, call::Model), AppError> {
    let (a, c) = application::Entity::find_by_id(id)
        .find_also_related(call::Entity)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    if a.applicant_id != account.user_id {
        return Err(AppError::NotFound);
    }
    Ok((a, c.ok_or(AppError::NotFound)?))
}

/// The CV frozen with the latest submitted version, if any.
async fn submitted_cv(
    db: &impl ConnectionTrait,
    a: &application::Model,
) -> Result<Option<domain::cv::ScientificCv>, AppError> {
    let cv: Option<Option<String>> = application_version::Entity::find()
        .select_only()
        .column(application_version::Column::Cv)
        .filter(application_version::Column::ApplicationId.eq(a.id))
        .order_by_desc(application_version::Column::Version)
        .into_tuple()
        .one(db)
        .await?;
    cv.flatten()
        .map(|s| serde_json::from_str(&s).map_err(internal))
        .transpose()
}

async fn set_state(
    db: &impl ConnectionTrait,
    a: &application::Model,
    from: ApplicationState,
    to: ApplicationState,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let deadline = match to {
        ApplicationState::ReturnedForCorrection { deadline } => Some(deadline),
        _ => None,
    };
    let done = application::Entity::update_many()
        .col_expr(application::Column::Status, Expr::value(to.code()))
        .col_expr(
            application::Column::CorrectionDeadline,
            Expr::value(deadline),
        )
        .col_expr(application::Column::UpdatedAt, Expr::value(now))
        .col_expr(
            application::Column::ReceivedAt,
            Expr::value(to.received_at(a.received_at, now)),
        )
        .filter(application::Column::Id.eq(a.id))
        .filter(application::Column::Status.eq(from.code()))
        .exec(db)
        .await?;
    if done.rows_affected != 1 {
        return Err(transition(domain::lifecycle::TransitionError::NotAllowed {
            from: from.code().into(),
            event: "change".into(),
        }));
    }
    Ok(())
}

/// The organisations the caller confirms dossiers for.
pub(crate) fn host_organisations(me: &Account) -> Vec<i32> {
    domain::roles::hosted_organisations(&me.grants)
        .into_iter()
        .filter_map(|id| i32::try_from(id).ok())
        .collect()
}
