//! The proposer's own work: a draft started in an open round and saved, submitted with the
//! pre-submit check passed (a receipt code answered), or withdrawn before the council concludes.

use domain::proposal::{ProposalAction, ProposalForm, ProposalStatus};
use domain::roles::hosted_organisations;
use domain::text::fold;
use sea_orm::{ActiveModelTrait, Set};

use super::{first_issue, move_to, own, proposer, round, step};
use crate::db::entities::proposal;
use crate::db::json::Json;
use crate::error::{AppError, Problem};
use crate::kit::{audit, now, state};

fn round_must_be_open(
    r: &crate::db::entities::proposal_round::Model,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), AppError> {
    if domain::proposal::round_open(r.opens_at, r.closes_at, now) {
        Ok(())
    } else {
        Err(AppError::invalid("round_id", Problem::RoundClosed))
    }
}

pub async fn save(id: Option<i32>, round_id: i32, form: ProposalForm) -> Result<i32, AppError> {
    let form = form.tidy();
    let db = &state()?.db;
    let now = now()?;
    let (me, existing) = match id {
        Some(id) => {
            let (me, row) = own(db, id).await?;
            step(&row, ProposalAction::Edit)?;
            (me, Some(row))
        }
        None => (proposer()?, None),
    };
    first_issue(form.check_draft())?;
    let designated = form.wording.designated_organisation_id;
    crate::kit::existing_organisation(db, "wording.designated_organisation_id", designated).await?;
    let round_id = existing.as_ref().map_or(round_id, |r| r.round_id);
    round_must_be_open(&round(db, round_id).await?, now)?;
    let txn = crate::db::begin(db).await?;
    let mut row: proposal::ActiveModel = match existing {
        Some(r) => r.into(),
        None => proposal::ActiveModel {
            round_id: Set(round_id),
            proposer_id: Set(me.user_id),
            // An organisation's representative proposes for it; a researcher for themselves,
            // from their organisation.
            organisation_id: Set(hosted_organisations(&me.grants)
                .first()
                .and_then(|o| i32::try_from(*o).ok())
                .or(me.organisation_id)),
            status: Set(ProposalStatus::Draft.code().into()),
            decision_reason: Set(String::new()),
            created_at: Set(now),
            ..Default::default()
        },
    };
    row.title = Set(form.wording.title.clone());
    row.title_key = Set(domain::text::exact_key(&form.wording.title));
    row.search_folded = Set(fold(&form.search_text()));
    row.form = Set(Json(form));
    row.updated_at = Set(now);
    let saved = row.save(&txn).await?;
    let saved_id = saved.id.clone().take().ok_or(AppError::Internal)?;
    if id.is_none() {
        let subject = ("proposal", saved_id.into());
        let detail = serde_json::json!({ "round_id": round_id });
        audit(
            &txn,
            now,
            Some(me.user_id),
            "proposal_started",
            subject,
            detail,
        )
        .await?;
    }
    txn.commit().await?;
    Ok(saved_id)
}

pub async fn submit(id: i32) -> Result<String, AppError> {
    let db = &state()?.db;
    let now = now()?;
    let (me, row) = own(db, id).await?;
    let to = step(&row, ProposalAction::Submit)?;
    round_must_be_open(&round(db, row.round_id).await?, now)?;
    first_issue(row.form.0.check())?;
    // ĐH (đặt hàng), apart from a dossier's ĐX: unique by the proposal's own id.
    let year = domain::format::year_in_vietnam(now);
    let code = format!("ĐH-{year}-{:05}", row.id);
    let txn = crate::db::begin(db).await?;
    let more = proposal::ActiveModel {
        receipt_code: Set(Some(code.clone())),
        submitted_at: Set(Some(now)),
        ..Default::default()
    };
    move_to(&txn, &row, to, now, more).await?;
    let detail = serde_json::json!({ "receipt_code": code });
    audit(
        &txn,
        now,
        Some(me.user_id),
        "proposal_submitted",
        ("proposal", id.into()),
        detail,
    )
    .await?;
    txn.commit().await?;
    Ok(code)
}

pub async fn withdraw(id: i32) -> Result<(), AppError> {
    let db = &state()?.db;
    let now = now()?;
    let (me, row) = own(db, id).await?;
    let to = step(&row, ProposalAction::Withdraw)?;
    let txn = crate::db::begin(db).await?;
    move_to(&txn, &row, to, now, Default::default()).await?;
    let detail = serde_json::json!({ "from": row.status });
    audit(
        &txn,
        now,
        Some(me.user_id),
        "proposal_withdrawn",
        ("proposal", id.into()),
        detail,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
