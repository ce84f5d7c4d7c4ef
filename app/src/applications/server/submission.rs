//! Submission (to the second, with a receipt), withdrawal.

use super::*;

/// Stores the submitted form, files and CV as a new version, kept forever.
pub(super) async fn snapshot(
    db: &impl ConnectionTrait,
    a: &application::Model,
    version: i32,
    now: DateTime<Utc>,
    cv: &domain::cv::ScientificCv,
) -> Result<(), AppError> {
    let files = crate::attachments::server::current(db, a.id).await?;
    let files = crate::attachments::server::attached(&files);
    application_version::ActiveModel {
        application_id: Set(a.id),
        version: Set(version),
        form: Set(a.form.clone()),
        attachments: Set(Json(files.clone())),
        cv: Set(Some(Json(cv.clone()))),
        submitted_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Tries a submission this many times when others race it for a receipt number: at a
/// deadline many researchers submit in the same second.
pub(super) const SUBMIT_ATTEMPTS: u64 = 20;

pub async fn submit(id: i32) -> Result<Receipt, AppError> {
    crate::db::retry::retrying(
        "submission (receipt number)",
        id.unsigned_abs() as u64,
        SUBMIT_ATTEMPTS,
        || submit_once(id),
    )
    .await
}

pub(super) async fn submit_once(id: i32) -> Result<Receipt, crate::db::retry::Attempt> {
    let me = require(Permission::SubmitApplications, Scope::Global)?;
    let db = &state()?.db;
    let now = now()?;
    let txn = crate::db::begin(db).await?;
    let (a, c) = own(&txn, &me, id).await?;
    let st = state_of(&a)?;
    let rb = rulebook_of(&txn, &c).await?;
    let event = match st {
        ApplicationState::ReturnedForCorrection { .. } => ApplicationEvent::Resubmit,
        _ => ApplicationEvent::Submit {
            window: window(&c),
            host_confirmation_required: rb.host_confirmation_required,
        },
    };
    let next = apply(st, event, now).map_err(transition)?;
    designated_host(&c, a.organisation_id)?;
    super::eligibility::check(&txn, &rb, &a, now).await?;
    let form = form_of(&a)?;
    let ordered = super::ordered_wording(&txn, c.id).await?;
    let departs = ordered
        .as_ref()
        .and_then(|o| domain::proposal::order_issue(&form, o));
    if let Some(first) = check(&form, &rb).into_iter().chain(departs).next() {
        return Err(AppError::invalid(&first.path, Problem::Form(first.problem)).into());
    }
    let cv = cv_of(&txn, a.applicant_id).await?.map(|(cv, _)| cv);
    if let Some(i) = super::view::cv_issue(cv.as_ref(), now) {
        return Err(AppError::invalid(&i.path, Problem::Form(i.problem)).into());
    }
    let cv = cv.unwrap_or_default();
    let (code, year, sequence) = receipt_number(&txn, &a, now).await?;
    let version = a.version + 1;
    // Changes the row only if nobody changed its state meanwhile: a double submission
    // finds nothing to update.
    let done = application::Entity::update_many()
        .col_expr(application::Column::Status, Expr::value(next.code()))
        .col_expr(
            application::Column::CorrectionDeadline,
            Expr::value(None::<DateTime<Utc>>),
        )
        .col_expr(application::Column::ReceiptCode, Expr::value(code.clone()))
        .col_expr(application::Column::ReceiptYear, Expr::value(year))
        .col_expr(application::Column::ReceiptSequence, Expr::value(sequence))
        .col_expr(application::Column::Version, Expr::value(version))
        .col_expr(application::Column::SubmittedAt, Expr::value(now))
        .col_expr(application::Column::UpdatedAt, Expr::value(now))
        .col_expr(
            application::Column::ReceivedAt,
            Expr::value(next.received_at(a.received_at, now)),
        )
        .filter(application::Column::Id.eq(id))
        .filter(application::Column::Status.eq(st.code()))
        .filter(application::Column::Version.eq(a.version))
        .exec(&txn)
        .await?;
    if done.rows_affected != 1 {
        return Err(transition(domain::lifecycle::TransitionError::NotAllowed {
            from: st.code().into(),
            event: "submit".into(),
        })
        .into());
    }
    snapshot(&txn, &a, version, now, &cv).await?;
    audit(
        &txn,
        now,
        Some(me.user_id),
        "application_submitted",
        ("application", id.into()),
        serde_json::json!({ "receipt": code, "version": version }),
    )
    .await?;
    txn.commit().await?;
    Ok(Receipt {
        code,
        submitted_at: now,
    })
}

/// The dossier's receipt number: the one its first submission got, or the next in the year
/// (in Vietnam). Two racing submissions may draw the same; the unique index makes the loser
/// try again.
async fn receipt_number(
    txn: &impl ConnectionTrait,
    a: &application::Model,
    now: DateTime<Utc>,
) -> Result<(String, i32, i32), AppError> {
    if let (Some(code), Some(year), Some(sequence)) =
        (&a.receipt_code, a.receipt_year, a.receipt_sequence)
    {
        return Ok((code.clone(), year, sequence));
    }
    let year = domain::format::year_in_vietnam(now);
    let max: Option<i32> = application::Entity::find()
        .select_only()
        .column_as(
            Expr::expr(Func::max(Expr::col(application::Column::ReceiptSequence))),
            "max",
        )
        .filter(application::Column::ReceiptYear.eq(year))
        .into_tuple()
        .one(txn)
        .await?
        .flatten();
    let sequence = max.unwrap_or(0) + 1;
    Ok((receipt_code(year, sequence as u32), year, sequence))
}

pub async fn withdraw(id: i32) -> Result<(), AppError> {
    let me = require(Permission::SubmitApplications, Scope::Global)?;
    let db = &state()?.db;
    let now = now()?;
    let txn = crate::db::begin(db).await?;
    let (a, c) = own(&txn, &me, id).await?;
    let st = state_of(&a)?;
    let next =
        apply(st, ApplicationEvent::Withdraw { window: window(&c) }, now).map_err(transition)?;
    set_state(&txn, &a, st, next, now).await?;
    audit(
        &txn,
        now,
        Some(me.user_id),
        "application_withdrawn",
        ("application", id.into()),
        serde_json::json!({}),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
