//! Rulebook versions in storage (S): one line of versions per task level, and a grassroots line
//! per managing unit that has its own; version numbers unique across lines (the primary key), so
//! a call's pinned version names one rulebook.

use chrono::{DateTime, Utc};
use domain::call::TaskLevel;
use domain::rulebook::Rulebook;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

use super::entities::rulebook;
use super::json::Json;
use crate::error::AppError;

/// The latest version of `level`'s own line (no unit's).
pub async fn latest(
    db: &impl ConnectionTrait,
    level: TaskLevel,
) -> Result<rulebook::Model, AppError> {
    rulebook::Entity::find()
        .filter(rulebook::Column::Level.eq(level.code()))
        .filter(rulebook::Column::UnitId.is_null())
        .order_by_desc(rulebook::Column::Version)
        .one(db)
        .await?
        .ok_or_else(|| {
            tracing::error!(level = level.code(), "no rulebook in the database");
            AppError::Internal
        })
}

/// The rulebook that governs a call of `level` run by `unit` (none: the department): the
/// unit's own grassroots line when it has one, else the level's line.
pub async fn latest_for(
    db: &impl ConnectionTrait,
    level: TaskLevel,
    unit: Option<i32>,
) -> Result<rulebook::Model, AppError> {
    if let (Some(unit), TaskLevel::Grassroots) = (unit, level) {
        let own = rulebook::Entity::find()
            .filter(rulebook::Column::Level.eq(level.code()))
            .filter(rulebook::Column::UnitId.eq(unit))
            .order_by_desc(rulebook::Column::Version)
            .one(db)
            .await?;
        if let Some(own) = own {
            return Ok(own);
        }
    }
    latest(db, level).await
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
