//! Rulebook versions in storage (S): one line of versions per task level, version numbers
//! unique across lines (the primary key), so a call's pinned version names one rulebook.

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

/// The latest version of `level`'s rulebook.
pub async fn latest(
    db: &impl ConnectionTrait,
    level: TaskLevel,
) -> Result<rulebook::Model, AppError> {
    rulebook::Entity::find()
        .filter(rulebook::Column::Level.eq(level.code()))
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
