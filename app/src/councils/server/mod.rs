//! The server side of review councils: finding a council, its state and rulebook, who sits on it and where conflicts stand.

use super::api::*;
use crate::db::entities::{
    application, call, conflict, council, council_application, council_member, rulebook,
    score_sheet, user,
};
use crate::db::json::Json;
use crate::db::state;
use crate::error::AppError;
use crate::error::Problem;
use crate::kit::units::{manages_call, oversees_call, Reach};
use crate::kit::{audit, now, require_user, Account};
use chrono::{DateTime, Utc};
use domain::application::ApplicationForm;
use domain::council::{
    check_composition, detect_conflicts, not_accepted, CouncilAction, Dossier, Person,
};
use domain::council::{ConflictReason, CouncilRole, Invitation};
use domain::issue::FormProblem;
use domain::lifecycle::ApplicationState;
use domain::roles::Permission;
use domain::rulebook::Rulebook;
use domain::scoring::{aggregate, check_sheet, rank, Sheet};
use domain::scoring::{Outcome, Ranked, ScoreProblem, SheetEntry};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

pub mod conflicts;
pub mod formation;
pub mod meeting;
pub mod results;
pub mod sheets;
pub(crate) mod todo;

/// Most dossiers and members read for one council: far above any real one.
const LIMIT: u64 = 500;
const MAX_NOTE_CHARS: usize = 2_000;
const MAX_REVIEW_CHARS: usize = 20_000;

fn status_of(c: &council::Model) -> Result<CouncilStatus, AppError> {
    CouncilStatus::from_code(&c.status).ok_or(AppError::Internal)
}

/// Refuses what the council's state does not allow, with the domain's reason.
fn allow(c: &council::Model, action: CouncilAction) -> Result<CouncilStatus, AppError> {
    status_of(c)?
        .after(action)
        .map_err(|e| AppError::invalid("status", Problem::Council(e)))
}

fn invitation_of(m: &council_member::Model) -> Result<Invitation, AppError> {
    Invitation::from_code(&m.invitation).ok_or(AppError::Internal)
}

async fn rulebook_of(db: &impl ConnectionTrait, c: &council::Model) -> Result<Rulebook, AppError> {
    let row = rulebook::Entity::find_by_id(c.rulebook_version)
        .one(db)
        .await?
        .ok_or(AppError::Internal)?;
    Ok(row.content.0)
}

async fn find(db: &impl ConnectionTrait, id: i32) -> Result<council::Model, AppError> {
    council::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

async fn seat(
    db: &impl ConnectionTrait,
    council_id: i32,
    user_id: i32,
) -> Result<Option<council_member::Model>, AppError> {
    Ok(council_member::Entity::find()
        .filter(council_member::Column::CouncilId.eq(council_id))
        .filter(council_member::Column::UserId.eq(user_id))
        .one(db)
        .await?)
}

/// The council for an officer who runs it (the department's for its calls, a unit's for the
/// unit's); `Forbidden` for anyone else.
async fn managed(
    db: &impl ConnectionTrait,
    me: &Account,
    id: i32,
) -> Result<council::Model, AppError> {
    let c = find(db, id).await?;
    manages_call(db, me, Permission::ManageCouncils, c.call_id).await?;
    Ok(c)
}

/// Whether the person follows the council as its call's officers do (the department sees
/// every unit's councils).
async fn oversees(
    db: &impl ConnectionTrait,
    me: &Account,
    c: &council::Model,
) -> Result<bool, AppError> {
    oversees_call(db, me, Permission::ManageCouncils, c.call_id).await
}

/// The caller's seat on the council, and the council; 404 for those not on it.
async fn seated(
    db: &impl ConnectionTrait,
    me: &Account,
    id: i32,
) -> Result<(council::Model, council_member::Model), AppError> {
    let c = find(db, id).await?;
    let s = seat(db, id, me.user_id).await?.ok_or(AppError::NotFound)?;
    Ok((c, s))
}

fn role_of(m: &council_member::Model) -> Result<CouncilRole, AppError> {
    CouncilRole::from_code(&m.role).ok_or(AppError::Internal)
}

async fn dossier_ids(db: &impl ConnectionTrait, council_id: i32) -> Result<Vec<i32>, AppError> {
    Ok(council_application::Entity::find()
        .select_only()
        .column(council_application::Column::ApplicationId)
        .filter(council_application::Column::CouncilId.eq(council_id))
        .limit(LIMIT)
        .into_tuple()
        .all(db)
        .await?)
}

/// Whether `user_id` may not score `application_id`: a flag not dismissed, or a confirmed
/// conflict.
async fn conflicted(
    db: &impl ConnectionTrait,
    council_id: i32,
    application_id: i32,
    user_id: i32,
) -> Result<bool, AppError> {
    Ok(conflict::Entity::find()
        .filter(conflict::Column::CouncilId.eq(council_id))
        .filter(conflict::Column::ApplicationId.eq(application_id))
        .filter(conflict::Column::UserId.eq(user_id))
        .filter(conflict::Column::Status.ne("dismissed"))
        .one(db)
        .await?
        .is_some())
}

/// Every (dossier, member) pair a conflict keeps apart: flagged or confirmed, not dismissed.
async fn conflicted_pairs(
    db: &impl ConnectionTrait,
    council_id: i32,
) -> Result<Vec<(i32, i32)>, AppError> {
    Ok(conflict::Entity::find()
        .select_only()
        .columns([conflict::Column::ApplicationId, conflict::Column::UserId])
        .filter(conflict::Column::CouncilId.eq(council_id))
        .filter(conflict::Column::Status.ne("dismissed"))
        .limit(LIMIT * 25)
        .into_tuple()
        .all(db)
        .await?)
}

/// The submitted sheets that count towards a dossier, as `(dossier, sheet)`: a member
/// conflicted on the dossier is left out of it whatever they did.
async fn counted_sheets(
    db: &impl ConnectionTrait,
    council_id: i32,
    conflicted: &[(i32, i32)],
) -> Result<Vec<(i32, Sheet)>, AppError> {
    score_sheet::Entity::find()
        .filter(score_sheet::Column::CouncilId.eq(council_id))
        .filter(score_sheet::Column::SubmittedAt.is_not_null())
        .order_by_asc(score_sheet::Column::Id)
        .limit(LIMIT * 25)
        .all(db)
        .await?
        .into_iter()
        .filter(|s| !conflicted.contains(&(s.application_id, s.user_id)))
        .map(|s| {
            let entry: SheetEntry = s.entry.0.clone();
            Ok((
                s.application_id,
                Sheet {
                    member: s.user_id.into(),
                    scores: entry.scores.iter().map(|x| x.unwrap_or(0)).collect(),
                },
            ))
        })
        .collect()
}

/// Each existing sheet's progress (no scores), in one query.
async fn progress_of(
    db: &impl ConnectionTrait,
    council_id: i32,
) -> Result<Vec<SheetProgress>, AppError> {
    let rows: Vec<(i32, i32, Option<DateTime<Utc>>, bool)> = score_sheet::Entity::find()
        .select_only()
        .columns([
            score_sheet::Column::ApplicationId,
            score_sheet::Column::UserId,
            score_sheet::Column::SubmittedAt,
            score_sheet::Column::FromPaper,
        ])
        .filter(score_sheet::Column::CouncilId.eq(council_id))
        .order_by_asc(score_sheet::Column::Id)
        .limit(LIMIT * 25)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(a, u, submitted, paper)| SheetProgress {
            application_id: a,
            user_id: u,
            certified: true,
            submitted: submitted.is_some(),
            from_paper: paper,
        })
        .collect())
}

/// A council's official figures: every dossier's outcome over the sheets that count, and
/// the ranking, as the rulebook it pinned computes them.
struct Scored {
    rb: Rulebook,
    pairs: Vec<(i32, i32)>,
    sheets: Vec<(i32, Sheet)>,
    outcomes: Vec<(i64, Outcome)>,
    ranking: Vec<Ranked>,
}

async fn scored(db: &impl ConnectionTrait, c: &council::Model) -> Result<Scored, AppError> {
    let rb = rulebook_of(db, c).await?;
    let pairs = conflicted_pairs(db, c.id).await?;
    let sheets = counted_sheets(db, c.id, &pairs).await?;
    let outcomes: Vec<(i64, Outcome)> = dossier_ids(db, c.id)
        .await?
        .into_iter()
        .map(|d| {
            let mine: Vec<Sheet> = sheets
                .iter()
                .filter(|(a, _)| *a == d)
                .map(|(_, sheet)| sheet.clone())
                .collect();
            (i64::from(d), aggregate(&rb.scoring, &mine))
        })
        .collect();
    let ranking = rank(&rb.scoring, &outcomes);
    Ok(Scored {
        rb,
        pairs,
        sheets,
        outcomes,
        ranking,
    })
}

/// Whether the dossier passed the council it was before, once that council closed scoring
/// (`None`: no closed council yet).
pub(crate) async fn passed(
    db: &impl ConnectionTrait,
    application_id: i32,
) -> Result<Option<bool>, AppError> {
    let Some(link) = council_application::Entity::find()
        .filter(council_application::Column::ApplicationId.eq(application_id))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let c = find(db, link.council_id).await?;
    if status_of(&c)? != CouncilStatus::Closed {
        return Ok(None);
    }
    let scored = scored(db, &c).await?;
    Ok(scored
        .outcomes
        .iter()
        .find(|(a, _)| *a == i64::from(application_id))
        .map(|(_, o)| o.passed))
}
