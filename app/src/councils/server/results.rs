//! Results: the council page, the chair's calibration view, the ranking and the applicant's evaluation without names.

use super::*;

/// The council's page: its members, dossiers, conflict flags (all of them for officers, one's
/// own for a member) and, for officers, the chair and the secretary, the scoring progress.
pub async fn get(id: i32) -> Result<CouncilView, AppError> {
    let me = require_user()?;
    let db = &state()?.db;
    let c = find(db, id).await?;
    let manages = oversees(db, &me, &c).await?;
    let mine = seat(db, id, me.user_id).await?;
    if !manages && mine.is_none() {
        return Err(AppError::NotFound);
    }
    let members = members_of(db, id).await?;
    let conflicts = conflicts_of(db, id, (!manages).then_some(me.user_id)).await?;
    let rb = rulebook_of(db, &c).await?;
    let seats: Vec<(i64, CouncilRole)> =
        members.iter().map(|m| (m.user_id.into(), m.role)).collect();
    let follows_progress = manages
        || mine.as_ref().is_some_and(|m| {
            matches!(
                CouncilRole::from_code(&m.role),
                Some(CouncilRole::Chair | CouncilRole::Secretary)
            )
        });
    Ok(CouncilView {
        id: c.id,
        call_id: c.call_id,
        name: c.name.clone(),
        status: status_of(&c)?,
        composition_problems: check_composition(&rb.council, &seats),
        members,
        dossiers: dossiers_of(db, id).await?,
        conflicts,
        progress: if follows_progress {
            progress_of(db, id).await?
        } else {
            Vec::new()
        },
        manages,
        my_role: mine.as_ref().map(role_of).transpose()?,
        my_invitation: mine.as_ref().map(invitation_of).transpose()?,
    })
}

async fn members_of(db: &impl ConnectionTrait, id: i32) -> Result<Vec<MemberView>, AppError> {
    let rows: Vec<(council_member::Model, Option<user::Model>)> = council_member::Entity::find()
        .filter(council_member::Column::CouncilId.eq(id))
        .order_by_asc(council_member::Column::Id)
        .find_also_related(user::Entity)
        .limit(LIMIT)
        .all(db)
        .await?;
    rows.iter()
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
        .collect()
}

async fn dossiers_of(db: &impl ConnectionTrait, id: i32) -> Result<Vec<DossierView>, AppError> {
    let ids = dossier_ids(db, id).await?;
    Ok(application::Entity::find()
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
        .collect())
}

/// The council's conflict flags, or only `member`'s own.
async fn conflicts_of(
    db: &impl ConnectionTrait,
    id: i32,
    member: Option<i32>,
) -> Result<Vec<ConflictView>, AppError> {
    let mut q = conflict::Entity::find().filter(conflict::Column::CouncilId.eq(id));
    if let Some(user_id) = member {
        q = q.filter(conflict::Column::UserId.eq(user_id));
    }
    Ok(q.order_by_asc(conflict::Column::Id)
        .limit(LIMIT)
        .all(db)
        .await?
        .into_iter()
        .map(|f| ConflictView {
            id: f.id,
            application_id: f.application_id,
            user_id: f.user_id,
            reason: f.reason.0.clone(),
            status: f.status,
            note: f.note,
        })
        .collect())
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

/// The ranking with every sheet, for officers and the council's members once scoring is
/// closed; a conflicted member never sees that dossier's scores.
pub async fn results(id: i32) -> Result<ResultsView, AppError> {
    let me = require_user()?;
    let db = &state()?.db;
    let c = find(db, id).await?;
    let manages = oversees(db, &me, &c).await?;
    if !manages && seat(db, id, me.user_id).await?.is_none() {
        return Err(AppError::NotFound);
    }
    // Sealed until the secretary closes scoring, for everyone.
    allow(&c, CouncilAction::ReadResults)?;
    let view = get(id).await?;
    let scored = scored(db, &c).await?;
    let paper: Vec<(i32, i64)> = progress_of(db, id)
        .await?
        .into_iter()
        .filter(|p| p.from_paper)
        .map(|p| (p.application_id, p.user_id.into()))
        .collect();
    let mut lines = std::collections::HashMap::new();
    for d in &view.dossiers {
        lines.insert(d.id, dossier_lines(&view, &scored, &paper, d.id)?);
    }
    let hidden: Vec<i64> = if manages {
        Vec::new()
    } else {
        let mine = scored.pairs.iter().filter(|(_, u)| *u == me.user_id);
        mine.map(|(a, _)| i64::from(*a)).collect()
    };
    let Scored {
        rb,
        outcomes,
        ranking,
        ..
    } = scored;
    let results = ranking
        .into_iter()
        .filter(|r| !hidden.contains(&r.application))
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

/// A dossier's sheets, each with its member's name, whether it counted and whether it came on
/// paper; and the names of the members kept off it for a conflict.
fn dossier_lines(
    view: &CouncilView,
    scored: &Scored,
    paper: &[(i32, i64)],
    dossier: i32,
) -> Result<(Vec<SheetLine>, Vec<String>), AppError> {
    let names: std::collections::HashMap<i64, &str> = view
        .members
        .iter()
        .map(|m| (i64::from(m.user_id), m.name.as_str()))
        .collect();
    let name = |id: i64| names.get(&id).map(|n| (*n).to_string());
    let outcome = &scored
        .outcomes
        .iter()
        .find(|(a, _)| *a == i64::from(dossier))
        .ok_or(AppError::Internal)?
        .1;
    let sheets = scored
        .sheets
        .iter()
        .filter(|(a, _)| *a == dossier)
        .map(|(_, s)| SheetLine {
            member: name(s.member).unwrap_or_default(),
            scores: s.scores.clone(),
            total: s.total(),
            counted: outcome.counted.contains(&s.member),
            from_paper: paper.contains(&(dossier, s.member)),
        })
        .collect();
    let mut conflicted: Vec<String> = scored
        .pairs
        .iter()
        .filter(|(a, _)| *a == dossier)
        .filter_map(|(_, u)| name(i64::from(*u)))
        .collect();
    conflicted.sort();
    conflicted.dedup();
    Ok((sheets, conflicted))
}
