//! Rulebook versions in storage (S): one line of versions per task level, a grassroots line per
//! managing unit that has its own, and within each a line per task type that has its own;
//! version numbers unique across lines (the primary key), so a call's pinned version names one
//! rulebook.

use chrono::{DateTime, Utc};
use domain::call::{TaskKind, TaskLevel};
use domain::rulebook::{lines_for, Rulebook};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

use super::entities::rulebook;
use super::json::Json;
use crate::error::AppError;

/// The latest version of `level`'s own line (no unit's, no type's).
pub async fn latest(
    db: &impl ConnectionTrait,
    level: TaskLevel,
) -> Result<rulebook::Model, AppError> {
    latest_for(db, level, None, None).await
}

/// The rulebook that governs a call of `level` and `kind` run by `unit` (none: the department):
/// the latest version of the first of `domain::rulebook::lines_for` that has one. One query for
/// each candidate line's latest version (at most four rows), one for the version chosen.
pub async fn latest_for(
    db: &impl ConnectionTrait,
    level: TaskLevel,
    unit: Option<i32>,
    kind: Option<TaskKind>,
) -> Result<rulebook::Model, AppError> {
    use sea_orm::sea_query::Condition;
    let lines = lines_for(level, unit.map(i64::from), kind);
    let mut any = Condition::any();
    for line in &lines {
        let unit = line.unit_id.and_then(|u| i32::try_from(u).ok());
        any = any.add(
            Condition::all()
                .add(match unit {
                    Some(u) => rulebook::Column::UnitId.eq(u),
                    None => rulebook::Column::UnitId.is_null(),
                })
                .add(match line.kind {
                    Some(k) => rulebook::Column::TaskKind.eq(k.code()),
                    None => rulebook::Column::TaskKind.is_null(),
                }),
        );
    }
    let latest: Vec<(Option<i32>, Option<String>, Option<i32>)> = rulebook::Entity::find()
        .select_only()
        .column(rulebook::Column::UnitId)
        .column(rulebook::Column::TaskKind)
        .column_as(rulebook::Column::Version.max(), "version")
        .filter(rulebook::Column::Level.eq(level.code()))
        .filter(any)
        .group_by(rulebook::Column::UnitId)
        .group_by(rulebook::Column::TaskKind)
        .into_tuple()
        .all(db)
        .await?;
    let version = lines.iter().find_map(|line| {
        latest.iter().find_map(|(u, k, v)| {
            let same =
                u.map(i64::from) == line.unit_id && k.as_deref() == line.kind.map(TaskKind::code);
            same.then_some(*v).flatten()
        })
    });
    let row = match version {
        Some(v) => rulebook::Entity::find_by_id(v).one(db).await?,
        None => None,
    };
    row.ok_or_else(|| {
        tracing::error!(level = level.code(), "no rulebook in the database");
        AppError::Internal
    })
}

/// The number the next version takes, whatever its level.
pub async fn next_version(db: &impl ConnectionTrait) -> Result<i32, AppError> {
    let max: Option<i32> = rulebook::Entity::find()
        .select_only()
        .column(rulebook::Column::Version)
        .order_by_desc(rulebook::Column::Version)
        .into_tuple()
        .one(db)
        .await?;
    Ok(max.unwrap_or(0) + 1)
}

/// Writes `rb` as version `rb.version` of its level.
pub async fn insert(
    db: &impl ConnectionTrait,
    rb: &Rulebook,
    now: DateTime<Utc>,
) -> Result<(), sea_orm::DbErr> {
    rulebook::ActiveModel {
        version: Set(rb.version as i32),
        content: Set(Json(rb.clone())),
        created_at: Set(now),
        level: Set(rb.level.code().into()),
        unit_id: Set(rb.unit_id.and_then(|u| i32::try_from(u).ok())),
        task_kind: Set(rb.kind.map(|k| k.code().into())),
    }
    .insert(db)
    .await
    .map(|_| ())
}

/// Stores each level's default rulebook when that level has none yet (the provincial one from
/// the national texts, the grassroots one with smaller councils).
pub async fn ensure(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<(), AppError> {
    for mut rb in [Rulebook::national_default(), Rulebook::grassroots_default()] {
        let exists = rulebook::Entity::find()
            .filter(rulebook::Column::Level.eq(rb.level.code()))
            .filter(rulebook::Column::UnitId.is_null())
            .filter(rulebook::Column::TaskKind.is_null())
            .one(db)
            .await?
            .is_some();
        if !exists {
            rb.version = u32::try_from(next_version(db).await?).map_err(|_| AppError::Internal)?;
            insert(db, &rb, now).await?;
        }
    }
    Ok(())
}
