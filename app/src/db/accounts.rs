//! Account rows written from several places (administration, first-time setup, the demo
//! province, tests), so that a new account is always built the same way.

use chrono::{DateTime, Utc};
use domain::roles::RoleGrant;
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set};

use crate::db::entities::{role_grant, user};
use crate::error::AppError;

pub struct NewUser {
    /// Already normalised by `domain::account::Email`.
    pub email: String,
    pub display_name: String,
    pub password_hash: String,
    pub organisation_id: Option<i32>,
    /// Set when an administrator chose the password: its owner is asked to replace it.
    pub must_change_password: bool,
}

pub async fn insert_user(
    db: &impl ConnectionTrait,
    new: NewUser,
    now: DateTime<Utc>,
) -> Result<user::Model, AppError> {
    Ok(user::ActiveModel {
        email: Set(new.email),
        display_name: Set(new.display_name),
        password_hash: Set(new.password_hash),
        organisation_id: Set(new.organisation_id),
        active: Set(true),
        must_change_password: Set(new.must_change_password),
        created_at: Set(now),
        password_changed_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?)
}

/// Stores a grant already checked by `RoleGrant::new`; global grants store scope id 0.
pub async fn insert_grant(
    db: &impl ConnectionTrait,
    user_id: i32,
    grant: RoleGrant,
    granted_by: i32,
    now: DateTime<Utc>,
) -> Result<i32, AppError> {
    let row = role_grant::ActiveModel {
        user_id: Set(user_id),
        role: Set(grant.role.code().to_string()),
        scope_kind: Set(grant.scope.kind().code().to_string()),
        scope_id: Set(grant.scope.id().unwrap_or(0)),
        granted_by: Set(Some(granted_by)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(row.id)
}
