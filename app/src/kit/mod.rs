//! The server kit every feature stands on (S): who asks and may they, the request's time and
//! state, the audit trail, and input parsed at the edge with each limit written once with its
//! reason. Features import from here, never from each other, for these.

pub mod access;
pub mod books;
mod command;
pub mod notify;
pub mod outbox;
pub mod throttle;
pub mod units;

pub use command::{command, ATTEMPTS};

pub use crate::audit::server::audit;
pub use crate::auth::server::{manage, now, require, require_user, Account};
pub use crate::db::state;

use crate::error::{AppError, Problem};
use domain::input;
pub use domain::input::{Bound, Dong, IdempotencyKey};

/// Names by id from one table's id and name columns, in one query (for lists that name who
/// did what, hosts and proposers).
async fn names_by_id<E: sea_orm::EntityTrait>(
    db: &impl sea_orm::ConnectionTrait,
    mut ids: Vec<i32>,
    id: E::Column,
    name: E::Column,
) -> Result<std::collections::HashMap<i32, String>, AppError> {
    use sea_orm::{ColumnTrait, QueryFilter, QuerySelect};
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() {
        return Ok(Default::default());
    }
    Ok(E::find()
        .select_only()
        .columns([id, name])
        .filter(id.is_in(ids))
        .into_tuple::<(i32, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect())
}

/// People's display names by id, in one query.
pub async fn display_names(
    db: &impl sea_orm::ConnectionTrait,
    ids: Vec<i32>,
) -> Result<std::collections::HashMap<i32, String>, AppError> {
    use crate::db::entities::user;
    names_by_id::<user::Entity>(db, ids, user::Column::Id, user::Column::DisplayName).await
}

/// Organisations' names by id, in one query.
pub async fn organisation_names(
    db: &impl sea_orm::ConnectionTrait,
    ids: Vec<i32>,
) -> Result<std::collections::HashMap<i32, String>, AppError> {
    use crate::db::entities::organisation as org;
    names_by_id::<org::Entity>(db, ids, org::Column::Id, org::Column::Name).await
}

/// A write that lost a race to a unique index (two people doing the same at once): the loser
/// is refused at `field` with `problem`, never a 500; any other database error stays one.
pub fn taken(e: sea_orm::DbErr, field: &str, problem: Problem) -> AppError {
    match e.sql_err() {
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => AppError::invalid(field, problem),
        _ => e.into(),
    }
}

/// The active account a form names by e-mail (`email`): a malformed address or no such
/// account is refused at that field.
pub async fn account_by_email(
    db: &impl sea_orm::ConnectionTrait,
    email: &str,
) -> Result<crate::db::entities::user::Model, AppError> {
    use crate::db::entities::user;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let email = domain::account::Email::parse(email)
        .map_err(|p| AppError::invalid("email", Problem::Field(p)))?;
    user::Entity::find()
        .filter(user::Column::Email.eq(email.as_str()))
        .filter(user::Column::Active.eq(true))
        .one(db)
        .await?
        .ok_or_else(|| AppError::invalid("email", Problem::NoSuchAccount))
}

/// An organisation a form names (a designated host), refused at `field` unless it exists.
pub async fn existing_organisation(
    db: &impl sea_orm::ConnectionTrait,
    field: &str,
    id: Option<i64>,
) -> Result<Option<i32>, AppError> {
    use sea_orm::EntityTrait;
    let Some(id) = id else {
        return Ok(None);
    };
    let refuse = || AppError::invalid(field, Problem::UnknownChoice);
    let id = i32::try_from(id).map_err(|_| refuse())?;
    crate::db::entities::organisation::Entity::find_by_id(id)
        .one(db)
        .await?
        .map(|o| Some(o.id))
        .ok_or_else(refuse)
}

/// An unexpected failure: its cause chain goes to the log, the user sees a plain 500.
pub fn internal<E: std::error::Error + 'static>(e: E) -> AppError {
    crate::error::internal(&e)
}

/// A client's idempotency key, refused at the field `key` when empty or too long.
pub fn key(key: &str) -> Result<IdempotencyKey, AppError> {
    IdempotencyKey::parse(key).map_err(|r| AppError::invalid("key", Problem::Ledger(r)))
}

/// Free text from a form, trimmed, refused at `field` when required and empty or longer than
/// its bound.
pub fn text(field: &str, s: &str, required: bool, bound: Bound) -> Result<String, AppError> {
    input::bounded(s, required, bound).map_err(|p| AppError::invalid(field, Problem::Form(p)))
}

/// An amount of money to move, refused at `field` unless more than zero.
pub fn amount(field: &str, amount_dong: i64) -> Result<Dong, AppError> {
    Dong::positive(amount_dong).map_err(|r| AppError::invalid(field, Problem::Ledger(r)))
}
