//! Councils waiting on their members (docs/notifications.md, "Reminders"): a selection council
//! scoring, or an identification council voting, for the rulebook's days reminds every member
//! who still owes a sheet or a ballot, and again every as many days, until the council closes.

use chrono::{DateTime, Utc};
use domain::council::CouncilState;
use domain::reminder::{ReminderKind, ReminderRules};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};

use super::{due, Due, PER_KIND};
use crate::db::entities::{council, identification_council};
use crate::error::AppError;

/// The councils of either kind: (id, name, when scoring opened).
type Open = Vec<(i32, String, Option<DateTime<Utc>>)>;

fn reminded(
    kind: ReminderKind,
    rules: &ReminderRules,
    now: DateTime<Utc>,
    open: Open,
    owing: &std::collections::HashMap<i32, Vec<i32>>,
    link: impl Fn(i32) -> String,
) -> Vec<Due> {
    open.into_iter()
        .filter_map(|(id, name, opened)| {
            let (kind, subject, moment, stage) = due(kind, rules, now, id, opened?)?;
            let people = owing.get(&id).filter(|p| !p.is_empty())?.clone();
            Some(Due {
                kind,
                subject,
                moment,
                stage,
                people,
                name,
                link: link(id),
            })
        })
        .collect()
}

/// Selection councils scoring: the members who still owe a score sheet.
pub(super) async fn sheets_owed(
    db: &impl ConnectionTrait,
    rules: &ReminderRules,
    now: DateTime<Utc>,
) -> Result<Vec<Due>, AppError> {
    let kind = ReminderKind::SheetsOwed;
    let (from, to) = kind.window(rules, now);
    let open: Open = council::Entity::find()
        .select_only()
        .columns([
            council::Column::Id,
            council::Column::Name,
            council::Column::ScoringOpenedAt,
        ])
        .filter(council::Column::Status.eq(CouncilState::Scoring.code()))
        .filter(council::Column::ScoringOpenedAt.gte(from))
        .filter(council::Column::ScoringOpenedAt.lte(to))
        .limit(PER_KIND)
        .into_tuple()
        .all(db)
        .await?;
    let ids: Vec<i32> = open.iter().map(|c| c.0).collect();
    let owing = crate::councils::server::todo::owing(db, &ids).await?;
    Ok(reminded(kind, rules, now, open, &owing, |id| {
        format!("/councils/{id}")
    }))
}

/// Identification councils voting: the members who still owe a ballot.
pub(super) async fn ballots_owed(
    db: &impl ConnectionTrait,
    rules: &ReminderRules,
    now: DateTime<Utc>,
) -> Result<Vec<Due>, AppError> {
    let kind = ReminderKind::BallotsOwed;
    let (from, to) = kind.window(rules, now);
    let open: Open = identification_council::Entity::find()
        .select_only()
        .columns([
            identification_council::Column::Id,
            identification_council::Column::Name,
            identification_council::Column::ScoringOpenedAt,
        ])
        .filter(identification_council::Column::Status.eq(CouncilState::Scoring.code()))
        .filter(identification_council::Column::ScoringOpenedAt.gte(from))
        .filter(identification_council::Column::ScoringOpenedAt.lte(to))
        .limit(PER_KIND)
        .into_tuple()
        .all(db)
        .await?;
    let ids: Vec<i32> = open.iter().map(|c| c.0).collect();
    let owing = crate::identification::server::todo::owing(db, &ids).await?;
    Ok(reminded(kind, rules, now, open, &owing, |id| {
        format!("/proposals/councils/{id}")
    }))
}
