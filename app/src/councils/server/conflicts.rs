//! Conflicts of interest: declared by a member, decided by the officer with a reason.

use super::*;

pub(super) fn note_of(note: &str) -> Result<String, AppError> {
    let note = note.trim().to_string();
    if note.is_empty() {
        return Err(AppError::invalid(
            "note",
            Problem::Form(FormProblem::Required),
        ));
    }
    if note.chars().count() > MAX_NOTE_CHARS {
        return Err(AppError::invalid(
            "note",
            Problem::Form(FormProblem::TooLong {
                max_chars: MAX_NOTE_CHARS,
            }),
        ));
    }
    Ok(note)
}

pub async fn decide_conflict(
    conflict_id: i32,
    confirm: bool,
    note: String,
) -> Result<(), AppError> {
    let me = require_user()?;
    let db = &state()?.db;
    let f = conflict::Entity::find_by_id(conflict_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let c = managed(db, &me, f.council_id).await?;
    let note = note_of(&note)?;
    allow(&c, CouncilAction::DecideConflict)?;
    let now = now()?;
    let txn = crate::db::begin(db).await?;
    let mut a: conflict::ActiveModel = f.into();
    a.status = Set(if confirm { "confirmed" } else { "dismissed" }.into());
    a.note = Set(note);
    a.decided_by = Set(Some(me.user_id));
    a.decided_at = Set(Some(now));
    let f = a.update(&txn).await?;
    audit(
        &txn,
        now,
        Some(me.user_id),
        "conflict_decided",
        ("council", f.council_id.into()),
        serde_json::json!({ "conflict": f.id, "status": f.status }),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

pub async fn declare_conflict(
    council_id: i32,
    application_id: i32,
    note: String,
) -> Result<(), AppError> {
    let me = require_user()?;
    let note = note_of(&note)?;
    let db = &state()?.db;
    let (c, _) = seated(db, &me, council_id).await?;
    allow(&c, CouncilAction::DeclareConflict)?;
    if !dossier_ids(db, council_id).await?.contains(&application_id) {
        return Err(AppError::NotFound);
    }
    let now = now()?;
    let txn = crate::db::begin(db).await?;
    conflict::ActiveModel {
        council_id: Set(council_id),
        application_id: Set(application_id),
        user_id: Set(me.user_id),
        reason: Set(Json(ConflictReason::Declared { note: note.clone() })),
        status: Set("confirmed".into()),
        note: Set(note),
        decided_by: Set(Some(me.user_id)),
        decided_at: Set(Some(now)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit(
        &txn,
        now,
        Some(me.user_id),
        "conflict_declared",
        ("council", council_id.into()),
        serde_json::json!({ "application": application_id }),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
