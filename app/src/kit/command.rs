//! The shape every command that moves money shares: a transaction at the request's time, tried
//! again when it loses a race to another writer (docs/ledger.md, "Transfers").

use std::future::Future;

use chrono::{DateTime, Utc};
use sea_orm::DatabaseTransaction;

use super::{now, state, IdempotencyKey};
use crate::db::retry::{retrying, Attempt};
use crate::error::AppError;

/// Attempts at a ledger write when others race it (32 directors on one payment at once).
pub const ATTEMPTS: u64 = 60;

/// Runs `step` with a fresh transaction at the request's time; the step commits what it wrote.
/// A step that returns [`Attempt::Raced`] (or loses a unique value or a lock) runs again in a
/// new transaction, backing off by `key`, at most [`ATTEMPTS`] times; `what` names the command
/// in the log when it never wins.
pub async fn command<T, F, Fut>(what: &str, key: &IdempotencyKey, step: F) -> Result<T, AppError>
where
    F: Fn(DatabaseTransaction, DateTime<Utc>) -> Fut,
    Fut: Future<Output = Result<T, Attempt>>,
{
    let db = &state()?.db;
    let step = &step;
    retrying(what, key.seed(), ATTEMPTS, || async move {
        let now = now()?;
        let txn = crate::db::begin(db).await?;
        step(txn, now).await
    })
    .await
}
