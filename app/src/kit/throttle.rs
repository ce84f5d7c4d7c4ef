//! Requests that send a link by mail (a password reset, a registration's confirmation) are
//! limited per address and per client within the link policy's hour (`domain::mail::LinkPolicy`),
//! counting the requests already kept: refused (429) before anything is looked up, so a refusal
//! says nothing about which addresses have accounts.

use chrono::{DateTime, Utc};
use domain::mail::LinkPolicy;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter};

use crate::error::AppError;

/// The columns of the table the requests are kept in.
pub struct Kept<C> {
    pub created_at: C,
    pub address: C,
    pub ip: C,
}

/// `Ok` when one more request from `address` and `ip` stays within `policy`; `what` names the
/// request in the log.
pub async fn per_address_and_client<E>(
    db: &impl ConnectionTrait,
    policy: LinkPolicy,
    cols: Kept<E::Column>,
    (address, ip): (&str, &str),
    now: DateTime<Utc>,
    what: &'static str,
) -> Result<(), AppError>
where
    E: EntityTrait,
    E::Model: Sync,
{
    let since = policy.window_start(now);
    let recent = || E::find().filter(cols.created_at.gte(since));
    let count = |n: u64| u32::try_from(n).unwrap_or(u32::MAX);
    let by_address = recent().filter(cols.address.eq(address)).count(db).await?;
    let by_ip = recent().filter(cols.ip.eq(ip)).count(db).await?;
    if policy.allows(count(by_address), count(by_ip)) {
        Ok(())
    } else {
        tracing::warn!(%ip, what, "throttled");
        Err(AppError::RateLimited {
            retry_after_seconds: 3600,
        })
    }
}
