//! What waits for a selection council's member on the home page: seats to answer on councils
//! forming, and on councils scoring the dossiers whose sheet they have not submitted (those they
//! are conflicted on left out). Six queries, whatever the number of councils.

use std::collections::HashSet;

use domain::council::{CouncilState, Invitation};

use super::*;

/// The councils waiting on this person (how many, and the first), if any.
pub(crate) async fn waiting_on(
    db: &impl ConnectionTrait,
    me: &Account,
) -> Result<Option<(u64, i32)>, AppError> {
    let seats: Vec<(i32, String)> = council_member::Entity::find()
        .select_only()
        .columns([
            council_member::Column::CouncilId,
            council_member::Column::Invitation,
        ])
        .filter(council_member::Column::UserId.eq(me.user_id))
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
    let seat = |id: i32, invitation: Invitation| {
        seats
            .iter()
            .any(|(c, i)| *c == id && i == invitation.code())
    };
    let scoring: Vec<i32> = open
        .iter()
        .filter(|(id, s)| s == CouncilState::Scoring.code() && seat(*id, Invitation::Accepted))
        .map(|(id, _)| *id)
        .collect();
    // The same answer the reminders get (`owing`), read for this member.
    let owing = owing(db, &scoring).await?;
    let owes = |id: &i32| {
        owing
            .get(id)
            .is_some_and(|people| people.contains(&me.user_id))
    };
    let waiting: Vec<i32> = open
        .iter()
        .filter(|(id, s)| {
            (s == CouncilState::Forming.code() && seat(*id, Invitation::Invited)) || owes(id)
        })
        .map(|(id, _)| *id)
        .collect();
    Ok(waiting.first().map(|first| (waiting.len() as u64, *first)))
}

/// For each of `councils` (scoring), the members who accepted their seat and still owe a sheet
/// on a dossier they are not conflicted on: whom the reminders of unsubmitted sheets go to.
/// Four queries, whatever the number of councils.
pub(crate) async fn owing(
    db: &impl ConnectionTrait,
    councils: &[i32],
) -> Result<std::collections::HashMap<i32, Vec<i32>>, AppError> {
    if councils.is_empty() {
        return Ok(std::collections::HashMap::new());
    }
    let ids = || councils.iter().copied();
    let seated: Vec<(i32, i32)> = council_member::Entity::find()
        .select_only()
        .columns([
            council_member::Column::CouncilId,
            council_member::Column::UserId,
        ])
        .filter(council_member::Column::CouncilId.is_in(ids()))
        .filter(council_member::Column::Invitation.eq(Invitation::Accepted.code()))
        .into_tuple()
        .all(db)
        .await?;
    let dossiers: Vec<(i32, i32)> = council_application::Entity::find()
        .select_only()
        .columns([
            council_application::Column::CouncilId,
            council_application::Column::ApplicationId,
        ])
        .filter(council_application::Column::CouncilId.is_in(ids()))
        .into_tuple()
        .all(db)
        .await?;
    let done: HashSet<(i32, i32, i32)> = score_sheet::Entity::find()
        .select_only()
        .columns([
            score_sheet::Column::CouncilId,
            score_sheet::Column::ApplicationId,
            score_sheet::Column::UserId,
        ])
        .filter(score_sheet::Column::CouncilId.is_in(ids()))
        .filter(score_sheet::Column::SubmittedAt.is_not_null())
        .into_tuple()
        .all(db)
        .await?
        .into_iter()
        .chain(
            conflict::Entity::find()
                .select_only()
                .columns([
                    conflict::Column::CouncilId,
                    conflict::Column::ApplicationId,
                    conflict::Column::UserId,
                ])
                .filter(conflict::Column::CouncilId.is_in(ids()))
                .filter(conflict::Column::Status.ne("dismissed"))
                .into_tuple()
                .all(db)
                .await?,
        )
        .collect();
    let mut out: std::collections::HashMap<i32, Vec<i32>> = std::collections::HashMap::new();
    for (council_id, user_id) in seated {
        let owes = dossiers
            .iter()
            .any(|(c, a)| *c == council_id && !done.contains(&(council_id, *a, user_id)));
        if owes {
            out.entry(council_id).or_default().push(user_id);
        }
    }
    Ok(out)
}
