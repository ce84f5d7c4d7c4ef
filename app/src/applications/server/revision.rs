//! Revising a dossier to the selection council's conclusions before appraisal (hoàn thiện hồ
//! sơ, `domain::revision`): the officer records the council's requests on a dossier a closed
//! council passed; its researcher edits the thuyết minh (saved as drafts are) and sends the
//! revision, kept as a new version beside the one the council reviewed.

use super::*;
use crate::db::entities::{application_revision, task_approval};
use domain::revision::{Revision, RevisionProblem};

/// The dossier's revision row and where it stands.
pub(super) async fn revision_of(
    db: &impl ConnectionTrait,
    application_id: i32,
) -> Result<(Option<application_revision::Model>, Revision), AppError> {
    let row = application_revision::Entity::find_by_id(application_id)
        .one(db)
        .await?;
    let state = Revision::of(
        row.is_some(),
        row.as_ref().is_some_and(|r| r.revised_at.is_some()),
    );
    Ok((row, state))
}

fn refused(p: RevisionProblem) -> AppError {
    AppError::invalid("status", Problem::Revision(p))
}

pub async fn request(application_id: i32, requests: String) -> Result<(), AppError> {
    let me = crate::kit::require_user()?;
    let db = &state()?.db;
    let now = now()?;
    manages_dossier(db, &me, Permission::ManageCouncils, application_id).await?;
    let requests = crate::kit::text("requests", &requests, true, crate::kit::Bound::Account)?;
    crate::kit::access::not_own_case(db, &me, application_id).await?;
    if crate::councils::server::passed(db, application_id).await? != Some(true) {
        return Err(AppError::invalid("application_id", Problem::NotRecommended));
    }
    let a = application::Entity::find_by_id(application_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let appraised = task_approval::Entity::find_by_id(application_id)
        .one(db)
        .await?
        .is_some();
    let (_, state) = revision_of(db, application_id).await?;
    if !state.may_request(appraised) {
        return Err(refused(RevisionProblem::AlreadyRequested));
    }
    let txn = crate::db::begin(db).await?;
    // The primary key settles two officers at once: the second is told it is recorded.
    let inserted = application_revision::ActiveModel {
        application_id: Set(application_id),
        requests: Set(requests.clone()),
        requested_by: Set(me.user_id),
        requested_at: Set(now),
        version_before: Set(a.version),
        revised_at: Set(None),
    }
    .insert(&txn)
    .await;
    if let Err(e) = inserted {
        return Err(match e.sql_err() {
            Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => {
                refused(RevisionProblem::AlreadyRequested)
            }
            _ => e.into(),
        });
    }
    let subject = ("application", application_id.into());
    let detail = serde_json::json!({ "requests": requests, "version": a.version });
    audit(
        &txn,
        now,
        Some(me.user_id),
        "revision_requested",
        subject,
        detail,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Whether the owner may save the form of a dossier past its checks: a revision is awaited.
pub(super) async fn revising(
    db: &impl ConnectionTrait,
    a: &application::Model,
) -> Result<bool, AppError> {
    Ok(state_of(a)? == ApplicationState::Valid && revision_of(db, a.id).await?.1.open())
}

pub async fn submit(id: i32) -> Result<i32, AppError> {
    let me = require(Permission::SubmitApplications, Scope::Global)?;
    let db = &state()?.db;
    let now = now()?;
    let txn = crate::db::begin(db).await?;
    let (a, c) = own(&txn, &me, id).await?;
    if !revising(&txn, &a).await? {
        return Err(refused(RevisionProblem::NotRequested));
    }
    let rb = rulebook_of(&txn, &c).await?;
    if let Some(first) = check(&form_of(&a)?, &rb).into_iter().next() {
        return Err(AppError::invalid(&first.path, Problem::Form(first.problem)));
    }
    let cv = cv_of(&txn, a.applicant_id).await?.map(|(cv, _)| cv);
    let version = a.version + 1;
    // Guarded on the version read: a second sending finds the row moved on.
    let done = application::Entity::update_many()
        .col_expr(application::Column::Version, Expr::value(version))
        .col_expr(application::Column::UpdatedAt, Expr::value(now))
        .filter(application::Column::Id.eq(id))
        .filter(application::Column::Version.eq(a.version))
        .exec(&txn)
        .await?;
    let marked = application_revision::Entity::update_many()
        .col_expr(application_revision::Column::RevisedAt, Expr::value(now))
        .filter(application_revision::Column::ApplicationId.eq(id))
        .filter(application_revision::Column::RevisedAt.is_null())
        .exec(&txn)
        .await?;
    if done.rows_affected != 1 || marked.rows_affected != 1 {
        return Err(refused(RevisionProblem::NotRequested));
    }
    super::submission::snapshot(&txn, &a, version, now, &cv.unwrap_or_default()).await?;
    let detail = serde_json::json!({ "version": version });
    audit(
        &txn,
        now,
        Some(me.user_id),
        "revision_sent",
        ("application", id.into()),
        detail,
    )
    .await?;
    txn.commit().await?;
    Ok(version)
}

/// The requests and the revision for the dossier's page, and whether the reader may record the
/// council's requests now.
pub(super) async fn view(
    db: &impl ConnectionTrait,
    me: &crate::kit::Account,
    a: &application::Model,
    unit: Option<i32>,
) -> Result<(Option<RevisionView>, bool), AppError> {
    let (row, state) = revision_of(db, a.id).await?;
    let may_request = state == Revision::None
        && me.manages(Permission::ManageCouncils, unit)
        && crate::councils::server::passed(db, a.id).await? == Some(true)
        && task_approval::Entity::find_by_id(a.id)
            .one(db)
            .await?
            .is_none();
    let view = row.map(|r| RevisionView {
        requests: r.requests,
        requested_at: r.requested_at,
        version_before: r.version_before,
        revised_at: r.revised_at,
        state,
    });
    Ok((view, may_request))
}
