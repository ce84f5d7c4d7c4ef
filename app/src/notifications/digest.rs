//! The daily digest (docs/notifications.md): notifications a person chose to receive in a
//! digest, made before the day's digest moment (07:00 Hà Nội), go out in one mail. Run by the
//! server's mail worker on each pass; taking a person's rows is one conditional update, so two
//! instances never send the same digest.

use chrono::{DateTime, Utc};
use domain::notice::{digest_cutoff, digest_of, Kind, Notice};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::db::entities::{notification, user};
use crate::error::AppError;

/// People served per pass, and notifications per digest.
const PEOPLE: u64 = 100;
const PER_DIGEST: u64 = 200;

/// Writes the digests due at `now` to the outbox; answers how many.
pub async fn send_digests(
    db: &DatabaseConnection,
    base: &str,
    now: DateTime<Utc>,
) -> Result<usize, AppError> {
    let cutoff = digest_cutoff(now);
    let waiting = || {
        notification::Entity::find()
            .filter(notification::Column::DigestPending.eq(true))
            .filter(notification::Column::CreatedAt.lt(cutoff))
    };
    let people: Vec<i32> = waiting()
        .select_only()
        .column(notification::Column::UserId)
        .distinct()
        .limit(PEOPLE)
        .into_tuple()
        .all(db)
        .await?;
    let mut sent = 0;
    for person in people {
        let txn = crate::db::begin(db).await?;
        let rows = waiting()
            .filter(notification::Column::UserId.eq(person))
            .order_by_asc(notification::Column::Id)
            .limit(PER_DIGEST)
            .all(&txn)
            .await?;
        let ids: Vec<i32> = rows.iter().map(|r| r.id).collect();
        let taken = notification::Entity::update_many()
            .col_expr(notification::Column::DigestPending, Expr::value(false))
            .filter(notification::Column::Id.is_in(ids.clone()))
            .filter(notification::Column::DigestPending.eq(true))
            .exec(&txn)
            .await?;
        let Some(u) = user::Entity::find_by_id(person).one(&txn).await? else {
            continue;
        };
        if taken.rows_affected != ids.len() as u64 || rows.is_empty() {
            // Another instance took them: its digest, not this one's.
            continue;
        }
        let notices: Vec<Notice> = rows
            .into_iter()
            .filter_map(|r| {
                Some(Notice {
                    kind: Kind::from_code(&r.kind)?,
                    vi: r.text_vi,
                    en: r.text_en,
                    link: r.link,
                })
            })
            .collect();
        let mail =
            digest_of(&notices, &u.email, &u.display_name, base).map_err(|_| AppError::Internal)?;
        crate::kit::outbox::enqueue(&txn, &mail, now).await?;
        txn.commit().await?;
        sent += 1;
    }
    Ok(sent)
}
