//! Rulebook versions in storage (S): one line of versions per task level, a grassroots line per
//! managing unit that has its own, and within each a line per task type that has its own;
//! version numbers unique across lines (the primary key), so a call's pinned version names one
//! rulebook.

use chrono::{DateTime, Utc};
use domain::call::{TaskKind, TaskLevel};
use domain::rulebook::Rulebook;
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

/// The rulebook that governs a call of `level` and `kind` run by `unit` (none: the department;
/// docs/rulebook.md): the most specific line there is — the unit's own line for the type, the
/// unit's own line, the level's line for the type, the level's line — and its latest version.
/// A unit's lines are grassroots only. One query, ordered by how specific a line is.
pub async fn latest_for(
    db: &impl ConnectionTrait,
    level: TaskLevel,
    unit: Option<i32>,
    kind: Option<TaskKind>,
) -> Result<rulebook::Model, AppError> {
    use sea_orm::sea_query::{Condition, Expr, ExprTrait};
    use sea_orm::Order;
    let unit = unit.filter(|_| level == TaskLevel::Grassroots);
    let mut units = Condition::any().add(rulebook::Column::UnitId.is_null());
    if let Some(u) = unit {
        units = units.add(rulebook::Column::UnitId.eq(u));
    }
    let mut kinds = Condition::any().add(rulebook::Column::TaskKind.is_null());
    if let Some(k) = kind {
        kinds = kinds.add(rulebook::Column::TaskKind.eq(k.code()));
    }
    rulebook::Entity::find()
        .filter(rulebook::Column::Level.eq(level.code()))
        .filter(units)
        .filter(kinds)
        .order_by(Expr::col(rulebook::Column::UnitId).is_null(), Order::Asc)
        .order_by(Expr::col(rulebook::Column::TaskKind).is_null(), Order::Asc)
        .order_by_desc(rulebook::Column::Version)
        .one(db)
        .await?
        .ok_or_else(|| {
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
