//! Retrying a transaction that lost a race: another writer took a unique value first (a receipt
//! number, an idempotency key, a pending payment's one resolution) or held SQLite's write lock.
//! The next attempt re-reads and usually ends with the right named answer.

use crate::error::AppError;

/// Why one attempt stopped.
pub enum Attempt {
    /// Another writer got there first: try again.
    Raced,
    Failed(AppError),
}

impl From<AppError> for Attempt {
    fn from(e: AppError) -> Self {
        Attempt::Failed(e)
    }
}

/// Whether a database error says the request lost a race and changed nothing: SQLite refuses a
/// lock upgrade at once; PostgreSQL reports serialisation failures and deadlocks.
pub fn lost_race(message: &str) -> bool {
    [
        "database is locked",
        "could not serialize",
        "deadlock detected",
    ]
    .iter()
    .any(|m| message.contains(m))
}

impl From<sea_orm::DbErr> for Attempt {
    fn from(e: sea_orm::DbErr) -> Self {
        let raced = matches!(
            e.sql_err(),
            Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
        ) || lost_race(&e.to_string());
        if raced {
            Attempt::Raced
        } else {
            Attempt::Failed(e.into())
        }
    }
}

/// Runs `attempt` until it finishes or fails for another reason than a race, at most `limit`
/// times, backing off a little longer each time and differently per `seed` so racers part.
pub async fn retrying<T, F, Fut>(
    what: &str,
    seed: u64,
    limit: u64,
    mut attempt: F,
) -> Result<T, AppError>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<T, Attempt>>,
{
    for n in 1..=limit {
        match attempt().await {
            Ok(v) => return Ok(v),
            Err(Attempt::Failed(e)) => return Err(e),
            Err(Attempt::Raced) => {
                let ms = n * (2 + seed % 7);
                tokio::time::sleep(std::time::Duration::from_millis(ms)).await;
            }
        }
    }
    tracing::error!(what, attempts = limit, "kept losing races");
    Err(AppError::Internal)
}
