//! The council as its members and the department see it: seats, proposals with their progress
//! (how many ballots are in, never what they say) and, once closed, the count.

use domain::council::{check_composition, CouncilState};
use domain::identification::Verdict;
use domain::roles::{Permission, Scope};
use sea_orm::EntityTrait;

use super::*;
use crate::identification::api::*;
use crate::kit::state;

pub(crate) fn count_view(v: &Verdict) -> CountView {
    CountView {
        mean: v.outcome.mean_total.display(),
        criterion_means: v
            .outcome
            .criterion_means
            .iter()
            .map(|m| m.display())
            .collect(),
        counted: v.outcome.counted.len() as u32,
        for_order: v.for_order,
        against: v.against,
        order: v.order,
    }
}

fn seats(s: &Sitting) -> Result<Vec<SeatView>, AppError> {
    s.members
        .iter()
        .map(|m| {
            Ok(SeatView {
                user_id: m.user_id,
                name: s.name(m.user_id),
                role: role_of(m)?,
                invitation: invitation_of(m)?,
                present: m.present,
            })
        })
        .collect()
}

async fn proposers(
    db: &impl ConnectionTrait,
    s: &Sitting,
) -> Result<HashMap<i32, String>, AppError> {
    let ids = s.proposals.iter().map(|p| p.proposer_id).collect();
    crate::kit::display_names(db, ids).await
}

fn proposals(
    s: &Sitting,
    me: i32,
    names: &HashMap<i32, String>,
    counts: &HashMap<i32, Verdict>,
) -> Vec<JudgedProposal> {
    let conflicts = s.conflicts();
    let seated = s.members.iter().any(|m| m.user_id == me);
    s.proposals
        .iter()
        .map(|p| {
            let voters: Vec<i32> = s
                .members
                .iter()
                .filter(|m| !conflicts.contains(&(m.user_id, p.id)))
                .map(|m| m.user_id)
                .collect();
            let submitted = voters
                .iter()
                .filter(|u| {
                    s.ballot(**u, p.id)
                        .is_some_and(|b| b.submitted_at.is_some())
                })
                .count() as u32;
            JudgedProposal {
                id: p.id,
                title: p.title.clone(),
                receipt_code: p.receipt_code.clone(),
                proposer: names.get(&p.proposer_id).cloned().unwrap_or_default(),
                conflicted: s
                    .members
                    .iter()
                    .filter(|m| conflicts.contains(&(m.user_id, p.id)))
                    .map(|m| s.name(m.user_id))
                    .collect(),
                submitted,
                voters: voters.len() as u32,
                mine: seated.then(|| OwnBallot {
                    submitted: s.ballot(me, p.id).is_some_and(|b| b.submitted_at.is_some()),
                    conflicted: conflicts.contains(&(me, p.id)),
                }),
                count: counts.get(&p.id).map(count_view),
            }
        })
        .collect()
}

pub async fn get(id: i32) -> Result<IdentificationView, AppError> {
    let db = &state()?.db;
    let (me, c, seat) = readable(db, id).await?;
    let status = status_of(&c)?;
    let rules = rules_of(db, &c).await?;
    let s = Sitting::load(db, id).await?;
    let round = crate::db::entities::proposal_round::Entity::find_by_id(c.round_id)
        .one(db)
        .await?
        .ok_or(AppError::Internal)?;
    // The count is read only once the meeting closed: until then ballots stay sealed.
    let counts = if status == CouncilState::Closed {
        s.counts(&rules)
    } else {
        HashMap::new()
    };
    let members = seats(&s)?;
    let roles: Vec<(i64, domain::council::CouncilRole)> =
        members.iter().map(|m| (m.user_id.into(), m.role)).collect();
    let invitation = seat.as_ref().map(invitation_of).transpose()?;
    let may = IdentificationMay {
        manage: me.may(Permission::ManageProposals, Scope::Global)
            && status != CouncilState::Closed,
        answer: status == CouncilState::Forming
            && invitation == Some(domain::council::Invitation::Invited),
        vote: status == CouncilState::Scoring
            && invitation == Some(domain::council::Invitation::Accepted),
    };
    Ok(IdentificationView {
        id,
        round_id: c.round_id,
        round_title: round.title,
        name: c.name.clone(),
        status,
        composition: check_composition(&rules.council, &roles),
        proposals: proposals(&s, me.user_id, &proposers(db, &s).await?, &counts),
        members,
        rules,
        created_at: c.created_at,
        closed_at: c.closed_at,
        may,
    })
}

/// The council a proposal sits before, for the proposal's page: its count once closed.
pub(crate) async fn judged_by(
    db: &impl ConnectionTrait,
    p: &proposal::Model,
) -> Result<Option<JudgedBy>, AppError> {
    let Some(id) = p.council_id else {
        return Ok(None);
    };
    let c = find(db, id).await?;
    let status = status_of(&c)?;
    let count = if status == CouncilState::Closed {
        Some(count_view(&verdict_on(db, p).await?))
    } else {
        None
    };
    Ok(Some(JudgedBy {
        id,
        name: c.name,
        status,
        count,
    }))
}

/// The round's councils and the submitted proposals none judges yet (the first 200), for the
/// round's page.
pub(crate) async fn of_round(
    db: &impl ConnectionTrait,
    round_id: i32,
) -> Result<(Vec<IdentificationRow>, Vec<WaitingProposal>), AppError> {
    use domain::proposal::ProposalStatus;
    use sea_orm::{ColumnTrait, QueryFilter, QueryOrder, QuerySelect};
    let councils = council::Entity::find()
        .filter(council::Column::RoundId.eq(round_id))
        .order_by_desc(council::Column::Id)
        .limit(LIMIT)
        .all(db)
        .await?
        .into_iter()
        .map(|c| {
            Ok(IdentificationRow {
                status: status_of(&c)?,
                id: c.id,
                round_id: c.round_id,
                name: c.name,
            })
        })
        .collect::<Result<_, AppError>>()?;
    let waiting: Vec<(i32, Option<String>, String)> = proposal::Entity::find()
        .select_only()
        .columns([
            proposal::Column::Id,
            proposal::Column::ReceiptCode,
            proposal::Column::Title,
        ])
        .filter(proposal::Column::RoundId.eq(round_id))
        .filter(proposal::Column::Status.eq(ProposalStatus::Submitted.code()))
        .filter(proposal::Column::CouncilId.is_null())
        .order_by_asc(proposal::Column::Id)
        .limit(200)
        .into_tuple()
        .all(db)
        .await?;
    let waiting = waiting
        .into_iter()
        .map(|(id, receipt_code, title)| WaitingProposal {
            id,
            receipt_code,
            title,
        })
        .collect();
    Ok((councils, waiting))
}
