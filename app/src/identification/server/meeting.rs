//! The meeting: who is present, and closing it once every proposal has a quorum and every
//! present voter's ballot is in. The count is read from the sealed ballots from then on.

use domain::council::{quorum, CouncilAction, CouncilState};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

use super::*;
use crate::kit::{audit, now, state};

pub async fn attendance(council_id: i32, user_id: i32, present: bool) -> Result<(), AppError> {
    let db = &state()?.db;
    let (me, c) = managed(db, council_id).await?;
    allow(&c, CouncilAction::RecordAttendance)?;
    let s = seat_of(db, council_id, user_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let now = now()?;
    let txn = crate::db::begin(db).await?;
    let mut a: member::ActiveModel = s.into();
    a.present = Set(present);
    a.update(&txn).await?;
    let subject = ("identification_council", council_id.into());
    let detail = serde_json::json!({ "user": user_id, "present": present });
    audit(
        &txn,
        now,
        Some(me.user_id),
        "identification_attendance",
        subject,
        detail,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// What keeps the meeting from closing: a proposal without a quorum of members free of
/// conflict, or present voters whose ballots are not in.
fn blocked(s: &Sitting, rules: &IdentificationRules) -> Result<(), AppError> {
    let conflicts = s.conflicts();
    let seats = s
        .members
        .iter()
        .map(|m| Ok((i64::from(m.user_id), role_of(m)?)))
        .collect::<Result<Vec<_>, AppError>>()?;
    let present: Vec<i64> = s
        .members
        .iter()
        .filter(|m| m.present)
        .map(|m| m.user_id.into())
        .collect();
    let mut missing = 0u32;
    for p in &s.proposals {
        let conflicted: Vec<i64> = s
            .members
            .iter()
            .filter(|m| conflicts.contains(&(m.user_id, p.id)))
            .map(|m| m.user_id.into())
            .collect();
        quorum(&rules.council, &seats, &present, &conflicted)
            .map_err(|q| AppError::invalid("members", Problem::Quorum(q)))?;
        missing += s
            .members
            .iter()
            .filter(|m| m.present && !conflicts.contains(&(m.user_id, p.id)))
            .filter(|m| {
                s.ballot(m.user_id, p.id)
                    .is_none_or(|b| b.submitted_at.is_none())
            })
            .count() as u32;
    }
    if missing > 0 {
        return Err(AppError::invalid(
            "ballots",
            Problem::BallotsMissing { count: missing },
        ));
    }
    Ok(())
}

pub async fn close(id: i32) -> Result<(), AppError> {
    let db = &state()?.db;
    let (me, c) = managed(db, id).await?;
    let next = allow(&c, CouncilAction::Close)?;
    let rules = rules_of(db, &c).await?;
    blocked(&Sitting::load(db, id).await?, &rules)?;
    let now = now()?;
    let txn = crate::db::begin(db).await?;
    let done = council::Entity::update_many()
        .col_expr(council::Column::Status, Expr::value(next.code()))
        .col_expr(council::Column::ClosedAt, Expr::value(now))
        .filter(council::Column::Id.eq(id))
        .filter(council::Column::Status.eq(CouncilState::Scoring.code()))
        .exec(&txn)
        .await?;
    if done.rows_affected != 1 {
        return Err(AppError::invalid("status", Problem::ChangedSinceShown));
    }
    let subject = ("identification_council", id.into());
    audit(
        &txn,
        now,
        Some(me.user_id),
        "identification_council_closed",
        subject,
        serde_json::json!({}),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
