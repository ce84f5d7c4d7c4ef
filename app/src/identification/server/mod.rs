//! The server side of identification councils: finding one and who asks, its rules and seats,
//! who is conflicted on which proposal, and the count once the meeting closed.

pub mod ballots;
pub mod formation;
pub mod meeting;
pub mod todo;
pub mod view;

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use domain::council::{detect_conflicts, CouncilAction, CouncilRole, CouncilState, Dossier};
use domain::council::{Invitation, Person};
use domain::identification::{count, Cast, IdentificationRules, Verdict};
use domain::roles::{Permission, Scope};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::db::entities::identification_ballot as ballot;
use crate::db::entities::identification_council as council;
use crate::db::entities::identification_member as member;
use crate::db::entities::{proposal, rulebook, user};
use crate::error::{AppError, Problem};
use crate::kit::{require, require_user, Account};

/// Most members and proposals read for one council: far above any real one.
const LIMIT: u64 = 500;

pub(crate) fn status_of(c: &council::Model) -> Result<CouncilState, AppError> {
    CouncilState::from_code(&c.status).ok_or(AppError::Internal)
}

/// Refuses what the council's state does not allow, with the engine's reason.
fn allow(c: &council::Model, action: CouncilAction) -> Result<CouncilState, AppError> {
    status_of(c)?
        .after(action)
        .map_err(|e| AppError::invalid("status", Problem::Council(e)))
}

fn role_of(m: &member::Model) -> Result<CouncilRole, AppError> {
    CouncilRole::from_code(&m.role).ok_or(AppError::Internal)
}

fn invitation_of(m: &member::Model) -> Result<Invitation, AppError> {
    Invitation::from_code(&m.invitation).ok_or(AppError::Internal)
}

async fn find(db: &impl ConnectionTrait, id: i32) -> Result<council::Model, AppError> {
    council::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// The rules the council pinned when it was formed.
pub(crate) async fn rules_of(
    db: &impl ConnectionTrait,
    c: &council::Model,
) -> Result<IdentificationRules, AppError> {
    let row = rulebook::Entity::find_by_id(c.rulebook_version)
        .one(db)
        .await?
        .ok_or(AppError::Internal)?;
    Ok(row.content.0.identification)
}

/// Officers and the leader follow every identification council (docs/roles.md).
fn reads_all(me: &Account) -> bool {
    me.may(Permission::ManageProposals, Scope::Global)
        || me.may(Permission::ApproveOrders, Scope::Global)
}

async fn seat_of(
    db: &impl ConnectionTrait,
    council_id: i32,
    user_id: i32,
) -> Result<Option<member::Model>, AppError> {
    Ok(member::Entity::find()
        .filter(member::Column::CouncilId.eq(council_id))
        .filter(member::Column::UserId.eq(user_id))
        .one(db)
        .await?)
}

/// The council for the department's officer who runs it (403 for anyone else).
async fn managed(
    db: &impl ConnectionTrait,
    id: i32,
) -> Result<(Arc<Account>, council::Model), AppError> {
    let me = require(Permission::ManageProposals, Scope::Global)?;
    Ok((me, find(db, id).await?))
}

/// The council for its members and whoever follows them all; anyone else is told it does not
/// exist. Answers the caller's seat, if any.
pub(crate) async fn readable(
    db: &impl ConnectionTrait,
    id: i32,
) -> Result<(Arc<Account>, council::Model, Option<member::Model>), AppError> {
    let me = require_user()?;
    let c = find(db, id).await?;
    let seat = seat_of(db, id, me.user_id).await?;
    if seat.is_none() && !reads_all(&me) {
        return Err(AppError::NotFound);
    }
    Ok((me, c, seat))
}

/// The caller's own seat: 403 for those who follow the council without sitting on it, 404
/// for the rest.
async fn seated(
    db: &impl ConnectionTrait,
    id: i32,
) -> Result<(Arc<Account>, council::Model, member::Model), AppError> {
    let (me, c, seat) = readable(db, id).await?;
    let seat = seat.ok_or(AppError::Forbidden)?;
    Ok((me, c, seat))
}

async fn members(
    db: &impl ConnectionTrait,
    council_id: i32,
) -> Result<Vec<member::Model>, AppError> {
    Ok(member::Entity::find()
        .filter(member::Column::CouncilId.eq(council_id))
        .order_by_asc(member::Column::Id)
        .limit(LIMIT)
        .all(db)
        .await?)
}

pub(crate) async fn judged(
    db: &impl ConnectionTrait,
    council_id: i32,
) -> Result<Vec<proposal::Model>, AppError> {
    Ok(proposal::Entity::find()
        .filter(proposal::Column::CouncilId.eq(council_id))
        .order_by_asc(proposal::Column::Id)
        .limit(LIMIT)
        .all(db)
        .await?)
}

async fn ballots(
    db: &impl ConnectionTrait,
    council_id: i32,
) -> Result<Vec<ballot::Model>, AppError> {
    Ok(ballot::Entity::find()
        .filter(ballot::Column::CouncilId.eq(council_id))
        .order_by_asc(ballot::Column::Id)
        .all(db)
        .await?)
}

/// Everything the count and the pages read about one council, in four queries.
pub(crate) struct Sitting {
    pub members: Vec<member::Model>,
    pub people: HashMap<i32, user::Model>,
    pub proposals: Vec<proposal::Model>,
    pub ballots: Vec<ballot::Model>,
}

impl Sitting {
    pub async fn load(db: &impl ConnectionTrait, council_id: i32) -> Result<Sitting, AppError> {
        let members = members(db, council_id).await?;
        let ids: Vec<i32> = members.iter().map(|m| m.user_id).collect();
        let people = user::Entity::find()
            .filter(user::Column::Id.is_in(ids))
            .all(db)
            .await?
            .into_iter()
            .map(|u| (u.id, u))
            .collect();
        Ok(Sitting {
            members,
            people,
            proposals: judged(db, council_id).await?,
            ballots: ballots(db, council_id).await?,
        })
    }

    pub fn name(&self, user_id: i32) -> String {
        self.people
            .get(&user_id)
            .map_or_else(String::new, |u| u.display_name.clone())
    }

    pub fn ballot(&self, user_id: i32, proposal_id: i32) -> Option<&ballot::Model> {
        self.ballots
            .iter()
            .find(|b| b.user_id == user_id && b.proposal_id == proposal_id)
    }

    /// (member, proposal) pairs that may not vote: the member proposed it or works for the
    /// proposing organisation (`council::detect_conflicts`), or declared a conflict.
    pub fn conflicts(&self) -> HashSet<(i32, i32)> {
        let mut out = HashSet::new();
        for p in &self.proposals {
            let d = Dossier {
                applicant_id: p.proposer_id.into(),
                organisation_id: p.organisation_id.map(Into::into),
                team: Vec::new(),
            };
            for m in &self.members {
                let declared = self
                    .ballot(m.user_id, p.id)
                    .is_some_and(|b| b.conflict_note.is_some());
                let found = self.people.get(&m.user_id).is_some_and(|u| {
                    let who = Person {
                        user_id: u.id.into(),
                        organisation_id: u.organisation_id.map(Into::into),
                        email: u.email.clone(),
                        name: u.display_name.clone(),
                    };
                    !detect_conflicts(&who, &d).is_empty()
                });
                if declared || found {
                    out.insert((m.user_id, p.id));
                }
            }
        }
        out
    }

    /// The count on each proposal: the submitted ballots of present members not conflicted.
    pub fn counts(&self, rules: &IdentificationRules) -> HashMap<i32, Verdict> {
        let conflicts = self.conflicts();
        let present: HashSet<i32> = self
            .members
            .iter()
            .filter(|m| m.present)
            .map(|m| m.user_id)
            .collect();
        self.proposals
            .iter()
            .map(|p| {
                let casts: Vec<Cast> = self
                    .ballots
                    .iter()
                    .filter(|b| b.proposal_id == p.id && b.submitted_at.is_some())
                    .filter(|b| present.contains(&b.user_id))
                    .filter(|b| !conflicts.contains(&(b.user_id, p.id)))
                    .filter_map(|b| {
                        let e = &b.ballot.0;
                        Some(Cast {
                            member: b.user_id.into(),
                            scores: e.entry.scores.iter().copied().collect::<Option<_>>()?,
                            order: e.order?,
                        })
                    })
                    .collect();
                (p.id, count(rules, &casts))
            })
            .collect()
    }
}

/// The closed council's count on one proposal, for recording its conclusion: refused until a
/// council closed on it.
pub(crate) async fn verdict_on(
    db: &impl ConnectionTrait,
    p: &proposal::Model,
) -> Result<Verdict, AppError> {
    let not_judged = || AppError::invalid("status", Problem::NotJudged);
    let c = find(db, p.council_id.ok_or_else(not_judged)?).await?;
    if status_of(&c)? != CouncilState::Closed {
        return Err(not_judged());
    }
    let rules = rules_of(db, &c).await?;
    Sitting::load(db, c.id)
        .await?
        .counts(&rules)
        .remove(&p.id)
        .ok_or_else(not_judged)
}
