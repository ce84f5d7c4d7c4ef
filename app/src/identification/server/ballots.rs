//! A member's ballots: reading one beside the proposal it judges, saving and submitting it
//! (certifying no conflict first), and declaring a conflict instead.

use chrono::{DateTime, Utc};
use domain::council::CouncilAction;
use domain::identification::Ballot;
use domain::scoring::SheetEntry;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

use super::*;
use crate::db::json::Json;
use crate::identification::api::BallotView;
use crate::kit::{audit, now, state, text, Bound};

/// The proposal when it sits before the council (404 otherwise).
async fn judged_one(
    db: &impl ConnectionTrait,
    council_id: i32,
    proposal_id: i32,
) -> Result<proposal::Model, AppError> {
    proposal::Entity::find_by_id(proposal_id)
        .filter(proposal::Column::CouncilId.eq(council_id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// Why the member does not vote on the proposal, if they do not.
fn conflict_of(s: &Sitting, user_id: i32, p: &proposal::Model) -> Option<String> {
    if let Some(note) = s
        .ballot(user_id, p.id)
        .and_then(|b| b.conflict_note.clone())
    {
        return Some(note);
    }
    s.conflicts().contains(&(user_id, p.id)).then(|| {
        if p.proposer_id == user_id {
            "Là người đề xuất nhiệm vụ".to_string()
        } else {
            "Cùng tổ chức đề xuất nhiệm vụ".to_string()
        }
    })
}

pub async fn get(council_id: i32, proposal_id: i32) -> Result<BallotView, AppError> {
    let db = &state()?.db;
    let (me, c, _) = seated(db, council_id).await?;
    let p = judged_one(db, council_id, proposal_id).await?;
    let rules = rules_of(db, &c).await?;
    let s = Sitting::load(db, council_id).await?;
    let mine = s.ballot(me.user_id, p.id);
    let empty = || Ballot {
        entry: SheetEntry {
            scores: vec![None; rules.criteria.len()],
            comments: Vec::new(),
        },
        order: None,
        note: String::new(),
    };
    Ok(BallotView {
        council_id,
        council_name: c.name.clone(),
        status: status_of(&c)?,
        proposal_id: p.id,
        receipt_code: p.receipt_code.clone(),
        form: p.form.0.clone(),
        ballot: mine.map_or_else(empty, |b| b.ballot.0.clone()),
        certified: mine.is_some_and(|b| b.certified_at.is_some()),
        submitted: mine.is_some_and(|b| b.submitted_at.is_some()),
        conflict: conflict_of(&s, me.user_id, &p),
        rules,
    })
}

/// Writes the member's row for the proposal: a new one, or the one read in the transaction.
async fn put(
    txn: &impl ConnectionTrait,
    (council_id, proposal_id, user_id): (i32, i32, i32),
    now: DateTime<Utc>,
    change: impl FnOnce(&mut ballot::ActiveModel),
) -> Result<(), AppError> {
    let existing = ballot::Entity::find()
        .filter(ballot::Column::CouncilId.eq(council_id))
        .filter(ballot::Column::ProposalId.eq(proposal_id))
        .filter(ballot::Column::UserId.eq(user_id))
        .one(txn)
        .await?;
    if existing.as_ref().is_some_and(|b| b.submitted_at.is_some()) {
        return Err(AppError::invalid("status", Problem::BallotSubmitted));
    }
    let mut row: ballot::ActiveModel = match existing {
        Some(b) => b.into(),
        None => ballot::ActiveModel {
            council_id: Set(council_id),
            proposal_id: Set(proposal_id),
            user_id: Set(user_id),
            ballot: Set(Json(Ballot::default())),
            ..Default::default()
        },
    };
    change(&mut row);
    row.updated_at = Set(now);
    // Two saves of one member's new ballot at once: the second is told to look again.
    row.save(txn)
        .await
        .map(|_| ())
        .map_err(|e| crate::kit::taken(e, "status", Problem::ChangedSinceShown))
}

pub async fn save(
    council_id: i32,
    proposal_id: i32,
    ballot: Ballot,
    certify: bool,
    submit: bool,
) -> Result<(), AppError> {
    let db = &state()?.db;
    let (me, c, _) = seated(db, council_id).await?;
    allow(&c, CouncilAction::Score)?;
    let p = judged_one(db, council_id, proposal_id).await?;
    let rules = rules_of(db, &c).await?;
    let s = Sitting::load(db, council_id).await?;
    if s.conflicts().contains(&(me.user_id, p.id)) {
        return Err(AppError::invalid("status", Problem::ConflictedProposal));
    }
    let certified = s
        .ballot(me.user_id, p.id)
        .is_some_and(|b| b.certified_at.is_some());
    if !certified && !certify {
        return Err(AppError::invalid("certify", Problem::NotCertified));
    }
    let ballot = ballot.tidy();
    if let Some(i) = ballot.check(&rules, submit).into_iter().next() {
        return Err(AppError::invalid(&i.path, Problem::Form(i.problem)));
    }
    let now = now()?;
    let txn = crate::db::begin(db).await?;
    put(&txn, (council_id, p.id, me.user_id), now, |row| {
        row.ballot = Set(Json(ballot));
        if !certified {
            row.certified_at = Set(Some(now));
        }
        if submit {
            row.submitted_at = Set(Some(now));
        }
    })
    .await?;
    if submit {
        let subject = ("identification_council", council_id.into());
        let detail = serde_json::json!({ "proposal": p.id });
        audit(
            &txn,
            now,
            Some(me.user_id),
            "identification_ballot_submitted",
            subject,
            detail,
        )
        .await?;
    }
    txn.commit().await?;
    Ok(())
}

pub async fn declare(council_id: i32, proposal_id: i32, note: String) -> Result<(), AppError> {
    let db = &state()?.db;
    let (me, c, _) = seated(db, council_id).await?;
    allow(&c, CouncilAction::DeclareConflict)?;
    let note = text("note", &note, true, Bound::Note)?;
    let p = judged_one(db, council_id, proposal_id).await?;
    let now = now()?;
    let txn = crate::db::begin(db).await?;
    put(&txn, (council_id, p.id, me.user_id), now, |row| {
        row.conflict_note = Set(Some(note.clone()));
    })
    .await?;
    let subject = ("identification_council", council_id.into());
    let detail = serde_json::json!({ "proposal": p.id, "note": note });
    audit(
        &txn,
        now,
        Some(me.user_id),
        "identification_conflict_declared",
        subject,
        detail,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
