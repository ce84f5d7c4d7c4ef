//! The server side of proposals (S): loading a proposal and its round, who reads and who edits
//! it, and its one transition table (`domain::proposal::next`) asked before every write.

pub mod decision;
pub mod decisions;
pub mod drafts;
pub mod rounds;
mod similar;
pub mod view;

use std::sync::Arc;

use chrono::{DateTime, Utc};
use domain::proposal::{next, ProposalAction, ProposalStatus};
use domain::roles::{Permission, Scope};
use sea_orm::{ConnectionTrait, EntityTrait};

use super::api::RoundRow;
use crate::db::entities::{proposal, proposal_round};
use crate::error::{AppError, Problem};
use crate::kit::{require_user, Account};

pub(super) fn status_of(row: &proposal::Model) -> Result<ProposalStatus, AppError> {
    ProposalStatus::from_code(&row.status).ok_or_else(|| {
        tracing::error!(status = %row.status, proposal = row.id, "unknown proposal status");
        AppError::Internal
    })
}

/// The state after `action`, or the state's refusal at the field `status`.
pub(super) fn step(
    row: &proposal::Model,
    action: ProposalAction,
) -> Result<ProposalStatus, AppError> {
    next(status_of(row)?, action).map_err(|e| AppError::invalid("status", Problem::Proposal(e)))
}

pub(super) async fn load(db: &impl ConnectionTrait, id: i32) -> Result<proposal::Model, AppError> {
    proposal::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

pub(super) async fn round(
    db: &impl ConnectionTrait,
    id: i32,
) -> Result<proposal_round::Model, AppError> {
    proposal_round::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

pub(super) fn round_row(r: &proposal_round::Model, now: DateTime<Utc>) -> RoundRow {
    RoundRow {
        id: r.id,
        title: r.title.clone(),
        year: r.year,
        opens_at: r.opens_at,
        closes_at: r.closes_at,
        open: domain::proposal::round_open(r.opens_at, r.closes_at, now),
        decision_number: r.decision_number.clone(),
        decided_at: r.decided_at,
    }
}

/// Officers and the leader read every proposal (docs/roles.md).
pub(super) fn reads_all(me: &Account) -> bool {
    me.may(Permission::ManageProposals, Scope::Global)
        || me.may(Permission::ApproveOrders, Scope::Global)
}

/// The proposal as its reader sees it: its proposer, or whoever reads them all; anyone else is
/// told it does not exist.
pub(super) async fn readable(
    db: &impl ConnectionTrait,
    id: i32,
) -> Result<(Arc<Account>, proposal::Model), AppError> {
    let me = require_user()?;
    let row = load(db, id).await?;
    if row.proposer_id == me.user_id || reads_all(&me) {
        Ok((me, row))
    } else {
        Err(AppError::NotFound)
    }
}

/// The person asking, if they may propose (a researcher, or an organisation's representative
/// for their organisation).
pub(super) fn proposer() -> Result<Arc<Account>, AppError> {
    let me = require_user()?;
    if domain::roles::confers(&me.grants, Permission::ProposeTasks) {
        Ok(me)
    } else {
        Err(AppError::Forbidden)
    }
}

/// The proposal for its proposer's own work: proposing is a role's (403 without it), and
/// another's proposal does not exist (404).
pub(super) async fn own(
    db: &impl ConnectionTrait,
    id: i32,
) -> Result<(Arc<Account>, proposal::Model), AppError> {
    let me = proposer()?;
    let row = load(db, id).await?;
    if row.proposer_id == me.user_id {
        Ok((me, row))
    } else {
        Err(AppError::NotFound)
    }
}

/// The first problem of a form's check, refused at its path.
pub(super) fn first_issue(issues: Vec<domain::issue::Issue>) -> Result<(), AppError> {
    match issues.into_iter().next() {
        Some(i) => Err(AppError::invalid(&i.path, Problem::Form(i.problem))),
        None => Ok(()),
    }
}

/// Moves the proposal from the state it was read in to `to`, with `more` columns set; a
/// concurrent change (the row no longer in that state) is told to look again.
pub(super) async fn move_to(
    db: &impl ConnectionTrait,
    row: &proposal::Model,
    to: ProposalStatus,
    now: DateTime<Utc>,
    more: proposal::ActiveModel,
) -> Result<(), AppError> {
    use sea_orm::{ColumnTrait, QueryFilter, Set};
    let mut change = more;
    change.status = Set(to.code().into());
    change.updated_at = Set(now);
    let done = proposal::Entity::update_many()
        .set(change)
        .filter(proposal::Column::Id.eq(row.id))
        .filter(proposal::Column::Status.eq(row.status.as_str()))
        .exec(db)
        .await?;
    if done.rows_affected == 1 {
        Ok(())
    } else {
        Err(AppError::invalid("status", Problem::ChangedSinceShown))
    }
}
