//! What waits for a member on the home page: seats to answer, and ballots to fill on councils
//! that are scoring (proposals they are not conflicted on and have not submitted). Six
//! queries, whatever the number of councils.

use std::collections::HashSet;

use domain::council::{CouncilState, Invitation};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, ExprTrait, QueryFilter, QueryOrder, QuerySelect,
};

use super::*;

/// The councils waiting on this person (how many, and the first), if any.
pub(crate) async fn waiting_on(
    db: &impl ConnectionTrait,
    me: &Account,
) -> Result<Option<(u64, i32)>, AppError> {
    let seats: Vec<(i32, String)> = member::Entity::find()
        .select_only()
        .columns([member::Column::CouncilId, member::Column::Invitation])
        .filter(member::Column::UserId.eq(me.user_id))
        .limit(LIMIT)
        .into_tuple()
        .all(db)
        .await?;
    if seats.is_empty() {
        return Ok(None);
    }
    let open: Vec<(i32, String)> = council::Entity::find()
        .select_only()
        .columns([council::Column::Id, council::Column::Status])
        .filter(council::Column::Id.is_in(seats.iter().map(|s| s.0)))
        .filter(council::Column::Status.ne(CouncilState::Closed.code()))
        .order_by_asc(council::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    let scoring: Vec<i32> = open
        .iter()
        .filter(|(_, s)| s == CouncilState::Scoring.code())
        .map(|(id, _)| *id)
        .collect();
    let invited = |id: i32| {
        seats
            .iter()
            .any(|(c, i)| *c == id && i == Invitation::Invited.code())
    };
    // The same answer the reminders get (`owing`), read for this member: every seat of a
    // council voting was accepted before it was constituted.
    let owing = owing(db, &scoring).await?;
    let owes = |id: i32| {
        owing
            .get(&id)
            .is_some_and(|people| people.contains(&me.user_id))
    };
    let waiting: Vec<i32> = open
        .iter()
        .filter(|(id, s)| {
            (s == CouncilState::Forming.code() && invited(*id))
                || (s == CouncilState::Scoring.code() && owes(*id))
        })
        .map(|(id, _)| *id)
        .collect();
    Ok(waiting.first().map(|first| (waiting.len() as u64, *first)))
}

/// For each of `councils` (voting), the members who accepted their seat and still owe a ballot
/// on a proposal they may judge (not their own or their organisation's, no conflict declared):
/// whom the reminders of unsubmitted ballots go to. Four queries, whatever the number.
pub(crate) async fn owing(
    db: &impl ConnectionTrait,
    councils: &[i32],
) -> Result<std::collections::HashMap<i32, Vec<i32>>, AppError> {
    if councils.is_empty() {
        return Ok(std::collections::HashMap::new());
    }
    let ids = || councils.iter().copied();
    let seated: Vec<(i32, i32)> = member::Entity::find()
        .select_only()
        .columns([member::Column::CouncilId, member::Column::UserId])
        .filter(member::Column::CouncilId.is_in(ids()))
        .filter(member::Column::Invitation.eq(Invitation::Accepted.code()))
        .into_tuple()
        .all(db)
        .await?;
    let orgs: std::collections::HashMap<i32, Option<i32>> = user::Entity::find()
        .select_only()
        .columns([user::Column::Id, user::Column::OrganisationId])
        .filter(user::Column::Id.is_in(seated.iter().map(|s| s.1)))
        .into_tuple()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let proposals: Vec<(i32, i32, i32, Option<i32>)> = proposal::Entity::find()
        .select_only()
        .columns([
            proposal::Column::Id,
            proposal::Column::CouncilId,
            proposal::Column::ProposerId,
            proposal::Column::OrganisationId,
        ])
        .filter(proposal::Column::CouncilId.is_in(ids()))
        .into_tuple()
        .all(db)
        .await?;
    let done: HashSet<(i32, i32)> = ballot::Entity::find()
        .select_only()
        .columns([ballot::Column::ProposalId, ballot::Column::UserId])
        .filter(ballot::Column::CouncilId.is_in(ids()))
        .filter(
            ballot::Column::SubmittedAt
                .is_not_null()
                .or(ballot::Column::ConflictNote.is_not_null()),
        )
        .into_tuple()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let mut out: std::collections::HashMap<i32, Vec<i32>> = std::collections::HashMap::new();
    for (council_id, user_id) in seated {
        let org = orgs.get(&user_id).copied().flatten();
        let owes = proposals.iter().any(|(p, c, proposer, p_org)| {
            *c == council_id
                && !done.contains(&(*p, user_id))
                && *proposer != user_id
                && (p_org.is_none() || *p_org != org)
        });
        if owes {
            out.entry(council_id).or_default().push(user_id);
        }
    }
    Ok(out)
}
