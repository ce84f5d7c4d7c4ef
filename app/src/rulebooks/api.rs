//! The rulebook in force and the publication of a new version (administrators). Versions are
//! never changed: a call keeps the version it pinned when it was published.

use chrono::{DateTime, Utc};
use domain::call::{TaskKind, TaskLevel};
use domain::rulebook::Rulebook;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use server_fn::codec::Json;

use crate::error::AppError;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct RulebookView {
    pub rulebook: Rulebook,
    pub published_at: DateTime<Utc>,
    /// The person asking may publish a new version.
    pub editable: bool,
    /// For a managing unit or a task type: whether the line asked for has versions of its own
    /// yet (if not, the rulebook shown is the less specific one its calls pin).
    pub own_line: bool,
    /// The managing units, each of which may have its own grassroots line (the first 100).
    pub units: Vec<(i32, String)>,
}

/// The latest version of a level's rulebook (provincial when no level is named), of a managing
/// unit's own grassroots line, of a task type's own line, or of a unit's line for a type: while
/// the line asked for has no version, the one its calls pin (docs/rulebook.md). Anyone signed in
/// may read the rules they work under.
#[server(prefix = "/api", endpoint = "rulebooks/current", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn current_rulebook(
    level: Option<TaskLevel>,
    unit_id: Option<i32>,
    #[server(default)] kind: Option<TaskKind>,
) -> Result<RulebookView, AppError> {
    crate::error::finish(
        server::current(level.unwrap_or(TaskLevel::Provincial), unit_id, kind).await,
    )
}

/// Publishes `rulebook` as the next version of its line (its level's; with `unit_id` a managing
/// unit's own grassroots line; with `kind` that task type's own line; its `version` is ignored)
/// and returns the number.
/// `based_on` is the version the edit started from (for a unit's first version, the grassroots
/// line's): if another was published meanwhile, the edit is refused rather than silently
/// overwriting it.
#[server(prefix = "/api", endpoint = "rulebooks/publish", input = Json, input_derive = (Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema))]
pub async fn publish_rulebook(based_on: u32, rulebook: Rulebook) -> Result<u32, AppError> {
    crate::error::finish(server::publish(based_on, rulebook).await)
}

#[cfg(feature = "ssr")]
pub mod server {
    use super::*;
    use crate::db::rulebooks::{insert, latest_for, next_version};
    use crate::db::state;
    use crate::error::Problem;
    use crate::kit::{audit, now, require, require_user};
    use domain::roles::{Permission, Scope};

    pub async fn current(
        level: TaskLevel,
        unit: Option<i32>,
        kind: Option<TaskKind>,
    ) -> Result<RulebookView, AppError> {
        let me = require_user()?;
        let db = &state()?.db;
        let unit = unit.filter(|_| level == TaskLevel::Grassroots);
        let row = latest_for(db, level, unit, kind).await?;
        let asked_kind = kind.map(|k| k.code().to_string());
        use crate::db::entities::organisation as org;
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
        let units = org::Entity::find()
            .select_only()
            .columns([org::Column::Id, org::Column::Name])
            .filter(org::Column::ManagesTasks.eq(true))
            .order_by_asc(org::Column::Name)
            .limit(100)
            .into_tuple()
            .all(db)
            .await?;
        Ok(RulebookView {
            units,
            own_line: (unit.is_some() || kind.is_some())
                && row.unit_id == unit
                && row.task_kind == asked_kind,
            rulebook: row.content.0.clone(),
            published_at: row.created_at,
            editable: me.may(Permission::ManageRulebooks, Scope::Global),
        })
    }

    /// A unit's line is for an organisation marked a managing unit.
    async fn unit_of(
        db: &impl sea_orm::ConnectionTrait,
        rb: &Rulebook,
    ) -> Result<Option<i32>, AppError> {
        use sea_orm::EntityTrait;
        let Some(id) = rb.unit_id else {
            return Ok(None);
        };
        let refuse = || AppError::invalid("unit_id", Problem::NotManagingUnit);
        let id = i32::try_from(id).map_err(|_| refuse())?;
        let org = crate::db::entities::organisation::Entity::find_by_id(id)
            .one(db)
            .await?;
        match org {
            Some(o) if o.manages_tasks => Ok(Some(id)),
            _ => Err(refuse()),
        }
    }

    pub async fn publish(based_on: u32, mut rb: Rulebook) -> Result<u32, AppError> {
        let admin = require(Permission::ManageRulebooks, Scope::Global)?;
        if let Some(first) = rb.problems().into_iter().next() {
            return Err(AppError::invalid(&first.path, Problem::Form(first.problem)));
        }
        let db = &state()?.db;
        let unit = unit_of(db, &rb).await?;
        let now = now()?;
        let txn = crate::db::begin(db).await?;
        let current = latest_for(&txn, rb.level, unit, rb.kind).await?;
        if current.version as u32 != based_on {
            return Err(AppError::invalid("version", Problem::RulebookChanged));
        }
        rb.version = u32::try_from(next_version(&txn).await?).map_err(|_| AppError::Internal)?;
        // The version is the primary key: of two administrators publishing at once, the second
        // insert fails and its transaction changes nothing.
        let inserted = insert(&txn, &rb, now).await;
        if let Err(e) = inserted {
            return Err(match e.sql_err() {
                Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => {
                    AppError::invalid("version", Problem::RulebookChanged)
                }
                _ => e.into(),
            });
        }
        audit(
            &txn,
            now,
            Some(admin.user_id),
            "rulebook_published",
            ("rulebook", rb.version.into()),
            serde_json::to_value(&rb).map_err(|e| crate::error::internal(&e))?,
        )
        .await?;
        txn.commit().await?;
        Ok(rb.version)
    }
}
