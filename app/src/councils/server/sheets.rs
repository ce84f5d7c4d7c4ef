//! Score sheets: a member's own blind sheet, certification, the chair's reopening, paper sheets entered by the secretary.

use super::*;

/// The caller's sheet row for a dossier, checking seat, scoring state and conflicts.
pub(super) async fn my_sheet(
    db: &impl ConnectionTrait,
    me: &Account,
    council_id: i32,
    application_id: i32,
) -> Result<(council::Model, Option<score_sheet::Model>), AppError> {
    let (c, _) = seated(db, me, council_id).await?;
    let sheet = member_sheet(db, council_id, application_id, me.user_id).await?;
    Ok((c, sheet))
}

/// A seated member's sheet on one of the council's dossiers (none until they certify);
/// 404 for a dossier the council does not review, refused for a conflicted member.
pub(super) async fn member_sheet(
    db: &impl ConnectionTrait,
    council_id: i32,
    application_id: i32,
    user_id: i32,
) -> Result<Option<score_sheet::Model>, AppError> {
    if !dossier_ids(db, council_id).await?.contains(&application_id) {
        return Err(AppError::NotFound);
    }
    if conflicted(db, council_id, application_id, user_id).await? {
        return Err(AppError::invalid("application", Problem::Conflicted));
    }
    Ok(score_sheet::Entity::find()
        .filter(score_sheet::Column::CouncilId.eq(council_id))
        .filter(score_sheet::Column::ApplicationId.eq(application_id))
        .filter(score_sheet::Column::UserId.eq(user_id))
        .one(db)
        .await?)
}

pub async fn certify(council_id: i32, application_id: i32) -> Result<(), AppError> {
    let me = require_user()?;
    let db = &state()?.db;
    let (c, sheet) = my_sheet(db, &me, council_id, application_id).await?;
    allow(&c, CouncilAction::Certify)?;
    if sheet.is_some() {
        return Ok(());
    }
    let rb = rulebook_of(db, &c).await?;
    let n = rb.scoring.criteria.len();
    let now = now()?;
    let txn = crate::db::begin(db).await?;
    score_sheet::ActiveModel {
        council_id: Set(council_id),
        application_id: Set(application_id),
        user_id: Set(me.user_id),
        entry: Set(Json(SheetEntry {
            scores: vec![None; n],
            comments: vec![String::new(); n],
        })),
        review: Set(String::new()),
        certified_at: Set(Some(now)),
        submitted_at: Set(None),
        from_paper: Set(false),
        entered_by: Set(me.user_id),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit(
        &txn,
        now,
        Some(me.user_id),
        "no_conflict_certified",
        ("council", council_id.into()),
        serde_json::json!({ "application": application_id }),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

pub async fn sheet(council_id: i32, application_id: i32) -> Result<SheetView, AppError> {
    let me = require_user()?;
    let db = &state()?.db;
    let (c, sheet) = my_sheet(db, &me, council_id, application_id).await?;
    let sheet = sheet.ok_or_else(|| AppError::invalid("application", Problem::NotCertified))?;
    let rb = rulebook_of(db, &c).await?;
    let entry: SheetEntry = sheet.entry.0.clone();
    Ok(SheetView {
        problems: check_sheet(&rb.scoring, &entry),
        criteria: rb.scoring.criteria,
        half_points: rb.scoring.half_points,
        entry,
        review: sheet.review,
        submitted_at: sheet.submitted_at,
    })
}

pub async fn save_sheet(
    council_id: i32,
    application_id: i32,
    entry: SheetEntry,
    review: String,
    submit: bool,
) -> Result<(), AppError> {
    let me = require_user()?;
    let db = &state()?.db;
    let (c, sheet) = my_sheet(db, &me, council_id, application_id).await?;
    let sheet = sheet.ok_or_else(|| AppError::invalid("application", Problem::NotCertified))?;
    allow(&c, CouncilAction::Score)?;
    if sheet.submitted_at.is_some() {
        return Err(AppError::invalid("status", Problem::SheetLocked));
    }
    let rb = rulebook_of(db, &c).await?;
    let problems = check_sheet(&rb.scoring, &entry);
    // A draft may leave criteria unscored; anything else wrong is refused, and to submit
    // nothing may be missing.
    if let Some((i, p)) = problems
        .iter()
        .find(|(_, p)| submit || *p != ScoreProblem::Missing)
    {
        let field = i.map_or("scores".to_string(), |i| format!("scores.{i}"));
        return Err(AppError::invalid(&field, Problem::Score(*p)));
    }
    if review.chars().count() > MAX_REVIEW_CHARS {
        return Err(AppError::invalid(
            "review",
            Problem::Form(FormProblem::TooLong {
                max_chars: MAX_REVIEW_CHARS,
            }),
        ));
    }
    let now = now()?;
    let txn = crate::db::begin(db).await?;
    // Only an unsubmitted sheet changes: of two tabs submitting, one wins.
    let done = score_sheet::Entity::update_many()
        .col_expr(
            score_sheet::Column::Entry,
            sea_orm::sea_query::Expr::value(Json(entry.clone())),
        )
        .col_expr(
            score_sheet::Column::Review,
            sea_orm::sea_query::Expr::value(review),
        )
        .col_expr(
            score_sheet::Column::UpdatedAt,
            sea_orm::sea_query::Expr::value(now),
        )
        .col_expr(
            score_sheet::Column::SubmittedAt,
            sea_orm::sea_query::Expr::value(submit.then_some(now)),
        )
        .filter(score_sheet::Column::Id.eq(sheet.id))
        .filter(score_sheet::Column::SubmittedAt.is_null())
        .exec(&txn)
        .await?;
    if done.rows_affected != 1 {
        return Err(AppError::invalid("status", Problem::SheetLocked));
    }
    if submit {
        audit(
            &txn,
            now,
            Some(me.user_id),
            "score_sheet_submitted",
            ("council", council_id.into()),
            serde_json::json!({ "application": application_id }),
        )
        .await?;
    }
    txn.commit().await?;
    Ok(())
}

/// A seated member's sheet on a dossier of the council, for the chair or the secretary
/// acting on it: the target must sit on the council and not be conflicted on the dossier.
pub(super) async fn their_sheet(
    db: &impl ConnectionTrait,
    me: &Account,
    council_id: i32,
    application_id: i32,
    user_id: i32,
    acting: CouncilRole,
) -> Result<(council::Model, Option<score_sheet::Model>), AppError> {
    let (c, s) = seated(db, me, council_id).await?;
    if role_of(&s)? != acting {
        return Err(AppError::Forbidden);
    }
    seat(db, council_id, user_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let sheet = member_sheet(db, council_id, application_id, user_id).await?;
    Ok((c, sheet))
}

pub async fn reopen_sheet(
    council_id: i32,
    application_id: i32,
    user_id: i32,
    reason: String,
) -> Result<(), AppError> {
    let me = require_user()?;
    let reason = super::conflicts::note_of(&reason)?;
    let db = &state()?.db;
    let (c, sheet) = their_sheet(
        db,
        &me,
        council_id,
        application_id,
        user_id,
        CouncilRole::Chair,
    )
    .await?;
    allow(&c, CouncilAction::ReopenSheet)?;
    let sheet = sheet
        .filter(|s| s.submitted_at.is_some())
        .ok_or_else(|| AppError::invalid("status", Problem::SheetNotSubmitted))?;
    let now = now()?;
    let txn = crate::db::begin(db).await?;
    let done = score_sheet::Entity::update_many()
        .col_expr(
            score_sheet::Column::SubmittedAt,
            sea_orm::sea_query::Expr::value(Option::<DateTime<Utc>>::None),
        )
        .col_expr(
            score_sheet::Column::UpdatedAt,
            sea_orm::sea_query::Expr::value(now),
        )
        .filter(score_sheet::Column::Id.eq(sheet.id))
        .filter(score_sheet::Column::SubmittedAt.is_not_null())
        .exec(&txn)
        .await?;
    if done.rows_affected != 1 {
        return Err(AppError::invalid("status", Problem::SheetNotSubmitted));
    }
    audit(
        &txn,
        now,
        Some(me.user_id),
        "score_sheet_reopened",
        ("council", council_id.into()),
        serde_json::json!({ "application": application_id, "user": user_id, "reason": reason }),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

pub async fn paper_sheet(
    council_id: i32,
    application_id: i32,
    user_id: i32,
) -> Result<SheetView, AppError> {
    let me = require_user()?;
    let db = &state()?.db;
    let (c, sheet) = their_sheet(
        db,
        &me,
        council_id,
        application_id,
        user_id,
        CouncilRole::Secretary,
    )
    .await?;
    allow(&c, CouncilAction::EnterPaperSheet)?;
    let rb = rulebook_of(db, &c).await?;
    let n = rb.scoring.criteria.len();
    // The secretary types what the paper says; a member's online draft stays unseen.
    let entry = SheetEntry {
        scores: vec![None; n],
        comments: vec![String::new(); n],
    };
    Ok(SheetView {
        problems: check_sheet(&rb.scoring, &entry),
        criteria: rb.scoring.criteria,
        half_points: rb.scoring.half_points,
        entry,
        review: String::new(),
        submitted_at: sheet.and_then(|s| s.submitted_at),
    })
}

/// The secretary enters a sheet a member scored on paper. Only where the member has no sheet
/// online: a submitted one is locked, and a draft (or a sheet the chair reopened) is the
/// member's to finish, never written over from paper (docs/lifecycle.md).
pub async fn enter_paper_sheet(
    council_id: i32,
    application_id: i32,
    user_id: i32,
    entry: SheetEntry,
    review: String,
) -> Result<(), AppError> {
    let me = require_user()?;
    let db = &state()?.db;
    let (c, sheet) = their_sheet(
        db,
        &me,
        council_id,
        application_id,
        user_id,
        CouncilRole::Secretary,
    )
    .await?;
    allow(&c, CouncilAction::EnterPaperSheet)?;
    match sheet {
        Some(s) if s.submitted_at.is_some() => {
            return Err(AppError::invalid("status", Problem::SheetLocked))
        }
        Some(_) => return Err(AppError::invalid("status", Problem::OnlineSheetBegun)),
        None => {}
    }
    let rb = rulebook_of(db, &c).await?;
    if let Some((i, p)) = check_sheet(&rb.scoring, &entry).first() {
        let field = i.map_or("scores".to_string(), |i| format!("scores.{i}"));
        return Err(AppError::invalid(&field, Problem::Score(*p)));
    }
    if review.chars().count() > MAX_REVIEW_CHARS {
        let too_long = FormProblem::TooLong {
            max_chars: MAX_REVIEW_CHARS,
        };
        return Err(AppError::invalid("review", Problem::Form(too_long)));
    }
    let now = now()?;
    let txn = crate::db::begin(db).await?;
    // Unique per council, dossier and member: a sheet begun online meanwhile makes this fail.
    score_sheet::ActiveModel {
        council_id: Set(council_id),
        application_id: Set(application_id),
        user_id: Set(user_id),
        entry: Set(Json(entry)),
        review: Set(review),
        // The paper sheet carries the member's signed no-conflict statement.
        certified_at: Set(Some(now)),
        submitted_at: Set(Some(now)),
        from_paper: Set(true),
        entered_by: Set(me.user_id),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(|e| match e.sql_err() {
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => {
            AppError::invalid("status", Problem::OnlineSheetBegun)
        }
        _ => e.into(),
    })?;
    let detail = serde_json::json!({ "application": application_id, "user": user_id });
    let subject = ("council", council_id.into());
    audit(
        &txn,
        now,
        Some(me.user_id),
        "paper_sheet_entered",
        subject,
        detail,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
