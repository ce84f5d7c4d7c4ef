//! Forming an identification council: the round's list, creation for the proposals waiting,
//! members seated (and so invited) and unseated, their answers, and the constitution.

use domain::call::TaskLevel;
use domain::council::Invitation;
use domain::council::{check_composition, not_accepted, CouncilAction, CouncilRole, CouncilState};
use domain::proposal::ProposalStatus;
use domain::roles::{Permission, Scope};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

use super::*;
use crate::identification::api::IdentificationRow;
use crate::kit::{audit, now, state};

pub async fn list(round_id: i32) -> Result<Vec<IdentificationRow>, AppError> {
    let me = require_user()?;
    if !reads_all(&me) {
        return Err(AppError::Forbidden);
    }
    Ok(super::view::of_round(&state()?.db, round_id).await?.0)
}

/// Forms a council for the round's submitted proposals not yet before one (those named, or
/// all), pinning the provincial rulebook in force.
pub async fn create(round_id: i32, name: String, proposal_ids: Vec<i32>) -> Result<i32, AppError> {
    let me = require(Permission::ManageProposals, Scope::Global)?;
    let db = &state()?.db;
    let now = now()?;
    let round = crate::db::entities::proposal_round::Entity::find_by_id(round_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    if round.decided_at.is_some() {
        return Err(AppError::invalid("status", Problem::ListIssued));
    }
    let name = domain::account::parse_name(&name)
        .map_err(|p| AppError::invalid("name", Problem::Field(p)))?;
    let txn = crate::db::begin(db).await?;
    let rulebook = crate::db::rulebooks::latest(&txn, TaskLevel::Provincial).await?;
    let id = council::ActiveModel {
        round_id: Set(round_id),
        name: Set(name.clone()),
        status: Set(CouncilState::Forming.code().into()),
        rulebook_version: Set(rulebook.version),
        created_by: Set(me.user_id),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?
    .id;
    let mut take = proposal::Entity::update_many()
        .col_expr(proposal::Column::CouncilId, Expr::value(id))
        .filter(proposal::Column::RoundId.eq(round_id))
        .filter(proposal::Column::Status.eq(ProposalStatus::Submitted.code()))
        .filter(proposal::Column::CouncilId.is_null());
    if !proposal_ids.is_empty() {
        take = take.filter(proposal::Column::Id.is_in(proposal_ids.clone()));
    }
    let taken = take.exec(&txn).await?;
    if taken.rows_affected == 0 {
        return Err(AppError::invalid(
            "proposal_ids",
            Problem::NoProposalsToJudge,
        ));
    }
    // One named is no longer waiting (withdrawn, or before another council since the page
    // was shown): nothing is formed.
    let mut named = proposal_ids;
    named.sort_unstable();
    named.dedup();
    if !named.is_empty() && taken.rows_affected != named.len() as u64 {
        return Err(AppError::invalid(
            "proposal_ids",
            Problem::ChangedSinceShown,
        ));
    }
    let detail =
        serde_json::json!({ "round_id": round_id, "name": name, "proposals": taken.rows_affected });
    audit(
        &txn,
        now,
        Some(me.user_id),
        "identification_council_formed",
        ("identification_council", id.into()),
        detail,
    )
    .await?;
    txn.commit().await?;
    Ok(id)
}

/// Seats a person by e-mail: seating is the invitation, which they accept or decline.
pub async fn seat(council_id: i32, email: String, role: CouncilRole) -> Result<(), AppError> {
    let db = &state()?.db;
    let (me, c) = managed(db, council_id).await?;
    allow(&c, CouncilAction::SeatMember)?;
    let person = crate::kit::account_by_email(db, &email).await?;
    if seat_of(db, council_id, person.id).await?.is_some() {
        return Err(AppError::invalid("email", Problem::AlreadyOnCouncil));
    }
    let now = now()?;
    let txn = crate::db::begin(db).await?;
    member::ActiveModel {
        council_id: Set(council_id),
        user_id: Set(person.id),
        role: Set(role.code().into()),
        invitation: Set(Invitation::Invited.code().into()),
        present: Set(false),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(|e| crate::kit::taken(e, "email", Problem::AlreadyOnCouncil))?;
    let detail = serde_json::json!({ "user": person.id, "role": role.code() });
    audit(
        &txn,
        now,
        Some(me.user_id),
        "identification_member_seated",
        ("identification_council", council_id.into()),
        detail,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

pub async fn unseat(council_id: i32, user_id: i32) -> Result<(), AppError> {
    let db = &state()?.db;
    let (me, c) = managed(db, council_id).await?;
    allow(&c, CouncilAction::RemoveMember)?;
    let m = seat_of(db, council_id, user_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let txn = crate::db::begin(db).await?;
    ballot::Entity::delete_many()
        .filter(ballot::Column::CouncilId.eq(council_id))
        .filter(ballot::Column::UserId.eq(user_id))
        .exec(&txn)
        .await?;
    member::Entity::delete_by_id(m.id).exec(&txn).await?;
    let detail = serde_json::json!({ "user": user_id });
    audit(
        &txn,
        now()?,
        Some(me.user_id),
        "identification_member_unseated",
        ("identification_council", council_id.into()),
        detail,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

pub async fn answer(council_id: i32, accept: bool) -> Result<(), AppError> {
    let db = &state()?.db;
    let (me, c, s) = seated(db, council_id).await?;
    allow(&c, CouncilAction::AnswerInvitation)?;
    let answer = if accept {
        Invitation::Accepted
    } else {
        Invitation::Declined
    };
    let now = now()?;
    let txn = crate::db::begin(db).await?;
    let mut a: member::ActiveModel = s.into();
    a.invitation = Set(answer.code().into());
    a.update(&txn).await?;
    let detail = serde_json::json!({ "answer": answer.code() });
    audit(
        &txn,
        now,
        Some(me.user_id),
        "identification_seat_answered",
        ("identification_council", council_id.into()),
        detail,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Constitutes the council: its seats meet the rulebook and every member accepted.
pub async fn constitute(id: i32) -> Result<(), AppError> {
    let db = &state()?.db;
    let (me, c) = managed(db, id).await?;
    let next = allow(&c, CouncilAction::Constitute)?;
    let rules = rules_of(db, &c).await?;
    let seats = members(db, id).await?;
    let roles = seats
        .iter()
        .map(|m| Ok((i64::from(m.user_id), role_of(m)?)))
        .collect::<Result<Vec<_>, AppError>>()?;
    if let Some(p) = check_composition(&rules.council, &roles).first() {
        return Err(AppError::invalid("members", Problem::Composition(*p)));
    }
    let answers = seats
        .iter()
        .map(|m| Ok((i64::from(m.user_id), invitation_of(m)?)))
        .collect::<Result<Vec<_>, AppError>>()?;
    let waiting = not_accepted(&answers).len() as u32;
    if waiting > 0 {
        return Err(AppError::invalid(
            "members",
            Problem::NotAccepted { count: waiting },
        ));
    }
    let now = now()?;
    let txn = crate::db::begin(db).await?;
    let done = council::Entity::update_many()
        .col_expr(council::Column::Status, Expr::value(next.code()))
        .col_expr(council::Column::ScoringOpenedAt, Expr::value(now))
        .filter(council::Column::Id.eq(id))
        .filter(council::Column::Status.eq(CouncilState::Forming.code()))
        .exec(&txn)
        .await?;
    if done.rows_affected != 1 {
        return Err(AppError::invalid("status", Problem::ChangedSinceShown));
    }
    audit(
        &txn,
        now,
        Some(me.user_id),
        "identification_council_constituted",
        ("identification_council", id.into()),
        serde_json::json!({}),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
