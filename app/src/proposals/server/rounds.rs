//! Proposal rounds: opened and corrected by officers, read by anyone signed in; the leader's
//! decision approving a round's ordered list.

use chrono::SubsecRound;
use domain::issue::FormProblem;
use domain::proposal::ProposalStatus;
use domain::roles::{Permission, Scope};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};

use super::super::api::{RoundForm, RoundRow, PROPOSALS_PER_PAGE};
use super::{round, round_row};
use crate::db::entities::{proposal, proposal_round};
use crate::error::{AppError, Problem};
use crate::kit::{audit, now, require, require_user, state, text, Bound};
use crate::list::{count_rows, page_and_offset, Page};

pub async fn list(page: u64) -> Result<Page<RoundRow>, AppError> {
    require_user()?;
    let db = &state()?.db;
    let now = now()?;
    let select = proposal_round::Entity::find();
    let total = count_rows(db, select.clone()).await?;
    let (page, offset) = page_and_offset(page, PROPOSALS_PER_PAGE);
    let rows = select
        .order_by_desc(proposal_round::Column::OpensAt)
        .order_by_desc(proposal_round::Column::Id)
        .offset(offset)
        .limit(PROPOSALS_PER_PAGE)
        .all(db)
        .await?;
    let items = rows.iter().map(|r| round_row(r, now)).collect();
    Ok(Page::new(items, page, PROPOSALS_PER_PAGE, total))
}

pub async fn save(id: Option<i32>, form: RoundForm) -> Result<i32, AppError> {
    let me = require(Permission::ManageProposals, Scope::Global)?;
    let title = text("title", &form.title, true, Bound::Reference)?;
    let (opens_at, closes_at) = (
        form.opens_at.trunc_subsecs(0),
        form.closes_at.trunc_subsecs(0),
    );
    if closes_at <= opens_at {
        return Err(AppError::invalid(
            "closes_at",
            Problem::Form(FormProblem::ClosesBeforeOpens),
        ));
    }
    let db = &state()?.db;
    let now = now()?;
    let txn = crate::db::begin(db).await?;
    let mut row: proposal_round::ActiveModel = match id {
        Some(id) => round(&txn, id).await?.into(),
        None => proposal_round::ActiveModel {
            created_by: Set(me.user_id),
            created_at: Set(now),
            ..Default::default()
        },
    };
    row.title = Set(title.clone());
    row.year = Set(domain::format::year_in_vietnam(opens_at));
    row.opens_at = Set(opens_at);
    row.closes_at = Set(closes_at);
    let saved = row.save(&txn).await?;
    let saved_id = saved.id.clone().take().ok_or(AppError::Internal)?;
    let event = if id.is_some() {
        "proposal_round_updated"
    } else {
        "proposal_round_opened"
    };
    let subject = ("proposal_round", saved_id.into());
    let detail = serde_json::json!({ "title": title, "closes_at": closes_at });
    audit(&txn, now, Some(me.user_id), event, subject, detail).await?;
    txn.commit().await?;
    Ok(saved_id)
}

/// Proposals of the round in `status`, counted in the database.
pub(super) async fn count_in(
    db: &impl sea_orm::ConnectionTrait,
    round_id: i32,
    status: ProposalStatus,
) -> Result<u64, AppError> {
    let select = proposal::Entity::find()
        .filter(proposal::Column::RoundId.eq(round_id))
        .filter(proposal::Column::Status.eq(status.code()));
    count_rows(db, select).await
}

pub async fn issue(round_id: i32, decision_number: String) -> Result<(), AppError> {
    let me = require(Permission::ApproveOrders, Scope::Global)?;
    let number = text("decision_number", &decision_number, true, Bound::Code)?;
    let db = &state()?.db;
    let now = now()?;
    let txn = crate::db::begin(db).await?;
    let r = round(&txn, round_id).await?;
    if r.decided_at.is_some() {
        return Err(AppError::invalid("decision_number", Problem::ListIssued));
    }
    let undecided = count_in(&txn, round_id, ProposalStatus::Recommended).await?;
    if undecided > 0 {
        let count = u32::try_from(undecided).unwrap_or(u32::MAX);
        return Err(AppError::invalid(
            "decision_number",
            Problem::ItemsUndecided { count },
        ));
    }
    if count_in(&txn, round_id, ProposalStatus::Ordered).await? == 0 {
        return Err(AppError::invalid(
            "decision_number",
            Problem::NothingOrdered,
        ));
    }
    // Guarded on the column, so that two leaders at once issue it once.
    let done = proposal_round::Entity::update_many()
        .col_expr(
            proposal_round::Column::DecisionNumber,
            number.clone().into(),
        )
        .col_expr(proposal_round::Column::DecidedAt, now.into())
        .filter(proposal_round::Column::Id.eq(round_id))
        .filter(proposal_round::Column::DecidedAt.is_null())
        .exec(&txn)
        .await?;
    if done.rows_affected != 1 {
        return Err(AppError::invalid("decision_number", Problem::ListIssued));
    }
    let subject = ("proposal_round", round_id.into());
    let detail = serde_json::json!({ "decision_number": number });
    audit(
        &txn,
        now,
        Some(me.user_id),
        "ordered_list_issued",
        subject,
        detail,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
