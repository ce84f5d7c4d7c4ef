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

impl From<sea_orm::DbErr> for Attempt {
    fn from(e: sea_orm::DbErr) -> Self {
        let raced = matches!(
            e.sql_err(),
            Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
        ) || {
            let text = e.to_string();
            // SQLite refuses a lock upgrade at once; PostgreSQL reports serialization failures.
            text.contains("database is locked") || text.contains("could not serialize")
        };
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
