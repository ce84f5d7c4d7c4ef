//! Results: the council page, the chair's calibration view, the ranking and the applicant's evaluation without names.

use super::*;

#[expect(
    clippy::too_many_lines,
    reason = "one transaction's steps in order; to be cut into helpers (issue 11)"
)]
pub async fn get(id: i32) -> Result<CouncilView, AppError> {
    let me = require_user()?;
    let db = &state()?.db;
    let c = find(db, id).await?;
    let manages = me.may(Permission::ManageCouncils, Scope::Global);
    let mine = seat(db, id, me.user_id).await?;
    if !manages && mine.is_none() {
        return Err(AppError::NotFound);
    }
    let rows: Vec<(council_member::Model, Option<user::Model>)> = council_member::Entity::find()
        .filter(council_member::Column::CouncilId.eq(id))
        .order_by_asc(council_member::Column::Id)
        .find_also_related(user::Entity)
        .limit(LIMIT)
        .all(db)
        .await?;
    let members = rows
        .iter()
        .map(|(m, u)| {
            Ok(MemberView {
                present: m.present,
                user_id: m.user_id,
                name: u
                    .as_ref()
                    .map(|u| u.display_name.clone())
                    .unwrap_or_default(),
                role: role_of(m)?,
                invitation: invitation_of(m)?,
            })
        })
        .collect::<Result<Vec<_>, AppError>>()?;
    let ids = dossier_ids(db, id).await?;
    let dossiers = application::Entity::find()
        .filter(application::Column::Id.is_in(ids))
        .order_by_asc(application::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|a| DossierView {
            id: a.id,
            receipt_code: a.receipt_code.unwrap_or_default(),
            title: a.title,
        })
        .collect();
    let mut conflicts_q = conflict::Entity::find().filter(conflict::Column::CouncilId.eq(id));
    if !manages {
        conflicts_q = conflicts_q.filter(conflict::Column::UserId.eq(me.user_id));
    }
    let conflicts = conflicts_q
        .order_by_asc(conflict::Column::Id)
        .limit(LIMIT)
        .all(db)
        .await?
        .into_iter()
        .map(|f| {
            Ok(ConflictView {
                id: f.id,
                application_id: f.application_id,
                user_id: f.user_id,
                reason: f.reason.0.clone(),
                status: f.status,
                note: f.note,
            })
        })
        .collect::<Result<Vec<_>, AppError>>()?;
    let rb = rulebook_of(db, &c).await?;
    let seats: Vec<(i64, CouncilRole)> =
        members.iter().map(|m| (m.user_id.into(), m.role)).collect();
    Ok(CouncilView {
        id: c.id,
        call_id: c.call_id,
        name: c.name.clone(),
        status: status_of(&c)?,
        composition_problems: check_composition(&rb.council, &seats),
        members,
        dossiers,
        conflicts,
        progress: if manages
            || mine.as_ref().is_some_and(|m| {
                matches!(
                    CouncilRole::from_code(&m.role),
                    Some(CouncilRole::Chair | CouncilRole::Secretary)
                )
            }) {
            progress_of(db, id).await?
        } else {
            Vec::new()
        },
        manages,
        my_role: mine.as_ref().map(role_of).transpose()?,
        my_invitation: mine.as_ref().map(invitation_of).transpose()?,
    })
}

pub async fn calibration(id: i32) -> Result<Vec<CalibrationView>, AppError> {
    let me = require_user()?;
    let db = &state()?.db;
    let (c, s) = seated(db, &me, id).await?;
    if role_of(&s)? != CouncilRole::Chair {
        return Err(AppError::Forbidden);
    }
    allow(&c, CouncilAction::ReadResults)?;
    let view = get(id).await?;
    let names: std::collections::HashMap<i64, String> = view
        .members
        .iter()
        .map(|m| (i64::from(m.user_id), m.name.clone()))
        .collect();
    let pairs = conflicted_pairs(db, id).await?;
    let sheets: Vec<(i64, Sheet)> = counted_sheets(db, id, &pairs)
        .await?
        .into_iter()
        .map(|(a, sheet)| (i64::from(a), sheet))
        .collect();
    Ok(domain::scoring::calibrate(&sheets)
        .into_iter()
        .filter_map(|cal| {
            let dossier = view
                .dossiers
                .iter()
                .find(|d| i64::from(d.id) == cal.application)?
                .clone();
            Some(CalibrationView {
                dossier,
                members: cal
                    .members
                    .into_iter()
                    .map(|(m, raw, z)| (names.get(&m).cloned().unwrap_or_default(), raw, z))
                    .collect(),
                std_dev_points: cal.std_dev_points,
                range_points: cal.range_points,
            })
        })
        .collect())
}

/// What the applicant (and whoever may read the dossier) learns of its evaluation once the
/// council has closed scoring: the figures and the comments, never who wrote which.
pub async fn evaluation(application_id: i32) -> Result<Option<Evaluation>, AppError> {
    let me = require_user()?;
    let db = &state()?.db;
    let a = application::Entity::find_by_id(application_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    crate::kit::access::readable(db, &me, &a).await?;
    let Some(link) = council_application::Entity::find()
        .filter(council_application::Column::ApplicationId.eq(application_id))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let c = find(db, link.council_id).await?;
    if status_of(&c)? != CouncilStatus::Closed {
        return Ok(None);
    }
    let Scored {
        rb,
        pairs,
        outcomes,
        ranking,
        ..
    } = scored(db, &c).await?;
    let me_id = i64::from(application_id);
    let outcome = outcomes
        .into_iter()
        .find(|(a, _)| *a == me_id)
        .ok_or(AppError::Internal)?
        .1;
    let ranked = ranking
        .iter()
        .find(|r| r.application == me_id)
        .ok_or(AppError::Internal)?;
    // Comments of the sheets that were submitted by members free of conflict, sorted so
    // their order says nothing about who wrote them.
    let rows = score_sheet::Entity::find()
        .filter(score_sheet::Column::CouncilId.eq(c.id))
        .filter(score_sheet::Column::ApplicationId.eq(application_id))
        .filter(score_sheet::Column::SubmittedAt.is_not_null())
        .limit(LIMIT)
        .all(db)
        .await?;
    let n = rb.scoring.criteria.len();
    let mut comments: Vec<Vec<String>> = vec![Vec::new(); n];
    let mut reviews = Vec::new();
    for s in rows
        .into_iter()
        .filter(|s| !pairs.contains(&(s.application_id, s.user_id)))
    {
        let entry: SheetEntry = s.entry.0.clone();
        for (i, text) in entry.comments.into_iter().enumerate().take(n) {
            if !text.trim().is_empty() {
                comments[i].push(text.trim().to_string());
            }
        }
        if !s.review.trim().is_empty() {
            reviews.push(s.review.trim().to_string());
        }
    }
    comments.iter_mut().for_each(|c| c.sort());
    reviews.sort();
    Ok(Some(Evaluation {
        closed_at: c.closed_at,
        criteria: rb.scoring.criteria,
        pass_mean_total: rb.scoring.pass_mean_total,
        mean_total: outcome.mean_total,
        criterion_means: outcome.criterion_means,
        passed: outcome.passed,
        rank: ranked.rank,
        of: u32::try_from(ranking.len()).unwrap_or(u32::MAX),
        sheets_counted: u32::try_from(outcome.counted.len()).unwrap_or(u32::MAX),
        comments,
        reviews,
    }))
}

#[expect(
    clippy::too_many_lines,
    reason = "one transaction's steps in order; to be cut into helpers (issue 11)"
)]
pub async fn results(id: i32) -> Result<ResultsView, AppError> {
    let me = require_user()?;
    let db = &state()?.db;
    let c = find(db, id).await?;
    let manages = me.may(Permission::ManageCouncils, Scope::Global);
    if !manages && seat(db, id, me.user_id).await?.is_none() {
        return Err(AppError::NotFound);
    }
    // Sealed until the secretary closes scoring, for everyone.
    allow(&c, CouncilAction::ReadResults)?;
    let view = get(id).await?;
    let names: std::collections::HashMap<i64, String> = view
        .members
        .iter()
        .map(|m| (i64::from(m.user_id), m.name.clone()))
        .collect();
    let Scored {
        rb,
        pairs,
        sheets,
        outcomes,
        ranking,
    } = scored(db, &c).await?;
    let paper: Vec<(i32, i64)> = progress_of(db, id)
        .await?
        .into_iter()
        .filter(|p| p.from_paper)
        .map(|p| (p.application_id, p.user_id.into()))
        .collect();
    let mut lines = std::collections::HashMap::new();
    for d in &view.dossiers {
        let outcome = &outcomes
            .iter()
            .find(|(a, _)| *a == i64::from(d.id))
            .ok_or(AppError::Internal)?
            .1;
        let detail: Vec<SheetLine> = sheets
            .iter()
            .filter(|(a, _)| *a == d.id)
            .map(|(_, s)| SheetLine {
                member: names.get(&s.member).cloned().unwrap_or_default(),
                scores: s.scores.clone(),
                total: s.total(),
                counted: outcome.counted.contains(&s.member),
                from_paper: paper.contains(&(d.id, s.member)),
            })
            .collect();
        let mut conflicted_names: Vec<String> = pairs
            .iter()
            .filter(|(a, _)| *a == d.id)
            .filter_map(|(_, u)| names.get(&i64::from(*u)).cloned())
            .collect();
        conflicted_names.sort();
        conflicted_names.dedup();
        lines.insert(d.id, (detail, conflicted_names));
    }
    // A conflicted member never sees that dossier's scores.
    let hidden: Vec<i32> = if manages {
        Vec::new()
    } else {
        pairs
            .iter()
            .filter(|(_, u)| *u == me.user_id)
            .map(|(a, _)| *a)
            .collect()
    };
    let results = ranking
        .into_iter()
        .filter(|r| !hidden.iter().any(|h| i64::from(*h) == r.application))
        .filter_map(|r| {
            let id = i32::try_from(r.application).ok()?;
            let dossier = view.dossiers.iter().find(|d| d.id == id)?.clone();
            let outcome = outcomes
                .iter()
                .find(|(a, _)| *a == r.application)?
                .1
                .clone();
            let (sheets, conflicted) = lines.remove(&id)?;
            Some(ResultView {
                dossier,
                outcome,
                ranked: r,
                sheets,
                conflicted,
            })
        })
        .collect();
    Ok(ResultsView {
        criteria: rb.scoring.criteria.clone(),
        pass_mean_total: rb.scoring.pass_mean_total,
        results,
    })
}
