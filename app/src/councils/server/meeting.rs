//! The meeting: attendance, closing the session.

use super::*;

pub async fn attendance(council_id: i32, user_id: i32, present: bool) -> Result<(), AppError> {
    let me = require_user()?;
    let db = &state()?.db;
    let c = find(db, council_id).await?;
    let officer = me.manages(
        Permission::ManageCouncils,
        crate::kit::units::unit_of_call(db, c.call_id).await?,
    );
    let secretary = match seat(db, council_id, me.user_id).await? {
        Some(s) => role_of(&s)? == CouncilRole::Secretary,
        None => false,
    };
    if !officer && !secretary {
        return Err(if seat(db, council_id, me.user_id).await?.is_some() {
            AppError::Forbidden
        } else {
            AppError::NotFound
        });
    }
    allow(&c, CouncilAction::RecordAttendance)?;
    let m = seat(db, council_id, user_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let now = now()?;
    let txn = crate::db::begin(db).await?;
    let mut a: council_member::ActiveModel = m.into();
    a.present = Set(present);
    a.update(&txn).await?;
    audit(
        &txn,
        now,
        Some(me.user_id),
        "attendance_recorded",
        ("council", council_id.into()),
        serde_json::json!({ "user": user_id, "present": present }),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

pub async fn close(id: i32) -> Result<(), AppError> {
    let me = require_user()?;
    let db = &state()?.db;
    let (c, s) = seated(db, &me, id).await?;
    if role_of(&s)? != CouncilRole::Secretary {
        return Err(AppError::Forbidden);
    }
    let next = allow(&c, CouncilAction::Close)?;
    // Quorum per dossier: members conflicted on it count neither as present nor as needed.
    let rb = rulebook_of(db, &c).await?;
    let view = super::results::get(id).await?;
    let seats: Vec<(i64, CouncilRole)> = view
        .members
        .iter()
        .map(|m| (m.user_id.into(), m.role))
        .collect();
    let present: Vec<i64> = view
        .members
        .iter()
        .filter(|m| m.present)
        .map(|m| m.user_id.into())
        .collect();
    let pairs = conflicted_pairs(db, id).await?;
    for d in &view.dossiers {
        let conflicted: Vec<i64> = pairs
            .iter()
            .filter(|(a, _)| *a == d.id)
            .map(|(_, u)| i64::from(*u))
            .collect();
        domain::council::quorum(&rb.council, &seats, &present, &conflicted)
            .map_err(|p| AppError::invalid("attendance", Problem::Quorum(p)))?;
    }
    let now = now()?;
    let txn = crate::db::begin(db).await?;
    council::Entity::update_many()
        .col_expr(
            council::Column::Status,
            sea_orm::sea_query::Expr::value(next.code()),
        )
        .col_expr(
            council::Column::ClosedAt,
            sea_orm::sea_query::Expr::value(Some(now)),
        )
        .filter(council::Column::Id.eq(id))
        .filter(council::Column::Status.eq(CouncilStatus::Scoring.code()))
        .exec(&txn)
        .await?;
    audit(
        &txn,
        now,
        Some(me.user_id),
        "scoring_closed",
        ("council", id.into()),
        serde_json::json!({}),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
