//! The server side of applications: reading a dossier's state, form and rulebook, who may read or edit it.

use super::api::*;
use crate::cv::api::server::cv_of;
use crate::db::entities::{
    application, application_decision, application_member, application_version, call, rulebook,
};
use crate::db::json::Json;
use crate::db::state;
use crate::error::AppError;
use crate::error::Problem;
use crate::kit::{audit, now, require, Account};
use crate::list::page_and_offset;
use crate::list::Page;
use chrono::{DateTime, Utc};
use domain::application::ApplicationForm;
use domain::application::{budget_totals, check, team_labour_dong};
use domain::attachment::diff_files;
use domain::format::year_in_vietnam;
use domain::issue::FormProblem;
use domain::issue::Issue;
use domain::lifecycle::ApplicationState;
use domain::lifecycle::{apply, receipt_code, ApplicationEvent, CallWindow};
use domain::roles::{Permission, Scope};
use domain::rulebook::Rulebook;
use domain::text::{exact_key, fold};
use sea_orm::sea_query::{Expr, Func};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use std::sync::Arc;

pub mod decisions;
pub mod drafts;
mod eligibility;
pub mod lists;
pub mod revision;
pub mod submission;
pub mod view;

use crate::kit::access::{editable, host_of, host_organisations, own, readable, state_of};
use crate::kit::units::{manages_dossier, Reach};

fn form_of(row: &application::Model) -> Result<ApplicationForm, AppError> {
    Ok(row.form.0.clone())
}

async fn rulebook_of(db: &impl ConnectionTrait, c: &call::Model) -> Result<Rulebook, AppError> {
    let version = c.rulebook_version.ok_or(AppError::NotFound)?;
    let row = rulebook::Entity::find_by_id(version)
        .one(db)
        .await?
        .ok_or(AppError::Internal)?;
    Ok(row.content.0.clone())
}

/// The ordered task a call was made from, as the identification council worded it (or as
/// proposed, when it kept the proposer's words): a dossier keeps it or says where it departs
/// (`domain::proposal::order_issue`).
async fn ordered_wording(
    db: &impl ConnectionTrait,
    call_id: i32,
) -> Result<Option<domain::proposal::Wording>, AppError> {
    use crate::db::entities::proposal;
    let row = proposal::Entity::find()
        .filter(proposal::Column::CallId.eq(call_id))
        .one(db)
        .await?;
    Ok(row.map(|p| match p.recommendation {
        Some(r) => r.0.wording,
        None => p.form.0.wording,
    }))
}

/// A direct assignment is answered by its designated host organisation's researchers only
/// (`domain::call::may_answer`); anyone else is told so, by name.
fn designated_host(c: &call::Model, organisation: Option<i32>) -> Result<(), AppError> {
    let formation = domain::call::Formation::from_code(&c.formation).ok_or(AppError::Internal)?;
    let designated = c.designated_organisation_id.map(i64::from);
    if domain::call::may_answer(formation, designated, organisation.map(i64::from)) {
        Ok(())
    } else {
        Err(AppError::invalid("call_id", Problem::NotDesignatedHost))
    }
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

/// The CV frozen with the latest submitted version, if any.
async fn submitted_cv(
    db: &impl ConnectionTrait,
    a: &application::Model,
) -> Result<Option<domain::cv::ScientificCv>, AppError> {
    let cv: Option<Option<Json<domain::cv::ScientificCv>>> = application_version::Entity::find()
        .select_only()
        .column(application_version::Column::Cv)
        .filter(application_version::Column::ApplicationId.eq(a.id))
        .order_by_desc(application_version::Column::Version)
        .into_tuple()
        .one(db)
        .await?;
    Ok(cv.flatten().map(Json::into_inner))
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
