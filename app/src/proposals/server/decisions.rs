//! What the department decides on a proposal: the identification council's conclusion
//! (recorded by the officer once the council closed, as its count says, in its wording), the leader's decision on the item, and
//! the call an ordered item becomes once the list is issued.

use domain::proposal::{call_form, ProposalAction, Recommendation};
use domain::roles::{decides_own_case, Permission, Scope};
use sea_orm::Set;

use super::{first_issue, load, move_to, round, step};
use crate::db::entities::{proposal, proposal_round};
use crate::db::json::Json;
use crate::error::{AppError, Problem};
use crate::kit::{audit, now, require, state, text, Bound};

fn list_open(r: &proposal_round::Model) -> Result<(), AppError> {
    match r.decided_at {
        None => Ok(()),
        Some(_) => Err(AppError::invalid("status", Problem::ListIssued)),
    }
}

pub async fn recommend(id: i32, recommendation: Recommendation) -> Result<(), AppError> {
    let me = require(Permission::ManageProposals, Scope::Global)?;
    let db = &state()?.db;
    let now = now()?;
    let row = load(db, id).await?;
    list_open(&round(db, row.round_id).await?)?;
    let rec = recommendation.tidy();
    let to = step(&row, ProposalAction::Recommend { order: rec.order })?;
    // The conclusion is the council's: recorded once its meeting closed, as its count says.
    let count = crate::identification::server::verdict_on(db, &row).await?;
    if count.order != rec.order {
        let order = count.order;
        return Err(AppError::invalid(
            "order",
            Problem::AgainstCouncil { order },
        ));
    }
    first_issue(rec.check())?;
    let host = rec.wording.designated_organisation_id;
    crate::kit::existing_organisation(db, "wording.designated_organisation_id", host).await?;
    let txn = crate::db::begin(db).await?;
    let order = rec.order;
    let more = proposal::ActiveModel {
        recommendation: Set(Some(Json(rec))),
        recommended_by: Set(Some(me.user_id)),
        recommended_at: Set(Some(now)),
        ..Default::default()
    };
    move_to(&txn, &row, to, now, more).await?;
    let detail = serde_json::json!({ "order": order });
    audit(
        &txn,
        now,
        Some(me.user_id),
        "proposal_recommended",
        ("proposal", id.into()),
        detail,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

pub async fn decide(id: i32, approve: bool, reason: String) -> Result<(), AppError> {
    let me = require(Permission::ApproveOrders, Scope::Global)?;
    let reason = text("reason", &reason, !approve, Bound::Note)?;
    let db = &state()?.db;
    let now = now()?;
    let row = load(db, id).await?;
    if decides_own_case(me.user_id.into(), row.proposer_id.into(), &[]) {
        return Err(AppError::invalid("status", Problem::OwnCase));
    }
    list_open(&round(db, row.round_id).await?)?;
    let to = step(&row, ProposalAction::Decide { approve })?;
    let txn = crate::db::begin(db).await?;
    let more = proposal::ActiveModel {
        decided_by: Set(Some(me.user_id)),
        decided_at: Set(Some(now)),
        decision_reason: Set(reason.clone()),
        ..Default::default()
    };
    move_to(&txn, &row, to, now, more).await?;
    let detail = serde_json::json!({ "approve": approve, "reason": reason });
    audit(
        &txn,
        now,
        Some(me.user_id),
        "ordered_item_decided",
        ("proposal", id.into()),
        detail,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

pub async fn open_call(id: i32) -> Result<i32, AppError> {
    let me = require(Permission::ManageProposals, Scope::Global)?;
    let db = &state()?.db;
    let now = now()?;
    let row = load(db, id).await?;
    let r = round(db, row.round_id).await?;
    let (Some(number), Some(_)) = (&r.decision_number, r.decided_at) else {
        return Err(AppError::invalid("status", Problem::ListNotIssued));
    };
    let to = step(&row, ProposalAction::OpenCall)?;
    let form = &row.form.0;
    let wording = row
        .recommendation
        .as_ref()
        .map_or(&form.wording, |r| &r.0.wording);
    let basis = format!("Quyết định số {number} phê duyệt danh mục nhiệm vụ đặt hàng");
    let call = call_form(
        form,
        wording,
        &basis,
        chrono::SubsecRound::trunc_subsecs(now, 0),
    );
    // Two officers at once may draw the same call number: the loser tries again.
    let attempt = || {
        let call = call.clone();
        async {
            let txn = crate::db::begin(db).await?;
            let call_id =
                crate::calls::api::server::insert(&txn, call, me.user_id, None, now).await?;
            let more = proposal::ActiveModel {
                call_id: Set(Some(call_id)),
                ..Default::default()
            };
            move_to(&txn, &row, to, now, more).await?;
            let detail = serde_json::json!({ "call_id": call_id });
            audit(
                &txn,
                now,
                Some(me.user_id),
                "ordered_item_called",
                ("proposal", id.into()),
                detail,
            )
            .await?;
            txn.commit().await?;
            Ok(call_id)
        }
    };
    crate::db::retry::retrying("ordered item's call", id.unsigned_abs().into(), 5, attempt).await
}
